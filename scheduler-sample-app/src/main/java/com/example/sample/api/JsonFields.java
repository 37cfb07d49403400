package com.example.sample.api;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Names what a JSON error is about the way a client wrote the request: the field ({@code max_instances},
 * {@code args[0]}) and the kind of value expected there.
 */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Names the JSON property at fault: {@code max_instances}, {@code args[0]}. For a document nested too deeply,
     * only the top-level field, not the hundreds of levels below it.
     */
    static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
            if (ex instanceof StreamConstraintsException && !path.isEmpty()) {
                break;
            }
        }
        return path.toString();
    }

    /** The kind of JSON value a Java type is read from. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a different kind of value";
    }

}
