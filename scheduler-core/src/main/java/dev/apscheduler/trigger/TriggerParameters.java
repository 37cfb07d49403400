package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.apscheduler.config.ConfigValues;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one trigger in string form, read under APScheduler's snake_case names whatever spelling the
 * caller used ({@code day_of_week}, {@code day-of-week} or {@code dayOfWeek}). Every read converts and validates
 * the value and names the trigger, the parameter and the value when it is wrong; {@link #requireOnly(Collection)}
 * rejects names the trigger does not know.
 *
 * <p>This is what a {@link TriggerFactory} receives: the built-in kinds read their parameters with the same methods,
 * so a custom kind accepts the same spellings and value forms and reports bad values the same way. Read-only and
 * immutable.
 */
public final class TriggerParameters {

    /** The largest decimal exponent a number may have, and the smallest (negated) one it is told apart from 0. */
    static final int MAX_EXPONENT = 30;

    /** The longest text read as a number. */
    private static final int MAX_NUMBER_LENGTH = 100;

    private final String alias;

    private final Map<String, Object> values;

    private final @Nullable ZoneId defaultZone;

    private final Clock clock;

    private final TriggerRegistry registry;

    private TriggerParameters(String alias, Map<String, Object> values, @Nullable ZoneId defaultZone, Clock clock,
            TriggerRegistry registry) {
        this.alias = alias;
        this.values = values;
        this.defaultZone = defaultZone;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Reads the parameters of a kind that nests no triggers (the cron builder, a crontab line).
     */
    static TriggerParameters of(String alias, Map<String, ?> raw, @Nullable ZoneId defaultZone, Clock clock) {
        return of(alias, raw, defaultZone, clock, TriggerRegistry.builtIn());
    }

    static TriggerParameters of(String alias, Map<String, ?> raw, @Nullable ZoneId defaultZone, Clock clock,
            TriggerRegistry registry) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> spellings = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String name = ConfigValues.canonical(key);
            String previous = spellings.putIfAbsent(name, key);
            if (previous != null) {
                throw new InvalidTriggerException("trigger '" + alias + "': parameter '" + name
                        + "' is given twice, as '" + previous + "' and as '" + key + "'", name, null);
            }
            if (value != null) {
                values.put(name, value);
            }
        });
        return new TriggerParameters(alias, values, defaultZone, clock, registry);
    }

    /**
     * Returns the alias of the trigger being built, for messages.
     * @return the alias, lower case
     */
    public String alias() {
        return this.alias;
    }

    /**
     * Returns the clock defaults are computed from (an interval's start date is "now" by default): the scheduler's.
     * @return the clock
     */
    public Clock clock() {
        return this.clock;
    }

    /**
     * Returns the zone the caller gave as the default for these parameters (the scheduler's time zone), if any.
     * {@link #zone(String...)} applies it.
     * @return the default zone, or empty when none was given
     */
    public Optional<ZoneId> defaultZone() {
        return Optional.ofNullable(this.defaultZone);
    }

    /**
     * Returns the registry that built these parameters, which builds the triggers a combination nests.
     */
    TriggerRegistry registry() {
        return this.registry;
    }

    /**
     * Returns whether a parameter is given (with a value other than {@code null}).
     * @param name the parameter's snake_case name
     * @return whether it is given
     */
    public boolean has(String name) {
        return this.values.containsKey(name);
    }

    /**
     * Returns the names of the parameters given.
     * @return the snake_case names, in the order given, unmodifiable
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(this.values.keySet());
    }

    /**
     * Fails when a parameter is not among {@code allowed}, listing the allowed names: call it first, so that a
     * misspelt parameter is reported rather than ignored.
     * @param allowed the snake_case names the trigger kind accepts
     * @throws InvalidTriggerException naming the first unknown parameter
     */
    public void requireOnly(Collection<String> allowed) {
        Set<String> unknown = new LinkedHashSet<>(this.values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidTriggerException("trigger '" + this.alias + "': unknown parameter"
                    + ((unknown.size() > 1) ? "s " : " ") + String.join(", ", quoted(unknown)) + " (known: "
                    + String.join(", ", new TreeSet<>(allowed)) + ")", unknown.iterator().next(), null);
        }
    }

    /**
     * Returns the value as given, unconverted.
     * @param name the parameter's snake_case name
     * @return the value, or empty when the parameter is not given
     */
    public Optional<Object> raw(String name) {
        return Optional.ofNullable(this.values.get(name));
    }

    /**
     * Returns the value as text; numbers are written without a fraction when they are whole.
     * @param name the parameter's snake_case name
     * @return the text, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is neither text nor a number
     */
    public Optional<String> string(String name) {
        return raw(name).map((value) -> {
            if (value instanceof CharSequence || value instanceof Number || value instanceof Character) {
                return asText(value);
            }
            throw invalid(name, value, "expected a string or a number");
        });
    }

    /**
     * Returns the value as a number: a number, or text that reads as one ({@code "2.5"}). Numbers beyond
     * {@code 1e}{@value #MAX_EXPONENT} are refused and numbers closer to zero than {@code 1e-}{@value #MAX_EXPONENT}
     * read as zero: no parameter means anything at those magnitudes, and {@code 1e-999999999} or {@code 1e999999999}
     * would otherwise cost seconds of arithmetic and a gigabyte of text in the error message.
     * @param name the parameter's snake_case name
     * @return the number, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is not a number, or out of range
     */
    public Optional<BigDecimal> decimal(String name) {
        return raw(name).map((value) -> {
            BigDecimal decimal = parseDecimal(value);
            if (decimal == null) {
                throw invalid(name, value, "not a number");
            }
            long magnitude = (long) decimal.precision() - decimal.scale();
            if (decimal.signum() != 0 && magnitude > MAX_EXPONENT) {
                throw invalid(name, value, "out of range (more than " + MAX_EXPONENT + " digits before the point)");
            }
            return (magnitude < -MAX_EXPONENT) ? BigDecimal.ZERO : decimal;
        });
    }

    private static @Nullable BigDecimal parseDecimal(Object value) {
        try {
            if (value instanceof Number number) {
                return new BigDecimal(asText(number));
            }
            if (value instanceof CharSequence text && text.length() <= MAX_NUMBER_LENGTH) {
                return new BigDecimal(text.toString().trim());
            }
        }
        catch (NumberFormatException ex) {
            // infinite or NaN doubles, and text that is not a number
        }
        return null;
    }

    /**
     * Returns the value as a whole number.
     * @param name the parameter's snake_case name
     * @return the number, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is not a whole number
     */
    public Optional<Integer> integer(String name) {
        return decimal(name).map((decimal) -> {
            try {
                return decimal.intValueExact();
            }
            catch (ArithmeticException ex) {
                throw invalid(name, raw(name).orElseThrow(), "not a whole number");
            }
        });
    }

    /**
     * Returns a non-negative whole number, or {@code defaultValue} when the parameter is absent.
     * @param name the parameter's snake_case name
     * @param defaultValue the value when the parameter is not given
     * @return the number
     * @throws InvalidTriggerException if the value is not a whole number or is negative
     */
    public int nonNegativeInteger(String name, int defaultValue) {
        int value = integer(name).orElse(defaultValue);
        if (value < 0) {
            throw invalid(name, value, "must not be negative");
        }
        return value;
    }

    /**
     * Returns the value as a boolean: {@code true}/{@code false}, or text such as {@code yes}, {@code off}, {@code 1}
     * (APScheduler's {@code asbool}).
     * @param name the parameter's snake_case name
     * @return the boolean, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is not a boolean
     */
    public Optional<Boolean> bool(String name) {
        return raw(name).map((value) -> {
            if (value instanceof Boolean bool) {
                return bool;
            }
            String text = asText(value).trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "yes", "on", "y", "t", "1" -> true;
                case "false", "no", "off", "n", "f", "0" -> false;
                default -> throw invalid(name, value, "not a boolean");
            };
        });
    }

    /**
     * Returns the trigger's time zone: the {@code timezone} parameter, else the caller's default zone, else the zone
     * of the first of {@code dateParameters} that carries one, else the system's zone (APScheduler's order).
     * @param dateParameters the date parameters whose own offset or zone may give the trigger's zone
     * @return the zone
     * @throws InvalidTriggerException if {@code timezone} is not a known time zone
     */
    public ZoneId zone(String... dateParameters) {
        Optional<Object> timezone = raw("timezone");
        if (timezone.isPresent()) {
            Object value = timezone.get();
            if (value instanceof ZoneId zoneId) {
                return zoneId;
            }
            try {
                return ZoneId.of(asText(value).trim());
            }
            catch (DateTimeException ex) {
                throw invalid("timezone", value, "not a known time zone", ex);
            }
        }
        if (this.defaultZone != null) {
            return this.defaultZone;
        }
        for (String name : dateParameters) {
            Optional<ZoneId> own = DateTimes.ownZone(this.values.get(name));
            if (own.isPresent()) {
                return own.get();
            }
        }
        return ZoneId.systemDefault();
    }

    /**
     * Returns the value as a date-time: ISO text with or without an offset or zone ({@code 2020-01-01 12:00:00},
     * {@code 2020-01-01T12:00:00+02:00}), a plain date (its midnight), or a {@code java.time} value.
     * @param name the parameter's snake_case name
     * @param zone the zone of a value that carries none
     * @return the date-time, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is not a date-time
     */
    public Optional<ZonedDateTime> dateTime(String name, ZoneId zone) {
        return raw(name).map((value) -> {
            try {
                return DateTimes.toZonedDateTime(value, zone);
            }
            catch (DateTimeException ex) {
                throw invalid(name, value, "not a date-time (expected e.g. '2020-01-01 12:00:00', "
                        + "'2020-01-01T12:00:00+02:00' or '2020-01-01')", ex);
            }
        });
    }

    /**
     * Returns a calendar date: a plain date, or the date (in {@code zone}) of a date-time.
     * @param name the parameter's snake_case name
     * @param zone the zone a date-time's date is taken in
     * @return the date, or empty when the parameter is not given
     * @throws InvalidTriggerException if the value is not a date
     */
    public Optional<LocalDate> date(String name, ZoneId zone) {
        return raw(name).map((value) -> {
            if (value instanceof LocalDate date) {
                return date;
            }
            return dateTime(name, zone).orElseThrow().toLocalDate();
        });
    }

    /**
     * Returns a list of nested trigger specifications ({@code {trigger, params}} maps), for {@code and}/{@code or}.
     */
    List<Map<String, ?>> maps(String name) {
        Object value = raw(name).orElseThrow(() -> new InvalidTriggerException(
                "trigger '" + this.alias + "': parameter '" + name + "' is required", name, null));
        if (!(value instanceof Collection<?> collection)) {
            throw invalid(name, value, "expected a list of {trigger, params} maps");
        }
        List<Map<String, ?>> result = new ArrayList<>();
        for (Object element : collection) {
            if (!(element instanceof Map<?, ?> map)) {
                throw invalid(name, value, "expected a list of {trigger, params} maps, found " + element);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), entry));
            result.add(copy);
        }
        return result;
    }

    /**
     * Creates the exception for an invalid value, worded like every built-in kind's: {@code trigger 'every'
     * parameter 'seconds': invalid value '-1': must be positive}.
     * @param name the parameter's snake_case name, also carried as {@link InvalidTriggerException#parameter()}
     * @param value the offending value
     * @param problem what is wrong with it
     * @return the exception, to throw
     */
    public InvalidTriggerException invalid(String name, Object value, String problem) {
        return new InvalidTriggerException(message(name, value, problem), name, null);
    }

    /**
     * Creates the exception for an invalid value, with the failure that revealed it.
     * @param name the parameter's snake_case name, also carried as {@link InvalidTriggerException#parameter()}
     * @param value the offending value
     * @param problem what is wrong with it
     * @param cause the underlying failure
     * @return the exception, to throw
     */
    public InvalidTriggerException invalid(String name, Object value, String problem, Throwable cause) {
        return new InvalidTriggerException(message(name, value, problem), name, cause);
    }

    private String message(String name, Object value, String problem) {
        return "trigger '" + this.alias + "' parameter '" + name + "': invalid value '" + shortened(value) + "': "
                + problem;
    }

    /** A value as an error message repeats it: cut short, since a request may carry a megabyte in one value. */
    static String shortened(Object value) {
        String text = String.valueOf(value);
        return (text.length() > MAX_NUMBER_LENGTH) ? text.substring(0, MAX_NUMBER_LENGTH) + "..." : text;
    }

    /**
     * Writes a value as text; a whole floating-point number without its fraction ({@code 30.0} as {@code 30}). Infinite
     * and NaN numbers, and numbers whose plain form would be longer than a number can usefully be, keep their own
     * form, which the parameter's reader then refuses.
     */
    static String asText(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            String text = value.toString();
            BigDecimal decimal;
            try {
                decimal = new BigDecimal(text).stripTrailingZeros();
            }
            catch (NumberFormatException ex) {
                return text;
            }
            if (decimal.scale() < -MAX_EXPONENT || decimal.scale() > MAX_NUMBER_LENGTH) {
                return decimal.toString();
            }
            return (decimal.scale() <= 0) ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.toString();
    }

    private static List<String> quoted(Collection<String> names) {
        return names.stream().map((name) -> "'" + name + "'").toList();
    }

}
