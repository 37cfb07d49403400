package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires every {@code interval}, counted from {@code start_date}: APScheduler's {@code interval} trigger.
 *
 * <p>The interval is elapsed time: {@code days=1} moves 24 real hours, so across a daylight saving change the wall
 * clock time of the runs shifts by the size of the change. {@code end_date} is inclusive.
 */
public final class IntervalTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "interval";

    /**
     * The shortest interval accepted, after rounding to the trigger's resolution of one nanosecond: one millisecond.
     * Shorter intervals are almost always a mistaken unit, and a job due a million times a second would occupy the
     * scheduler without running any more often.
     */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

    /** The longest interval accepted: Python's {@code timedelta.max}, 999,999,999 days. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(999_999_999);

    private static final List<String> UNITS = List.of("weeks", "days", "hours", "minutes", "seconds");

    private static final long[] UNIT_SECONDS = { 604_800, 86_400, 3_600, 60, 1 };

    private static final List<String> PARAMETERS = List.of("weeks", "days", "hours", "minutes", "seconds",
            "start_date", "end_date", "timezone", "jitter");

    private final Duration interval;

    private final ZonedDateTime startDate;

    private final @Nullable ZonedDateTime endDate;

    private final ZoneId zone;

    private final @Nullable Duration jitter;

    IntervalTrigger(Duration interval, ZonedDateTime startDate, @Nullable ZonedDateTime endDate, ZoneId zone,
            @Nullable Duration jitter) {
        this.interval = interval;
        this.zone = zone;
        this.startDate = startDate.withZoneSameInstant(zone);
        this.endDate = (endDate != null) ? endDate.withZoneSameInstant(zone) : null;
        this.jitter = (jitter != null && !jitter.isZero()) ? jitter : null;
    }

    /**
     * Starts building an interval trigger.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static IntervalTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        Duration interval = readInterval(parameters);
        ZoneId zone = parameters.zone("start_date", "end_date");
        ZonedDateTime startDate = parameters.dateTime("start_date", zone)
            .orElseGet(() -> ZonedDateTime.now(parameters.clock().withZone(zone)).plus(interval));
        ZonedDateTime endDate = parameters.dateTime("end_date", zone).orElse(null);
        return new IntervalTrigger(interval, startDate, endDate, zone, Jitter.read(parameters));
    }

    /**
     * Adds the units up to the interval, rounds it to the nanosecond and checks it against {@link #MIN_INTERVAL} and
     * {@link #MAX_INTERVAL}. An error names the unit that counts most, the one to correct.
     */
    private static Duration readInterval(TriggerParameters parameters) {
        BigDecimal seconds = BigDecimal.ZERO;
        String mostSignificant = null;
        BigDecimal largest = BigDecimal.ZERO;
        for (int i = 0; i < UNITS.size(); i++) {
            BigDecimal value = parameters.decimal(UNITS.get(i)).orElse(null);
            if (value == null) {
                continue;
            }
            BigDecimal part = value.multiply(BigDecimal.valueOf(UNIT_SECONDS[i]));
            seconds = seconds.add(part);
            if (mostSignificant == null || part.abs().compareTo(largest) > 0) {
                mostSignificant = UNITS.get(i);
                largest = part.abs();
            }
        }
        BigDecimal rounded = seconds.setScale(9, RoundingMode.HALF_EVEN);
        if (rounded.compareTo(secondsOf(MIN_INTERVAL)) < 0 || rounded.compareTo(secondsOf(MAX_INTERVAL)) > 0) {
            String problem = bounds() + ", was " + seconds.stripTrailingZeros().toPlainString() + " seconds (from "
                    + givenUnits(parameters) + ")";
            if (mostSignificant == null) {
                // no unit given: no one parameter is at fault
                throw new InvalidTriggerException("trigger 'interval': " + problem);
            }
            throw parameters.invalid(mostSignificant, parameters.raw(mostSignificant).orElseThrow(), problem);
        }
        BigDecimal whole = rounded.setScale(0, RoundingMode.FLOOR);
        return Duration.ofSeconds(whole.longValueExact(), rounded.subtract(whole).movePointRight(9).intValueExact());
    }

    private static BigDecimal secondsOf(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    private static String bounds() {
        return "the interval must be at least " + Durations.seconds(MIN_INTERVAL) + " seconds and at most "
                + MAX_INTERVAL.toDays() + " days";
    }

    private static String givenUnits(TriggerParameters parameters) {
        List<String> given = UNITS.stream()
            .filter(parameters::has)
            .map((unit) -> unit + "=" + TriggerParameters.shortened(parameters.raw(unit).orElseThrow()))
            .toList();
        return given.isEmpty() ? "no weeks, days, hours, minutes or seconds" : String.join(", ", given);
    }

    /**
     * Returns the time between two runs.
     * @return the interval
     */
    public Duration interval() {
        return this.interval;
    }

    /**
     * Returns the first fire time, from which all others are counted.
     * @return the start date
     */
    public ZonedDateTime startDate() {
        return this.startDate;
    }

    /**
     * Returns the last time the trigger may fire at, if it has one.
     * @return the end date (inclusive), or empty
     */
    public Optional<ZonedDateTime> endDate() {
        return Optional.ofNullable(this.endDate);
    }

    /**
     * Returns the largest random delay added to each fire time, if any.
     * @return the jitter, or empty
     */
    public Optional<Duration> jitter() {
        return Optional.ofNullable(this.jitter);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        // APScheduler 3.11: a previous run is followed one interval later, even if that is long past; without one,
        // the first start_date + k * interval at or after now. Worked out without an optional or a lambda until the
        // result: this runs for every run of an interval job, also before the compiler has made it cheap.
        ZonedDateTime next = (previousFireTime != null) ? intervalsAfter(previousFireTime, 1) : firstAtOrAfter(now);
        if (next == null || !notAfterEnd(next)) {
            return Optional.empty();
        }
        return Optional.of(Jitter.apply(next, this.jitter, this.endDate).withZoneSameInstant(this.zone));
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        ZonedDateTime first = firstAtOrAfter(time);
        return (first != null && notAfterEnd(first)) ? Optional.of(first) : Optional.empty();
    }

    private @Nullable ZonedDateTime firstAtOrAfter(ZonedDateTime time) {
        if (!time.isAfter(this.startDate)) {
            return this.startDate;
        }
        Duration elapsed = Duration.between(this.startDate.toInstant(), time.toInstant());
        long intervals = elapsed.dividedBy(this.interval);
        if (this.interval.multipliedBy(intervals).compareTo(elapsed) < 0) {
            intervals++;
        }
        return intervalsAfter(this.startDate, intervals);
    }

    /** The time {@code intervals} intervals after {@code time}, or {@code null} past the last representable one. */
    private @Nullable ZonedDateTime intervalsAfter(ZonedDateTime time, long intervals) {
        try {
            ZonedDateTime from = time.withZoneSameInstant(this.zone);
            Duration step = this.interval.multipliedBy(intervals);
            if (this.zone instanceof ZoneOffset offset) {
                // the same instant as plus(step): a fixed offset's local time moves with it, and adding to the local
                // time does not make new ZoneRules on every call, as ZoneOffset.getRules() does
                return ZonedDateTime.ofLocal(from.toLocalDateTime().plus(step), offset, null);
            }
            return from.plus(step);
        }
        catch (DateTimeException | ArithmeticException ex) {
            // beyond the last representable instant: there is no next run
            return null;
        }
    }

    private boolean notAfterEnd(ZonedDateTime fireTime) {
        return this.endDate == null || !fireTime.isAfter(this.endDate);
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        long remaining = this.interval.getSeconds();
        for (int i = 0; i < UNITS.size() - 1; i++) {
            if (remaining >= UNIT_SECONDS[i]) {
                parameters.put(UNITS.get(i), remaining / UNIT_SECONDS[i]);
                remaining %= UNIT_SECONDS[i];
            }
        }
        Duration seconds = Duration.ofSeconds(remaining, this.interval.getNano());
        if (!seconds.isZero()) {
            parameters.put("seconds", Durations.seconds(seconds));
        }
        parameters.put("start_date", DateTimes.format(this.startDate));
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

    @Override
    public String describe() {
        return "interval[" + Durations.timedelta(this.interval) + "]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof IntervalTrigger that && this.interval.equals(that.interval)
                && this.startDate.equals(that.startDate) && Objects.equals(this.endDate, that.endDate)
                && this.zone.equals(that.zone) && Objects.equals(this.jitter, that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.interval, this.startDate, this.endDate, this.zone, this.jitter);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds an {@link IntervalTrigger} through the same parameter map as the string form
     * ({@code Triggers.create("interval", ...)}), so that both mean and check the same: the units add up to the
     * interval, as APScheduler's keyword arguments do, and setting a unit again replaces it (the last call wins).
     * Without a start date the trigger starts one interval after {@link #build()}; without a time zone it uses the
     * start date's zone, else the system's.
     */
    public static final class Builder {

        private final Map<String, Object> parameters = new LinkedHashMap<>();

        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the weeks of the interval.
         * @param weeks the number of weeks
         * @return this builder
         */
        public Builder weeks(long weeks) {
            return put("weeks", weeks);
        }

        /**
         * Sets the days (of 24 hours) of the interval.
         * @param days the number of days
         * @return this builder
         */
        public Builder days(long days) {
            return put("days", days);
        }

        /**
         * Sets the hours of the interval.
         * @param hours the number of hours
         * @return this builder
         */
        public Builder hours(long hours) {
            return put("hours", hours);
        }

        /**
         * Sets the minutes of the interval.
         * @param minutes the number of minutes
         * @return this builder
         */
        public Builder minutes(long minutes) {
            return put("minutes", minutes);
        }

        /**
         * Sets the seconds of the interval.
         * @param seconds the number of seconds
         * @return this builder
         */
        public Builder seconds(long seconds) {
            return put("seconds", seconds);
        }

        /**
         * Sets the seconds of the interval as a duration, fractions included (the {@code seconds} parameter):
         * {@code every(Duration.ofMillis(1500))} alone fires every 1.5 seconds.
         * @param duration the seconds
         * @return this builder
         */
        public Builder every(Duration duration) {
            return put("seconds", Durations.seconds(Objects.requireNonNull(duration, "duration")));
        }

        /**
         * Sets the first fire time (by default one interval after {@link #build()}).
         * @param startDate the start date
         * @return this builder
         */
        public Builder startDate(ZonedDateTime startDate) {
            return put("start_date", startDate);
        }

        /**
         * Sets the last possible fire time (inclusive).
         * @param endDate the end date
         * @return this builder
         */
        public Builder endDate(ZonedDateTime endDate) {
            return put("end_date", endDate);
        }

        /**
         * Sets the time zone of the fire times.
         * @param zone the zone
         * @return this builder
         */
        public Builder timezone(ZoneId zone) {
            return put("timezone", zone);
        }

        /**
         * Sets the largest random delay added to each fire time.
         * @param jitter from zero to one day
         * @return this builder
         * @throws InvalidTriggerException if the jitter is negative or longer than a day
         */
        public Builder jitter(Duration jitter) {
            return put("jitter", Durations.seconds(Jitter.validate(jitter, ALIAS)));
        }

        /**
         * Sets the clock the default start date is read from.
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the trigger.
         * @return the trigger
         * @throws InvalidTriggerException if the interval is shorter than {@link #MIN_INTERVAL} or longer than
         * {@link #MAX_INTERVAL}, naming the unit that counts most
         */
        public IntervalTrigger build() {
            return create(TriggerParameters.of(ALIAS, this.parameters, null, this.clock));
        }

        private Builder put(String name, Object value) {
            this.parameters.put(name, Objects.requireNonNull(value, name));
            return this;
        }

    }

}
