package com.example.sample.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.UnknownTaskException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns the scheduler's errors into JSON answers ({@code status}, {@code error}, {@code message} and, when one field
 * of the request is at fault, {@code field}): 404 for an unknown job, 409 for a taken id or a run that cannot start
 * now, 400 for anything wrong in the request, 503 when a job store fails.
 */
@RestControllerAdvice(assignableTypes = { JobController.class, TaskController.class })
class ApiExceptionHandler {

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

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException ex) {
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
    }

    @ExceptionHandler({ InvalidJobException.class, UnknownTaskException.class, ConfigurationException.class,
            IllegalArgumentException.class })
    ResponseEntity<Map<String, Object>> badValue(RuntimeException ex) {
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        JacksonException json = jacksonCause(ex);
        if (json == null) {
            return answer(HttpStatus.BAD_REQUEST, "the request body is missing or not JSON", null);
        }
        String field = path(json);
        return answer(HttpStatus.BAD_REQUEST, describe(json), field.isEmpty() ? null : field);
    }

    @ExceptionHandler(JobStoreException.class)
    ResponseEntity<Map<String, Object>> storeFailed(JobStoreException ex) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), null);
    }

    private static String describe(JacksonException ex) {
        if (ex instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (known: " + unknown.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        return "the request body is not valid for this request: " + ex.getOriginalMessage();
    }

    private static @Nullable JacksonException jacksonCause(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    /** Names the JSON property at fault the way a client wrote it: {@code max_instances}, {@code args[0]}. */
    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, @Nullable String message,
            @Nullable String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", String.valueOf(message));
        if (field != null) {
            body.put("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }

}
