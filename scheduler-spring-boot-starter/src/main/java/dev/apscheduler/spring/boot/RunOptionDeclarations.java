package dev.apscheduler.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.InvalidJobOptionException;
import dev.apscheduler.job.JobOptions;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.RetryPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * What annotations and properties share about the run options of a declared job: its retry policy
 * ({@code maxAttempts}, {@code retryBackoff}, {@code retryMultiplier}, {@code retryMaxBackoff}, {@code retryJitter},
 * {@code retryOn}), its {@code timeout} and where its {@code max_instances} is counted ({@code maxInstancesScope}:
 * {@code instance} or {@code cluster}), read in the forms the other job options accept (durations as seconds,
 * {@code 30s}, {@code 5m} or {@code PT30S}; {@code none} for no timeout), with a bad value reported against the part
 * of the declaration that gave it.
 */
public final class RunOptionDeclarations {

    /**
     * The parts of a declaration that give its retry policy, by their annotation attribute name, and the option each
     * one sets.
     */
    public static final Map<String, String> RETRY_OPTIONS;

    static {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("maxAttempts", "max_attempts");
        options.put("retryBackoff", "retry_backoff");
        options.put("retryMultiplier", "retry_multiplier");
        options.put("retryMaxBackoff", "retry_max_backoff");
        options.put("retryJitter", "retry_jitter");
        options.put("retryOn", "retry_on");
        RETRY_OPTIONS = Collections.unmodifiableMap(options);
    }

    /** The part of a declaration that gives its timeout. */
    public static final String TIMEOUT = "timeout";

    /** The part of a declaration that says where its {@code max_instances} is counted. */
    public static final String MAX_INSTANCES_SCOPE = "maxInstancesScope";

    private static final String DURATION_FORMS = "expected a duration such as 30s, 5m or PT30S, or a number of seconds";

    private RunOptionDeclarations() {
    }

    /**
     * Reads the run options a declaration gives.
     * @param given the values given, by part name ({@link #RETRY_OPTIONS}' keys, {@link #TIMEOUT} and
     * {@link #MAX_INSTANCES_SCOPE}); a part that is absent, {@code null} or blank is not given. Numbers may be text;
     * durations may be text or {@link Duration}s; {@code retryOn} is a collection of exception classes or class
     * names, or a comma-separated text of names
     * @param source where the job was declared, for errors
     * @return the options: the retry policy when any retry part is given (the others taking
     * {@link RetryPolicy#NONE}'s values), the timeout and the {@code max_instances} scope when given
     * @throws RuntimeException from {@link DeclarationSource#invalid}, naming the part and the bad value
     */
    public static JobOptions read(Map<String, ?> given, DeclarationSource source) {
        JobOptions.Builder options = JobOptions.builder();
        Map<String, Object> retry = new LinkedHashMap<>();
        RETRY_OPTIONS.forEach((part, option) -> {
            Object value = value(given, part);
            if (value != null) {
                retry.put(option, switch (part) {
                    case "retryBackoff", "retryMaxBackoff", "retryJitter" -> duration(part, value, source);
                    case "retryOn" -> exceptionTypes(part, value, source);
                    default -> value;
                });
            }
        });
        if (!retry.isEmpty()) {
            try {
                options.retryPolicy(RetryPolicy.fromOptions(retry, RetryPolicy.NONE));
            }
            catch (InvalidJobOptionException ex) {
                throw source.invalid(part(ex.parameter()), message(ex), ex);
            }
        }
        Object timeout = value(given, TIMEOUT);
        if (timeout != null) {
            try {
                options.timeout(isNone(timeout) ? null : duration(TIMEOUT, timeout, source));
            }
            catch (InvalidJobOptionException ex) {
                throw source.invalid(TIMEOUT, message(ex), ex);
            }
        }
        Object scope = value(given, MAX_INSTANCES_SCOPE);
        if (scope != null) {
            try {
                options.maxInstancesScope(MaxInstancesScope.of(scope.toString()));
            }
            catch (InvalidJobOptionException ex) {
                throw source.invalid(MAX_INSTANCES_SCOPE, message(ex), ex);
            }
        }
        return options.build();
    }

    /**
     * Returns the part of a declaration that gives a job option.
     * @param option the option's name, as {@link InvalidJobOptionException#parameter()} gives it
     * @return the part's name ({@code retry_max_backoff} is {@code retryMaxBackoff}), or {@code null} when no run
     * option part gives it
     */
    public static @Nullable String part(String option) {
        if (option.equals(TIMEOUT)) {
            return TIMEOUT;
        }
        if (option.equals("max_instances_scope")) {
            return MAX_INSTANCES_SCOPE;
        }
        return RETRY_OPTIONS.entrySet()
            .stream()
            .filter((entry) -> entry.getValue().equals(option))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    }

    private static @Nullable Object value(Map<String, ?> given, String part) {
        Object value = given.get(part);
        if (value == null || (value instanceof CharSequence text && text.toString().isBlank())
                || (value instanceof Collection<?> items && items.isEmpty())) {
            return null;
        }
        return (value instanceof CharSequence text) ? text.toString().trim() : value;
    }

    private static boolean isNone(Object value) {
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return text.equals("none") || text.equals("null");
    }

    private static Duration duration(String part, Object value, DeclarationSource source) {
        try {
            return ConfigValues.duration(part, value);
        }
        catch (ConfigurationException ex) {
            throw source.invalid(part, "invalid value '" + value + "': " + DURATION_FORMS, ex);
        }
    }

    private static List<String> exceptionTypes(String part, Object value, DeclarationSource source) {
        List<Object> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            items.addAll(collection);
        }
        else if (value instanceof Object[] array) {
            items.addAll(List.of(array));
        }
        else {
            for (String name : value.toString().split(",")) {
                if (!name.isBlank()) {
                    items.add(name.trim());
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Object item : items) {
            names.add(exceptionType(part, Objects.requireNonNull(item, part), source));
        }
        return names;
    }

    /**
     * Returns the binary name of an exception class given by class or by name, checking that a name is one of an
     * exception class on the class path: a misspelt name would otherwise never match, and never retry.
     */
    private static String exceptionType(String part, Object item, DeclarationSource source) {
        String name = (item instanceof Class<?> given) ? given.getName() : item.toString().trim();
        Class<?> type;
        if (item instanceof Class<?> given) {
            type = given;
        }
        else {
            try {
                type = ClassUtils.forName(name, ClassUtils.getDefaultClassLoader());
            }
            catch (ClassNotFoundException | LinkageError | IllegalArgumentException ex) {
                throw source.invalid(part, "invalid value '" + name + "': no such class on the class path", ex);
            }
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw source.invalid(part, "invalid value '" + name + "': not an exception class (a Throwable)", null);
        }
        return type.getName();
    }

    private static String message(InvalidJobOptionException ex) {
        return Objects.requireNonNullElse(ex.getMessage(), ex.toString());
    }

}
