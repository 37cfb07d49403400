package com.example.sample.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.SchedulerException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the scheduler's errors into JSON answers: 404 for an unknown job, 409 for a taken id, 400 for anything wrong
 * in the request, naming the field when it can be told.
 */
@RestControllerAdvice(assignableTypes = { JobController.class, TaskController.class })
class ApiExceptionHandler {

    /** Trigger errors name the parameter as {@code parameter 'hour'} or {@code cron field 'hour'}. */
    private static final Pattern PARAMETER = Pattern.compile("(?:parameter|field) '([a-z_\\[\\]0-9]+)'");

    @ExceptionHandler(JobLookupException.class)
    ResponseEntity<Map<String, Object>> notFound(JobLookupException ex) {
        return answer(HttpStatus.NOT_FOUND, ex.getMessage(), null);
    }

    @ExceptionHandler(ConflictingIdException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictingIdException ex) {
        return answer(HttpStatus.CONFLICT, ex.getMessage(), "id");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException ex) {
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
    }

    @ExceptionHandler({ IllegalArgumentException.class, SchedulerException.class })
    ResponseEntity<Map<String, Object>> badValue(RuntimeException ex) {
        Matcher parameter = PARAMETER.matcher(String.valueOf(ex.getMessage()));
        return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), parameter.find() ? "params." + parameter.group(1) : null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return answer(HttpStatus.BAD_REQUEST, "the request body is not valid JSON for this request: "
                + ex.getMostSpecificCause().getMessage(), null);
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
