package dev.apscheduler.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Fires when the wall-clock time in its zone matches every field, like UNIX cron: APScheduler 3.11's {@code cron}
 * trigger, with fields {@code year}, {@code month}, {@code day}, {@code week}, {@code day_of_week} (0 = Monday),
 * {@code hour}, {@code minute} and {@code second}, optional {@code start_date} and {@code end_date} (both inclusive)
 * and {@code jitter}; or built from a crontab line ({@code crontab} parameter, {@link Triggers#crontab(String)}),
 * which has its POSIX meaning.
 *
 * <p>Each field takes {@code *}, {@code *}/step, {@code a}, {@code a-b}, {@code a-b/step}, {@code a/step} or a comma
 * list of these; {@code month} also takes names ({@code jan}-{@code dec}), {@code day_of_week} names
 * ({@code mon}-{@code sun}), and {@code day} also {@code 1st fri} to {@code 5th fri}, {@code last fri} and
 * {@code last}. Omitted fields more significant than the least significant given one are {@code *}; less significant
 * ones are their minimum ({@code week} and {@code day_of_week} stay {@code *}).
 *
 * <p>Daylight saving time is handled as APScheduler 3.11 handles it, with one exception. The search moves along real
 * time: a field set to a wall-clock time that a spring-forward gap skips moves forward by the length of the gap
 * (02:30 in a 02:00-03:00 gap fires at 03:30), and stepping a field up adds the wall-clock difference as elapsed time,
 * so a step across a gap lands the length of the gap late (APScheduler's {@code @daily} in Europe/Berlin passes over
 * the day after the change). The exception, deliberate: in a fall-back overlap, a schedule whose hour field accepts
 * every hour fires in both passes, any other fires once, at the first occurrence, where APScheduler fires twice.
 */
public final class CronTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "cron";

    private static final List<String> PARAMETERS = List.of("year", "month", "day", "week", "day_of_week", "hour",
            "minute", "second", "start_date", "end_date", "timezone", "jitter", "crontab");

    private final Map<CronFieldType, String> fields;

    private final @Nullable String crontab;

    private final WallClockSchedule schedule;

    private final ZoneId zone;

    private final @Nullable ZonedDateTime startDate;

    private final @Nullable ZonedDateTime endDate;

    private final @Nullable Duration jitter;

    private CronTrigger(Map<CronFieldType, String> fields, @Nullable String crontab, ZoneId zone,
            @Nullable ZonedDateTime startDate, @Nullable ZonedDateTime endDate, @Nullable Duration jitter) {
        Map<CronFieldType, String> copy = new EnumMap<>(CronFieldType.class);
        copy.putAll(fields);
        this.fields = Collections.unmodifiableMap(copy);
        this.crontab = crontab;
        this.schedule = (crontab != null) ? Crontab.parse(crontab) : CronSchedule.of(fields);
        this.zone = zone;
        this.startDate = startDate;
        this.endDate = endDate;
        this.jitter = jitter;
    }

    /**
     * Starts a typed builder, for example {@code CronTrigger.builder().dayOfWeek("mon-fri").hour("9").build()}.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static CronTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        ZoneId zone = parameters.zone("start_date", "end_date");
        Map<CronFieldType, String> fields = new EnumMap<>(CronFieldType.class);
        for (CronFieldType type : CronFieldType.values()) {
            parameters.string(type.parameterName()).ifPresent((text) -> fields.put(type, text.trim()));
        }
        String crontab = parameters.string("crontab").map(String::trim).orElse(null);
        if (crontab != null && !fields.isEmpty()) {
            throw new InvalidTriggerException("trigger 'cron': parameter 'crontab' cannot be combined with "
                    + fields.keySet().stream().map((type) -> "'" + type.parameterName() + "'")
                        .collect(Collectors.joining(", ")), "crontab", null);
        }
        return new CronTrigger(fields, crontab, zone, parameters.dateTime("start_date", zone).orElse(null),
                parameters.dateTime("end_date", zone).orElse(null), Jitter.read(parameters));
    }

    /**
     * Returns the crontab line this trigger was built from, if any.
     * @return the crontab line, or empty for a trigger built from fields
     */
    public Optional<String> crontab() {
        return Optional.ofNullable(this.crontab);
    }

    /**
     * Returns the earliest time the trigger may fire, if any.
     * @return the start date
     */
    public Optional<ZonedDateTime> startDate() {
        return Optional.ofNullable(this.startDate);
    }

    /**
     * Returns the latest time the trigger may fire, if any.
     * @return the end date
     */
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.endDate);
    }

    /**
     * Returns the largest random delay added to each fire time, if any.
     * @return the jitter
     */
    public Optional<Duration> jitter() {
        return Optional.ofNullable(this.jitter);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        Instant start;
        if (previousFireTime != null) {
            // Strictly after the previous fire time, unless the clock went back (APScheduler 3.11).
            Instant previous = previousFireTime.toInstant();
            start = min(now.toInstant(), previous.plus(1, ChronoUnit.MICROS));
            if (start.equals(previous)) {
                start = start.plus(1, ChronoUnit.MICROS);
            }
        }
        else {
            start = (this.startDate != null) ? max(now.toInstant(), this.startDate.toInstant()) : now.toInstant();
        }
        Optional<ZonedDateTime> next = FallBackOverlaps.next(this.schedule, ceiling(start), this.endDate,
                previousFireTime);
        // without jitter the fire time as found: no lambda and no second optional for every run
        return (this.jitter == null || next.isEmpty()) ? next
                : Optional.of(Jitter.apply(next.get(), this.jitter, this.endDate));
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        ZonedDateTime start = ceiling(
                (this.startDate != null) ? max(time.toInstant(), this.startDate.toInstant()) : time.toInstant());
        return FallBackOverlaps.nextWithoutPrevious(this.schedule, start, this.endDate);
    }

    private ZonedDateTime ceiling(Instant start) {
        Instant second = start.truncatedTo(ChronoUnit.SECONDS);
        return (second.equals(start) ? start : second.plusSeconds(1)).atZone(this.zone);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (this.crontab != null) {
            parameters.put("crontab", this.crontab);
        }
        this.fields.forEach((type, text) -> parameters.put(type.parameterName(), text));
        if (this.startDate != null) {
            parameters.put("start_date", DateTimes.format(this.startDate));
        }
        if (this.endDate != null) {
            parameters.put("end_date", DateTimes.format(this.endDate));
        }
        parameters.put("timezone", this.zone.getId());
        if (this.jitter != null) {
            parameters.put("jitter", Jitter.write(this.jitter));
        }
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public ZoneId zone() {
        return this.zone;
    }

    /**
     * Returns the wall-clock schedule this trigger searches, for tests that check fire times against it.
     */
    WallClockSchedule schedule() {
        return this.schedule;
    }

    /**
     * Describes the trigger as APScheduler does, listing only the fields that were given, in field order:
     * {@code cron[month='6-8,11-12', day='3rd fri', hour='0-3']}. A trigger built from a crontab line shows the line:
     * {@code cron[crontab='0 0 * * 0']}.
     */
    @Override
    public String describe() {
        if (this.crontab != null || !(this.schedule instanceof CronSchedule cron)) {
            return "cron[crontab='" + this.crontab + "']";
        }
        return cron.fields().stream().filter(CronField::given)
            .map((field) -> field.type().parameterName() + "='" + field + "'")
            .collect(Collectors.joining(", ", "cron[", "]"));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CronTrigger that && this.schedule.equals(that.schedule)
                && Objects.equals(this.crontab, that.crontab) && this.zone.equals(that.zone)
                && Objects.equals(this.startDate, that.startDate) && Objects.equals(this.endDate, that.endDate)
                && Objects.equals(this.jitter, that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.schedule, this.crontab, this.zone, this.startDate, this.endDate, this.jitter);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds a {@link CronTrigger} from typed values; every value is checked by {@link #build()}, with the same
     * messages as the string form. Field expressions use the cron trigger's grammar, for example
     * {@code dayOfWeek("mon-fri")}, {@code day("last fri")} or <code>minute("*&#47;15")</code>.
     */
    public static final class Builder {

        private final Map<String, Object> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the {@code year} field (4 digits).
         * @param expression for example {@code 2025} or {@code 2025-2030}
         * @return this builder
         */
        public Builder year(String expression) {
            return put("year", expression);
        }

        /**
         * Sets the {@code month} field (1-12 or {@code jan}-{@code dec}).
         * @param expression for example {@code 6-8,11-12} or {@code jun}
         * @return this builder
         */
        public Builder month(String expression) {
            return put("month", expression);
        }

        /**
         * Sets the {@code day} field (day of the month, 1-31, {@code 3rd fri}, {@code last fri} or {@code last}).
         * @param expression for example {@code 1,15} or {@code last}
         * @return this builder
         */
        public Builder day(String expression) {
            return put("day", expression);
        }

        /**
         * Sets the {@code week} field (ISO week of the year, 1-53).
         * @param expression for example <code>*&#47;2</code>
         * @return this builder
         */
        public Builder week(String expression) {
            return put("week", expression);
        }

        /**
         * Sets the {@code day_of_week} field (0-6 with 0 = Monday, or {@code mon}-{@code sun}).
         * @param expression for example {@code mon-fri}
         * @return this builder
         */
        public Builder dayOfWeek(String expression) {
            return put("day_of_week", expression);
        }

        /**
         * Sets the {@code hour} field (0-23).
         * @param expression for example {@code 9} or {@code 9-17}
         * @return this builder
         */
        public Builder hour(String expression) {
            return put("hour", expression);
        }

        /**
         * Sets the {@code minute} field (0-59).
         * @param expression for example {@code 30} or <code>*&#47;15</code>
         * @return this builder
         */
        public Builder minute(String expression) {
            return put("minute", expression);
        }

        /**
         * Sets the {@code second} field (0-59).
         * @param expression for example {@code 0} or <code>*&#47;10</code>
         * @return this builder
         */
        public Builder second(String expression) {
            return put("second", expression);
        }

        /**
         * Sets the earliest time the trigger may fire (inclusive).
         * @param startDate the start date
         * @return this builder
         */
        public Builder startDate(ZonedDateTime startDate) {
            return put("start_date", startDate);
        }

        /**
         * Sets the latest time the trigger may fire (inclusive).
         * @param endDate the end date
         * @return this builder
         */
        public Builder endDate(ZonedDateTime endDate) {
            return put("end_date", endDate);
        }

        /**
         * Sets the zone whose wall-clock time the fields are matched against; without it, the start date's zone,
         * else the end date's, else the system's.
         * @param timezone the time zone
         * @return this builder
         */
        public Builder timezone(ZoneId timezone) {
            return put("timezone", timezone);
        }

        /**
         * Sets the largest random delay added to each fire time (never past the end date).
         * @param jitter the jitter, zero or positive
         * @return this builder
         */
        public Builder jitter(Duration jitter) {
            return put("jitter", Durations.seconds(jitter));
        }

        /**
         * Builds the trigger.
         * @return the trigger
         * @throws InvalidTriggerException if a value is invalid, naming the field and the value
         */
        public CronTrigger build() {
            return create(TriggerParameters.of(ALIAS, this.parameters, null, Clock.systemUTC()));
        }

        private Builder put(String name, Object value) {
            this.parameters.put(name, Objects.requireNonNull(value, name));
            return this;
        }

    }

}
