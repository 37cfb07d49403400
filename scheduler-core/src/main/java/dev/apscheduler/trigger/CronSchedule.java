package dev.apscheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
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
 * {@code zoneinfo}, the candidate is a wall time with a fold (which of two offsets applies where the wall time is
 * ambiguous or missing): stepping a field up adds the wall-clock difference as elapsed time and resolves the result
 * from the instant (so the search walks through both passes of a DST fall-back overlap), while setting a field keeps
 * the wall time as it is, even inside a DST gap, and keeps the fold.
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
        ZoneRules rules = start.getZone().getRules();
        SearchCandidate date = SearchCandidate.of(start);
        int fieldNumber = 0;
        while (fieldNumber >= 0 && fieldNumber < this.fields.size()) {
            CronField field = this.fields.get(fieldNumber);
            int current = field.value(date.wall());
            int next = field.nextValue(date.wall());
            if (next == CronExpression.NONE || (next > current && !field.real())) {
                int incremented = (next == CronExpression.NONE) ? fieldNumber - 1 : fieldNumber;
                Step step = increment(date, incremented, start.getZone());
                if (step == null) {
                    return Optional.empty();
                }
                date = step.date();
                fieldNumber = step.fieldNumber();
            }
            else if (next > current) {
                SearchCandidate set = set(date, fieldNumber, next, start.getZone());
                // a set that went by elapsed time into the second pass of an overlap (resolved from its instant, so it
                // carries an offset) is matched again from the top
                fieldNumber = (set.offset() == null) ? fieldNumber + 1 : 0;
                date = set;
            }
            else {
                fieldNumber++;
            }
            if (end != null && date.instant(rules).isAfter(end.toInstant())) {
                return Optional.empty();
            }
        }
        ZonedDateTime resolved = date.resolved();
        if (resolved != null) {
            return Optional.of(resolved);
        }
        List<ZoneOffset> offsets = rules.getValidOffsets(date.wall());
        if (!offsets.isEmpty()) {
            return Optional.of(ZonedDateTime.ofLocal(date.wall(), start.getZone(),
                    offsets.get((offsets.size() == 2 && date.fold()) ? 1 : 0)));
        }
        ZonedDateTime result = date.instant(rules).atZone(start.getZone());
        ZoneOffsetTransition gap = rules.getTransition(date.wall());
        // A wall time in a gap fires the gap's length later (APScheduler), unless a real time that the schedule
        // matches comes first: then that one, so that resolving the gap never passes over a valid time.
        Optional<ZonedDateTime> afterGap = next(gap.getInstant().atZone(start.getZone()), end);
        return (afterGap.isPresent() && afterGap.get().isBefore(result)) ? afterGap : Optional.of(result);
    }

    /**
     * Steps field {@code fieldNumber} (or, when it is at its maximum or not a real field, the next more significant
     * one) up by one and resets the less significant fields to their minimums; {@code null} when no field can step
     * up (past the year 9999).
     */
    private @Nullable Step increment(SearchCandidate date, int fieldNumber, ZoneId zone) {
        LocalDateTime wall = date.wall();
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
        // Elapsed time from the candidate's instant, resolved from the new instant: this is what walks into the
        // second pass of an overlap, and what normalises a wall time left in a gap by an earlier set. Where that
        // crossed a gap and overshot a target wall time that exists, the target is kept instead (APScheduler's issue
        // 606 passes over it, for example the midnight after a spring-forward).
        Instant instant = date.instant(zone.getRules()).plus(Duration.between(wall, target));
        SearchCandidate stepped = SearchCandidate.of(instant.atZone(zone));
        boolean overshot = stepped.wall().isAfter(target)
                && SearchCandidate.set(target, false).gap(zone.getRules()) == null;
        return new Step(overshot ? SearchCandidate.set(target, false) : stepped, number);
    }

    /**
     * Sets field {@code fieldNumber} to {@code value} and resets the less significant fields to their minimums. The
     * new wall time is kept as it is, even in a gap: APScheduler 3.11 matches the remaining fields against it and
     * resolves it only when it becomes the result (or steps up), so that, for example, {@code hour=2,
     * minute=3-59/13} on a day whose 02:00 to 02:30 is skipped gives 02:03 (which is 02:33), not 02:42.
     */
    private SearchCandidate set(SearchCandidate date, int fieldNumber, int value, ZoneId zone) {
        LocalDateTime wall = date.wall();
        LocalDateTime target = setWall(date, fieldNumber, value);
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(wall);
        ZoneOffsetTransition overlap = date.firstPassOf(rules, offsets);
        if (overlap != null && !target.isBefore(overlap.getDateTimeBefore())) {
            // From the first pass of an overlap to a wall time past its end: go by elapsed time, into the second
            // pass, as a step up does (APScheduler's wall-clock jump would pass over the whole second pass).
            Instant instant = date.instant(rules).plus(Duration.between(wall, target));
            return SearchCandidate.of(instant.atZone(zone));
        }
        return SearchCandidate.set(target, date.foldToCarry(offsets));
    }

    private LocalDateTime setWall(SearchCandidate date, int fieldNumber, int value) {
        LocalDateTime wall = date.wall();
        int[] values = new int[TYPES.length];
        for (int i = 0; i < this.fields.size(); i++) {
            CronField field = this.fields.get(i);
            if (field.real()) {
                values[i] = (i < fieldNumber) ? field.value(wall) : (i > fieldNumber) ? field.min() : value;
            }
        }
        return toLocal(values);
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

    private record Step(SearchCandidate date, int fieldNumber) {
    }

}
