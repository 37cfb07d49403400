package dev.apscheduler.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apscheduler.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * APScheduler's configuration conversions ({@code asbool}, {@code asint}, seconds, time zones), each failing with a
 * {@link ConfigurationException} that names the key as written and the value.
 *
 * <p>The duration readers are public so that every place a user writes a duration (the flat configuration, Spring
 * properties, annotations) accepts the same forms and fails with the same message.
 */
public final class ConfigValues {

    private static final Pattern DURATION_WITH_UNIT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    /** The longest duration in seconds: what a {@code long} of nanoseconds holds. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private ConfigValues() {
    }

    /**
     * Returns APScheduler's spelling of a name given in snake_case, kebab-case or camelCase: lower case with
     * underscores ({@code day-of-week} and {@code dayOfWeek} become {@code day_of_week}). Configuration keys, trigger
     * parameters and annotation attributes all go through this one conversion.
     * @param name the name as written
     * @return the snake_case name
     */
    public static String canonical(String name) {
        StringBuilder result = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-') {
                result.append('_');
            }
            else if (Character.isUpperCase(c)) {
                if (i > 0 && result.charAt(result.length() - 1) != '_') {
                    result.append('_');
                }
                result.append(Character.toLowerCase(c));
            }
            else {
                result.append(c);
            }
        }
        return result.toString();
    }

    static String string(String key, Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof ZoneId || value instanceof Duration) {
            return value.toString().trim();
        }
        throw new ConfigurationException(key, value, "expected a string");
    }

    /** APScheduler's {@code asbool}. */
    static boolean bool(String key, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        return switch (string(key, value).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "t", "1" -> true;
            case "false", "no", "off", "n", "f", "0" -> false;
            default -> throw new ConfigurationException(key, value,
                    "expected a boolean (true/false, yes/no, on/off, y/n, t/f, 1/0)");
        };
    }

    /** APScheduler's {@code asint}. */
    static int integer(String key, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        try {
            return new BigDecimal(string(key, value)).intValueExact();
        }
        catch (NumberFormatException | ArithmeticException ex) {
            throw new ConfigurationException(key, value, "expected a whole number");
        }
    }

    /**
     * Reads a duration: a number of seconds (APScheduler's form, fractions allowed), a {@link Duration}, an ISO-8601
     * duration ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h},
     * {@code 1d}).
     * @param key where the value was written, for the error message
     * @param value the value
     * @return the duration
     * @throws ConfigurationException naming the key and the value if it is not a duration
     */
    public static Duration duration(String key, Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        String text = string(key, value);
        try {
            return seconds(key, value, new BigDecimal(text));
        }
        catch (NumberFormatException ex) {
            // not a plain number: try the other forms
        }
        Matcher matcher = DURATION_WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            BigDecimal amount = new BigDecimal(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> seconds(key, value, amount.movePointLeft(3));
                case "m" -> seconds(key, value, amount.multiply(BigDecimal.valueOf(60)));
                case "h" -> seconds(key, value, amount.multiply(BigDecimal.valueOf(3600)));
                case "d" -> seconds(key, value, amount.multiply(BigDecimal.valueOf(86400)));
                default -> seconds(key, value, amount);
            };
        }
        try {
            return Duration.parse(text);
        }
        catch (DateTimeParseException ex) {
            throw new ConfigurationException(key, value,
                    "expected a number of seconds (e.g. 30 or 0.5), a duration with a unit (500ms, 30s, 5m, 1h, 1d) "
                            + "or an ISO-8601 duration (PT30S)");
        }
    }

    /** Reads a positive duration. */
    static Duration positiveDuration(String key, Object value) {
        Duration duration = duration(key, value);
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigurationException(key, value, "expected a positive duration");
        }
        return duration;
    }

    /**
     * Reads a {@code misfire_grace_time}: a positive duration in any form {@link #duration(String, Object)} accepts,
     * or {@code none} (also {@code null}, empty or {@code null} as text) for "run however late".
     * @param key where the value was written, for the error message
     * @param value the value
     * @return the grace time, or empty for "run however late"
     * @throws ConfigurationException naming the key and the value if it is neither a positive duration nor none
     */
    public static Optional<Duration> misfireGraceTime(String key, @Nullable Object value) {
        return (value == null || isNone(value)) ? Optional.empty() : Optional.of(positiveDuration(key, value));
    }

    private static boolean isNone(@Nullable Object value) {
        if (value == null) {
            return true;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return text.isEmpty() || text.equals("none") || text.equals("null");
    }

    static ZoneId zone(String key, Object value) {
        if (value instanceof ZoneId zone) {
            return zone;
        }
        try {
            return ZoneId.of(string(key, value));
        }
        catch (DateTimeException ex) {
            throw new ConfigurationException(key, value, "expected a time zone such as UTC or Europe/Helsinki");
        }
    }

    /**
     * Converts seconds to a duration of whole nanoseconds. A duration beyond what a {@code long} of nanoseconds holds
     * (about 292 years) is refused rather than wrapped around; less than a nanosecond is zero.
     */
    private static Duration seconds(String key, Object value, BigDecimal seconds) {
        BigDecimal nanos = seconds.movePointRight(9);
        if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigurationException(key, value, "out of range: at most " + MAX_SECONDS + " seconds");
        }
        if (nanos.abs().compareTo(BigDecimal.ONE) < 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

}
