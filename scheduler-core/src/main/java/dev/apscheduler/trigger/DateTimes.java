package dev.apscheduler.trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes date-times the way APScheduler accepts them in trigger parameters.
 *
 * <p>Accepted: {@code 2020-01-01 12:00:00}, the same with {@code T}, an optional fraction of a second, an optional
 * {@code Z} or offset ({@code +02:00} or {@code +0200}), an optional {@code [Region/City]} zone, or a plain date
 * ({@code 2020-01-01}, meaning midnight). A value without an offset is wall-clock time in the given zone: an
 * ambiguous one (DST fall-back) means the earlier occurrence, a non-existent one (DST gap) is shifted forward by the
 * length of the gap.
 */
public final class DateTimes {

    /**
     * APScheduler's {@code _DATE_REGEX}, also accepting a compact offset, no seconds, and a space before the offset.
     */
    private static final Pattern APSCHEDULER_FORM = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[ Tt](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,9}))?)?\\s*([Zz]|[+-]\\d{2}:?\\d{2})?)?");

    private static final DateTimeFormatter DESCRIPTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private DateTimes() {
    }

    /**
     * Parses a date-time in one of the accepted forms.
     * @param text the text to parse
     * @param zone the zone for values without an offset; the result is in this zone unless the text has its own
     * offset or zone
     * @return the date-time
     * @throws DateTimeException if the text is in none of the accepted forms
     */
    public static ZonedDateTime parse(String text, ZoneId zone) {
        String value = text.trim();
        Matcher matcher = APSCHEDULER_FORM.matcher(value);
        if (!matcher.matches()) {
            // ISO-8601 forms outside APScheduler's, such as 2020-01-01T12:00:00+02:00[Europe/Helsinki]
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, ZonedDateTime::from,
                    LocalDateTime::from);
            return (parsed instanceof ZonedDateTime zoned) ? zoned
                    : ZonedDateTime.ofLocal((LocalDateTime) parsed, zone, null);
        }
        LocalDate date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
        if (matcher.group(4) == null) {
            return date.atStartOfDay(zone);
        }
        String fraction = (matcher.group(7) != null) ? matcher.group(7) : "";
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
        LocalDateTime local = date.atTime(Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
                (matcher.group(6) != null) ? Integer.parseInt(matcher.group(6)) : 0, nanos);
        String offset = matcher.group(8);
        if (offset == null) {
            return ZonedDateTime.ofLocal(local, zone, null);
        }
        String normalized = offset.equals("z") ? "Z"
                : (offset.length() == 5) ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
        return local.atOffset(ZoneOffset.of(normalized)).toZonedDateTime();
    }

    /**
     * Converts a date-time value given as text or as a {@code java.time} object into a date-time in {@code zone}.
     * @param value a {@link CharSequence} in an accepted form, a {@link ZonedDateTime}, {@link OffsetDateTime},
     * {@link Instant}, {@link LocalDateTime} or {@link LocalDate}
     * @param zone the zone of the result, and of wall-clock values
     * @return the same instant, in {@code zone}
     * @throws DateTimeException if the value is of another type or cannot be parsed
     */
    public static ZonedDateTime toZonedDateTime(Object value, ZoneId zone) {
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(zone);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(zone);
        }
        if (value instanceof Instant instant) {
            return instant.atZone(zone);
        }
        if (value instanceof LocalDateTime local) {
            return ZonedDateTime.ofLocal(local, zone, null);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(zone);
        }
        if (value instanceof CharSequence text) {
            return parse(text.toString(), zone).withZoneSameInstant(zone);
        }
        throw new DateTimeException("not a date-time: " + value + " (" + value.getClass().getName() + ")");
    }

    /**
     * Returns the zone or offset a date-time value carries itself, if any.
     * @param value a value as accepted by {@link #toZonedDateTime(Object, ZoneId)}
     * @return the value's own zone, or empty for wall-clock values and values that cannot be parsed
     */
    public static Optional<ZoneId> ownZone(@Nullable Object value) {
        if (value instanceof ZonedDateTime zoned) {
            return Optional.of(zoned.getZone());
        }
        if (value instanceof OffsetDateTime offset) {
            return Optional.of(offset.getOffset());
        }
        if (value instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            Matcher matcher = APSCHEDULER_FORM.matcher(trimmed);
            if (matcher.matches() && matcher.group(8) != null || trimmed.endsWith("]")) {
                try {
                    return Optional.of(parse(trimmed, ZoneOffset.UTC).getZone());
                }
                catch (DateTimeException ex) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Formats a date-time for {@link Trigger#parameters()}: ISO-8601 with its offset, the fraction only when non-zero,
     * so that {@link #parse(String, ZoneId)} reads back the same instant.
     * @param dateTime the date-time
     * @return the text, for example {@code 2020-01-01T12:00:00+02:00}
     */
    public static String format(ZonedDateTime dateTime) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    }

    /**
     * Formats a date-time as APScheduler's {@code datetime_repr}, for descriptions:
     * {@code 2020-01-01 12:00:00 UTC}.
     * @param dateTime the date-time
     * @return the text
     */
    public static String describe(ZonedDateTime dateTime) {
        return DESCRIPTION.format(dateTime);
    }

}
