package com.example.sample.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.spring.boot.web.RequestLimits;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

/**
 * The API's error answers: a JSON body with {@code status}, {@code error}, {@code message} and, when one field of the
 * request is at fault, {@code field} (for an element of a batch, {@code [3].trigger}, with its {@code index}). Always
 * JSON, whatever the request's {@code Accept} header: an error a client cannot read is worse than one in a type it did
 * not ask for.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static ResponseEntity<Map<String, Object>> answer(HttpStatusCode status, @Nullable String message,
            @Nullable String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status, message, field));
    }

    /** A size as people write it: {@code 1 MB}, {@code 64 KB}, {@code 1000 bytes}. */
    static String describe(DataSize size) {
        return RequestLimits.describe(size);
    }

    /** An error about one element of a batch: its index beside the field, which starts with {@code [index]}. */
    static ResponseEntity<Map<String, Object>> answer(HttpStatusCode status, @Nullable String message,
            @Nullable String field, int index) {
        Map<String, Object> body = body(status, message, field);
        body.put("index", index);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
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
