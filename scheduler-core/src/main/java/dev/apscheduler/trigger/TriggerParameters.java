package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
 */
final class TriggerParameters {

    private final String alias;

    private final Map<String, Object> values;

    private final @Nullable ZoneId defaultZone;

    private final Clock clock;

    private TriggerParameters(String alias, Map<String, Object> values, @Nullable ZoneId defaultZone, Clock clock) {
        this.alias = alias;
        this.values = values;
        this.defaultZone = defaultZone;
        this.clock = clock;
    }

    static TriggerParameters of(String alias, Map<String, ?> raw, @Nullable ZoneId defaultZone, Clock clock) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> spellings = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String name = ConfigValues.canonical(key);
            String previous = spellings.putIfAbsent(name, key);
            if (previous != null) {
                throw new InvalidTriggerException("trigger '" + alias + "': parameter '" + name
                        + "' is given twice, as '" + previous + "' and as '" + key + "'");
            }
            if (value != null) {
                values.put(name, value);
            }
        });
        return new TriggerParameters(alias, values, defaultZone, clock);
    }

    String alias() {
        return this.alias;
    }

    Clock clock() {
        return this.clock;
    }

    /**
     * Returns the zone the caller gave as the default for these parameters, if any.
     */
    @Nullable ZoneId defaultZone() {
        return this.defaultZone;
    }

    boolean has(String name) {
        return this.values.containsKey(name);
    }

    Set<String> names() {
        return this.values.keySet();
    }

    /**
     * Fails when a parameter is not among {@code allowed}, listing the allowed names.
     */
    void requireOnly(Collection<String> allowed) {
        Set<String> unknown = new LinkedHashSet<>(this.values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidTriggerException("trigger '" + this.alias + "': unknown parameter"
                    + ((unknown.size() > 1) ? "s " : " ") + String.join(", ", quoted(unknown)) + " (known: "
                    + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
    }

    Optional<Object> raw(String name) {
        return Optional.ofNullable(this.values.get(name));
    }

    /**
     * Returns the value as text; numbers are written without a fraction when they are whole.
     */
    Optional<String> string(String name) {
        return raw(name).map((value) -> {
            if (value instanceof CharSequence || value instanceof Number || value instanceof Character) {
                return asText(value);
            }
            throw invalid(name, value, "expected a string or a number");
        });
    }

    Optional<BigDecimal> decimal(String name) {
        return raw(name).map((value) -> {
            try {
                if (value instanceof Number number) {
                    return new BigDecimal(asText(number));
                }
                if (value instanceof CharSequence text) {
                    return new BigDecimal(text.toString().trim());
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw invalid(name, value, "not a number");
        });
    }

    Optional<Integer> integer(String name) {
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
     */
    int nonNegativeInteger(String name, int defaultValue) {
        int value = integer(name).orElse(defaultValue);
        if (value < 0) {
            throw invalid(name, value, "must not be negative");
        }
        return value;
    }

    Optional<Boolean> bool(String name) {
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
     */
    ZoneId zone(String... dateParameters) {
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

    Optional<ZonedDateTime> dateTime(String name, ZoneId zone) {
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
     */
    Optional<LocalDate> date(String name, ZoneId zone) {
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
                "trigger '" + this.alias + "': parameter '" + name + "' is required"));
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

    InvalidTriggerException invalid(String name, Object value, String problem) {
        return new InvalidTriggerException(message(name, value, problem));
    }

    InvalidTriggerException invalid(String name, Object value, String problem, Throwable cause) {
        return new InvalidTriggerException(message(name, value, problem), cause);
    }

    private String message(String name, Object value, String problem) {
        return "trigger '" + this.alias + "' parameter '" + name + "': invalid value '" + value + "': " + problem;
    }

    static String asText(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
            return (decimal.scale() <= 0) ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.toString();
    }

    private static List<String> quoted(Collection<String> names) {
        return names.stream().map((name) -> "'" + name + "'").toList();
    }

}
