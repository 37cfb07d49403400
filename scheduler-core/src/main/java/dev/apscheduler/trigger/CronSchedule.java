package dev.apscheduler.trigger;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The eight fields of a cron trigger and APScheduler 3.11's search for the next time they all match.
 *
 * <p>The search walks the fields from the most significant: a field whose value is acceptable is kept; a field that
 * can still reach an acceptable value is set to it and the less significant fields are reset to their minimums; a
 * field that cannot makes the next more significant field step up by one. As in APScheduler 3.11 with
 * {@code zoneinfo}, stepping a field up adds the wall-clock difference as elapsed time (so the search walks through
 * both passes of a DST fall-back overlap), while setting a field keeps the UTC offset when the new wall time has it
 * and otherwise resolves the wall time as {@link ZonedDateTime#ofLocal} does (a time in a DST gap moves forward by
 * the length of the gap).
 */
final class CronSchedule implements WallClockSchedule {

    private static final CronFieldType[] TYPES = CronFieldType.values();

    private final List<CronField> fields;

    private final boolean everyHour;

    CronSchedule(List<CronField> fields) {
        if (fields.size() != TYPES.length) {
            throw new IllegalArgumentException("a cron schedule has " + TYPES.length + " fields");
        }
        this.fields = List.copyOf(fields);
        this.everyHour = acceptsEveryHour(this.fields.get(CronFieldType.HOUR.ordinal()));
    }

    /**
     * Builds a schedule from the fields a user gave, with APScheduler's defaults for the others: fields more
     * significant than the least significant given field are {@code *}, less significant ones get their minimum
     * ({@code week} and {@code day_of_week} stay {@code *}). Without any given field, every field is {@code *}.
     */
    static CronSchedule of(Map<CronFieldType, String> given) {
        List<CronField> fields = new ArrayList<>(TYPES.length);
        int leastSignificant = given.keySet().stream().mapToInt(Enum::ordinal).max()
            .orElse(Integer.MAX_VALUE);
        for (CronFieldType type : TYPES) {
            String text = given.get(type);
            if (text != null) {
                fields.add(CronField.parse(type, text, true));
            }
            else {
                String fallback = (type.ordinal() > leastSignificant) ? type.defaultExpression() : "*";
                fields.add(CronField.parse(type, fallback, false));
            }
        }
        return new CronSchedule(fields);
    }

    List<CronField> fields() {
        return this.fields;
    }

    @Override
    public boolean matches(LocalDateTime wall) {
        return this.fields.stream().allMatch((field) -> field.matches(wall));
    }

    @Override
    public boolean firesEveryHour() {
        return this.everyHour;
    }

    @Override
    public Optional<ZonedDateTime> next(ZonedDateTime start, @Nullable ZonedDateTime end) {
        ZonedDateTime date = start;
        int fieldNumber = 0;
        while (fieldNumber >= 0 && fieldNumber < this.fields.size()) {
            CronField field = this.fields.get(fieldNumber);
            LocalDateTime wall = date.toLocalDateTime();
            int current = field.value(wall);
            int next = field.nextValue(wall);
            if (next == CronExpression.NONE || (next > current && !field.real())) {
                int incremented = (next == CronExpression.NONE) ? fieldNumber - 1 : fieldNumber;
                Step step = increment(date, incremented);
                if (step == null) {
                    return Optional.empty();
                }
                date = step.date();
                fieldNumber = step.fieldNumber();
            }
            else if (next > current) {
                date = set(date, fieldNumber, next);
                fieldNumber++;
            }
            else {
                fieldNumber++;
            }
            if (end != null && date.isAfter(end)) {
                return Optional.empty();
            }
        }
        return Optional.of(date);
    }

    /**
     * Steps field {@code fieldNumber} (or, when it is at its maximum or not a real field, the next more significant
     * one) up by one and resets the less significant fields to their minimums; {@code null} when no field can step
     * up (past the year 9999).
     */
    private @Nullable Step increment(ZonedDateTime date, int fieldNumber) {
        LocalDateTime wall = date.toLocalDateTime();
        int[] values = new int[TYPES.length];
        int number = fieldNumber;
        int i = 0;
        while (i < this.fields.size()) {
            if (number < 0 || i < 0) {
                return null;
            }
            CronField field = this.fields.get(i);
            if (!field.real()) {
                if (i == number) {
                    number--;
                    i--;
                }
                else {
                    i++;
                }
                continue;
            }
            if (i < number) {
                values[i++] = field.value(wall);
            }
            else if (i > number) {
                values[i++] = field.min();
            }
            else if (field.value(wall) == field.max(wall)) {
                number--;
                i--;
            }
            else {
                values[i++] = field.value(wall) + 1;
            }
        }
        LocalDateTime target = toLocal(values);
        // Elapsed time, not wall-clock arithmetic: this is what walks into the second pass of an overlap.
        return new Step(date.plus(Duration.between(wall, target)), number);
    }

    /**
     * Sets field {@code fieldNumber} to {@code value} and resets the less significant fields to their minimums,
     * keeping the date's UTC offset when the new wall time has it.
     */
    private ZonedDateTime set(ZonedDateTime date, int fieldNumber, int value) {
        LocalDateTime wall = date.toLocalDateTime();
        int[] values = new int[TYPES.length];
        for (int i = 0; i < this.fields.size(); i++) {
            CronField field = this.fields.get(i);
            if (field.real()) {
                values[i] = (i < fieldNumber) ? field.value(wall) : (i > fieldNumber) ? field.min() : value;
            }
        }
        return ZonedDateTime.ofLocal(toLocal(values), date.getZone(), date.getOffset());
    }

    private static LocalDateTime toLocal(int[] values) {
        return LocalDateTime.of(values[CronFieldType.YEAR.ordinal()], values[CronFieldType.MONTH.ordinal()],
                values[CronFieldType.DAY.ordinal()], values[CronFieldType.HOUR.ordinal()],
                values[CronFieldType.MINUTE.ordinal()], values[CronFieldType.SECOND.ordinal()]);
    }

    private static boolean acceptsEveryHour(CronField hour) {
        LocalDateTime midnight = LocalDateTime.of(2000, 1, 1, 0, 0);
        for (int h = 0; h <= 23; h++) {
            if (!hour.matches(midnight.withHour(h))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CronSchedule that && this.fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return this.fields.hashCode();
    }

    @Override
    public String toString() {
        return this.fields.toString();
    }

    private record Step(ZonedDateTime date, int fieldNumber) {
    }

}
