package com.example.sample.api;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobBatchException;
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
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of the application's requests into a JSON answer ({@link ApiErrors}): 404 for an unknown job,
 * run or path, 409 for a taken id or a run that cannot start now, 400 for anything wrong in the request, 413 for a
 * body too large, 503 when a job store or the run history fails, and Spring MVC's own statuses (405, 406, 415) for
 * requests the API does not serve. It applies to every handler, including those that were never found, so that no
 * error is answered with an empty body or in a content type the client did not ask for. Messages are written for the
 * client: never a Java type, SQL or a stack trace, which go to the log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final Pattern ARGUMENTS = Pattern.compile("^Job '[^']*': (args|kwargs)[\\[ ]");

    @ExceptionHandler(JobLookupException.class)
    ResponseEntity<Map<String, Object>> notFound(JobLookupException ex) {
        return ApiErrors.answer(HttpStatus.NOT_FOUND, ex.getMessage(), null);
    }

    @ExceptionHandler(ConflictingIdException.class)
    ResponseEntity<Map<String, Object>> conflictingId(ConflictingIdException ex) {
        return ApiErrors.answer(HttpStatus.CONFLICT, ex.getMessage(), "id");
    }

    @ExceptionHandler({ MaxInstancesReachedException.class, SchedulerNotRunningException.class })
    ResponseEntity<Map<String, Object>> cannotRunNow(RuntimeException ex) {
        return ApiErrors.answer(HttpStatus.CONFLICT, ex.getMessage(), null);
    }

    @ExceptionHandler(JobBatchRequests.ElementException.class)
    ResponseEntity<Map<String, Object>> invalidElement(JobBatchRequests.ElementException ex) {
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.path(), ex.index());
    }

    @ExceptionHandler(JobBatchRequests.TooLargeException.class)
    ResponseEntity<Map<String, Object>> batchTooLarge(JobBatchRequests.TooLargeException ex) {
        return ApiErrors.answer(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), null);
    }

    /**
     * A job of a batch the scheduler refused: the status its cause has for a single add, the element's index, and
     * {@code [3].id} for a taken id.
     */
    @ExceptionHandler(JobBatchException.class)
    ResponseEntity<Map<String, Object>> batchRefused(JobBatchException ex) {
        String element = "[" + ex.index() + "]";
        RuntimeException cause = ex.getCause();
        if (cause instanceof ConflictingIdException) {
            return ApiErrors.answer(HttpStatus.CONFLICT, ex.getMessage(), element + ".id", ex.index());
        }
        if (cause instanceof JobStoreException) {
            logger.warn("A batch of jobs failed because a job store failed", ex);
            return ApiErrors.answer(HttpStatus.SERVICE_UNAVAILABLE, "a job store is unavailable; jobs[" + ex.index()
                    + "] and the jobs after it were not added (" + ex.added().size() + " before it were), try "
                    + "again later", element, ex.index());
        }
        Matcher argument = ARGUMENTS.matcher(String.valueOf(cause.getMessage()));
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, ex.getMessage(),
                argument.find() ? element + "." + argument.group(1) : element, ex.index());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException ex) {
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
    }

    /** Names {@code args} or {@code kwargs} when an argument is refused: {@code Job 'x': args[0] = ... }. */
    @ExceptionHandler(InvalidJobException.class)
    ResponseEntity<Map<String, Object>> invalidJob(InvalidJobException ex) {
        Matcher argument = ARGUMENTS.matcher(String.valueOf(ex.getMessage()));
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, ex.getMessage(), argument.find() ? argument.group(1) : null);
    }

    @ExceptionHandler({ UnknownTaskException.class, ConfigurationException.class, IllegalArgumentException.class })
    ResponseEntity<Map<String, Object>> badValue(RuntimeException ex) {
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException ex) {
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, "'" + ex.getName() + "' is not valid here", ex.getName());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        RequestSizeLimit.BodyTooLargeException tooLarge = cause(ex, RequestSizeLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return ApiErrors.answer(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null);
        }
        JacksonException json = cause(ex, JacksonException.class);
        if (json == null) {
            return ApiErrors.answer(HttpStatus.BAD_REQUEST, "the request body is missing or not JSON", null);
        }
        String field = JsonFields.path(json);
        return ApiErrors.answer(HttpStatus.BAD_REQUEST, describe(json, field), field.isEmpty() ? null : field);
    }

    @ExceptionHandler(JobStoreException.class)
    ResponseEntity<Map<String, Object>> storeFailed(JobStoreException ex) {
        // the store's message may quote SQL or a driver's error: the client learns that the store failed, the log why
        logger.warn("A request failed because a job store failed", ex);
        return ApiErrors.answer(HttpStatus.SERVICE_UNAVAILABLE,
                "a job store is unavailable; nothing was changed by this request, try again later", null);
    }

    /**
     * Spring MVC's own errors, with their status: no handler for the path (404), the method (405), the media types
     * (406, 415). Anything else is a failure of the application: 500, with the details in the log only.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception ex) {
        if (ex instanceof ErrorResponse error) {
            String detail = error.getBody().getDetail();
            return ApiErrors.answer(error.getStatusCode(),
                    (detail != null) ? detail : "the request cannot be served", null);
        }
        logger.error("A request failed unexpectedly", ex);
        return ApiErrors.answer(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request failed unexpectedly; the application's log says why", null);
    }

    /**
     * Says what is wrong with a request body in the request's own terms, never in Jackson's, which name Java types.
     */
    private static String describe(JacksonException ex, String field) {
        String subject = field.isEmpty() ? "the request body" : "'" + field + "'";
        if (ex instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (known: " + unknown.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (ex instanceof StreamConstraintsException) {
            return subject + " is nested too deeply or holds a value too long to read";
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return subject + " must be " + JsonFields.expected(mismatch.getTargetType());
        }
        if (ex instanceof InputCoercionException) {
            return subject + " is out of range";
        }
        if (ex instanceof StreamReadException read && read.getLocation() != null) {
            return "the request body is not valid JSON (line " + read.getLocation().getLineNr() + ", column "
                    + read.getLocation().getColumnNr() + ")";
        }
        return subject + " is not valid for this request";
    }

    private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

}
