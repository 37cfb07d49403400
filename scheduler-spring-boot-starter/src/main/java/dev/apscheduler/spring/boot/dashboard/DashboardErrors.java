package dev.apscheduler.spring.boot.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.UnknownTaskException;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the errors of the dashboard's endpoints into {@code {"status", "error", "message", "field"}}: 400 naming the
 * bad field (which the pages highlight), 404 for an unknown job, 409 for a conflict, 503 when a store fails (the
 * details go to the log, never to the page).
 */
@RestControllerAdvice(assignableTypes = { DashboardApiController.class, DashboardActionsController.class })
public class DashboardErrors {

    private static final Logger logger = LoggerFactory.getLogger(DashboardErrors.class);

    private static final Pattern ARGUMENTS = Pattern.compile("^Job '[^']*': (args|kwargs)[\\[ ]");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException ex) {
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
    }

    @ExceptionHandler(JobLookupException.class)
    ResponseEntity<Map<String, Object>> notFound(JobLookupException ex) {
        return answer(HttpStatus.NOT_FOUND, ex.getMessage(), null);
    }

    @ExceptionHandler(ConflictingIdException.class)
    ResponseEntity<Map<String, Object>> conflictingId(ConflictingIdException ex) {
        return answer(HttpStatus.CONFLICT, ex.getMessage(), "id");
    }

    @ExceptionHandler({ MaxInstancesReachedException.class, SchedulerNotRunningException.class })
    ResponseEntity<Map<String, Object>> cannotRunNow(RuntimeException ex) {
        return answer(HttpStatus.CONFLICT, ex.getMessage(), null);
    }

    @ExceptionHandler(InvalidJobException.class)
    ResponseEntity<Map<String, Object>> invalidJob(InvalidJobException ex) {
        Matcher argument = ARGUMENTS.matcher(String.valueOf(ex.getMessage()));
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), argument.find() ? argument.group(1) : null);
    }

    @ExceptionHandler({ UnknownTaskException.class, ConfigurationException.class, IllegalArgumentException.class })
    ResponseEntity<Map<String, Object>> badValue(RuntimeException ex) {
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
    }

    @ExceptionHandler(DashboardApiController.RunHistoryOffException.class)
    ResponseEntity<Map<String, Object>> noHistory(RuntimeException ex) {
        return answer(HttpStatus.NOT_FOUND, ex.getMessage(), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return answer(HttpStatus.BAD_REQUEST, "the request body is missing, not JSON, or has a value of the wrong type",
                null);
    }

    @ExceptionHandler(JobStoreException.class)
    ResponseEntity<Map<String, Object>> storeFailed(JobStoreException ex) {
        logger.warn("A dashboard request failed because a job store failed", ex);
        return answer(HttpStatus.SERVICE_UNAVAILABLE,
                "a job store is unavailable; nothing was changed by this request, try again later", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception ex) {
        if (ex instanceof ErrorResponse error) {
            String detail = error.getBody().getDetail();
            return answer(error.getStatusCode(), (detail != null) ? detail : "the request cannot be served", null);
        }
        logger.error("A dashboard request failed unexpectedly", ex);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "the request failed unexpectedly; the application's log "
                + "says why", null);
    }

    static ResponseEntity<Map<String, Object>> answer(HttpStatusCode status, @Nullable String message,
            @Nullable String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status, message, field));
    }

    static Map<String, Object> body(HttpStatusCode status, @Nullable String message, @Nullable String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("error", (known != null) ? known.getReasonPhrase() : "Error");
        body.put("message", String.valueOf(message));
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

}
