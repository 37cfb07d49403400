package dev.apscheduler.job;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.InvalidJobException;
import org.jspecify.annotations.Nullable;

/**
 * Checks that job arguments are JSON values (strings, numbers, booleans, null, lists, maps with string keys) and
 * copies them into unmodifiable structures. Numbers take the type JSON reads them back as ({@code Integer},
 * {@code Long}, {@code BigInteger} or {@code Double}), so a job equals itself after a trip through a store.
 */
final class JsonArguments {

    private static final String ALLOWED = "use strings, numbers, booleans, null, lists and maps with string keys";

    private JsonArguments() {
    }

    static List<@Nullable Object> args(List<?> args, String jobId) {
        return list(args, "args", jobId);
    }

    static Map<String, @Nullable Object> kwargs(Map<String, ?> kwargs, String jobId) {
        return map(kwargs, "kwargs", jobId);
    }

    private static List<@Nullable Object> list(Collection<?> values, String path, String jobId) {
        List<@Nullable Object> copy = new ArrayList<>(values.size());
        int index = 0;
        for (Object value : values) {
            copy.add(normalize(value, path + "[" + index++ + "]", jobId));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, @Nullable Object> map(Map<?, ?> values, String path, String jobId) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidJobException("Job '" + jobId + "': " + path + " has the key " + entry.getKey()
                        + " (" + typeOf(entry.getKey()) + "), which is not JSON-compatible: map keys must be strings");
            }
            copy.put(key, normalize(entry.getValue(), path + "['" + key + "']", jobId));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static @Nullable Object normalize(@Nullable Object value, String path, String jobId) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Character character) {
            return character.toString();
        }
        if (value instanceof Number number) {
            return number(number, path, jobId);
        }
        if (value instanceof Collection<?> collection) {
            return list(collection, path, jobId);
        }
        if (value instanceof Object[] array) {
            return list(List.of(array), path, jobId);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, path, jobId);
        }
        throw notJson(value, path, jobId, ALLOWED);
    }

    private static Object number(Number number, String path, String jobId) {
        if (number instanceof Byte || number instanceof Short || number instanceof Integer) {
            return number.intValue();
        }
        if (number instanceof Long || number instanceof BigInteger) {
            BigInteger integer = (number instanceof BigInteger big) ? big : BigInteger.valueOf(number.longValue());
            if (integer.bitLength() < 32) {
                return integer.intValue();
            }
            return (integer.bitLength() < 64) ? (Object) integer.longValue() : integer;
        }
        if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
            double value = number.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                // no type name here: this is what a JSON number too large for a double (1e400) becomes
                throw new InvalidJobException("Job '" + jobId + "': " + path + " = " + value
                        + " is not JSON-compatible: JSON has no NaN or infinite numbers");
            }
            return value;
        }
        throw notJson(number, path, jobId, ALLOWED);
    }

    private static InvalidJobException notJson(Object value, String path, String jobId, String advice) {
        return new InvalidJobException("Job '" + jobId + "': " + path + " = " + value + " (" + typeOf(value)
                + ") is not JSON-compatible: " + advice);
    }

    private static String typeOf(@Nullable Object value) {
        return (value != null) ? "a " + value.getClass().getName() : "null";
    }

}
