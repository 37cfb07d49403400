package dev.apscheduler.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires every so many years, months, weeks and days, always at the same wall clock time: APScheduler's
 * {@code calendarinterval} trigger.
 *
 * <p>The next date is the previous one plus {@code years} and {@code months}, keeping the day of the month (months
 * that lack that day are skipped), then plus {@code weeks} and {@code days}. A wall time that does not exist on a
 * date (a daylight saving gap) skips that date; one that exists twice (the overlap) fires once, at the earlier
 * occurrence. As in APScheduler 3.11 the first fire time is on {@code start_date} even if that is in the past, and
 * each later one follows the previous fire time: the current time is not consulted.
 */
public final class CalendarIntervalTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "calendarinterval";

    private static final List<String> PARAMETERS = List.of("years", "months", "weeks", "days", "hour", "minute",
            "second", "start_date", "end_date", "timezone", "jitter");

    private final CalendarSchedule schedule;

    private final ZoneId zone;

    private final @Nullable Duration jitter;

    CalendarIntervalTrigger(CalendarSchedule schedule, ZoneId zone, @Nullable Duration jitter) {
        this.schedule = schedule;
        this.zone = zone;
        this.jitter = (jitter != null && !jitter.isZero()) ? jitter : null;
    }

    /**
     * Starts building a calendar interval trigger.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static CalendarIntervalTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        ZoneId zone = parameters.zone();
        Builder builder = builder().timezone(zone).clock(parameters.clock())
            .years(parameters.nonNegativeInteger("years", 0))
            .months(parameters.nonNegativeInteger("months", 0))
            .weeks(parameters.nonNegativeInteger("weeks", 0))
            .days(parameters.nonNegativeInteger("days", 0))
            .at(LocalTime.of(timeField(parameters, "hour", 23), timeField(parameters, "minute", 59),
                    timeField(parameters, "second", 59)));
        parameters.date("start_date", zone).ifPresent(builder::startDate);
        parameters.date("end_date", zone).ifPresent(builder::endDate);
        Duration jitter = Jitter.read(parameters);
        return ((jitter != null) ? builder.jitter(jitter) : builder).build();
    }

    private static int timeField(TriggerParameters parameters, String name, int max) {
        int value = parameters.integer(name).orElse(0);
        if (value < 0 || value > max) {
            throw parameters.invalid(name, parameters.raw(name).orElseThrow(), "must be between 0 and " + max);
        }
        return value;
    }

    /**
     * Returns the number of years between two runs.
     * @return the years
     */
    public int years() {
        return this.schedule.years();
    }

    /**
     * Returns the number of months between two runs.
     * @return the months
     */
    public int months() {
        return this.schedule.months();
    }

    /**
     * Returns the number of weeks between two runs.
     * @return the weeks
     */
    public int weeks() {
        return this.schedule.weeks();
    }

    /**
     * Returns the number of days between two runs.
     * @return the days
     */
    public int days() {
        return this.schedule.days();
    }

    /**
     * Returns the wall clock time the trigger fires at.
     * @return the time of day
     */
    public LocalTime time() {
        return this.schedule.time();
    }

    /**
     * Returns the first date the trigger fires on.
     * @return the start date
     */
    public LocalDate startDate() {
        return this.schedule.startDate();
    }

    /**
     * Returns the last date the trigger may fire on, if it has one.
     * @return the end date (inclusive), or empty
     */
    public Optional<LocalDate> endDate() {
        return Optional.ofNullable(this.schedule.endDate());
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
        LocalDate candidate = (previousFireTime != null)
                ? this.schedule.following(previousFireTime.withZoneSameInstant(this.zone).toLocalDate())
                : this.schedule.startDate();
        Optional<ZonedDateTime> next = this.schedule.firstFireTime(candidate, this.zone);
        if (next.isEmpty()) {
            return next;
        }
        // without jitter (and in the trigger's zone) the fire time as found: no lambda and no second optional, nor
        // the last instant worked out, for every run
        ZonedDateTime fireTime = next.get();
        ZonedDateTime result = ((this.jitter != null) ? Jitter.apply(fireTime, this.jitter, lastInstant()) : fireTime)
            .withZoneSameInstant(this.zone);
        return (result == fireTime) ? next : Optional.of(result);
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        return this.schedule.fireTimeAtOrAfter(time.withZoneSameInstant(this.zone));
    }

    private @Nullable ZonedDateTime lastInstant() {
        LocalDate endDate = this.schedule.endDate();
        return (endDate != null) ? endDate.plusDays(1).atStartOfDay(this.zone).minusNanos(1) : null;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        int[] amounts = { years(), months(), weeks(), days() };
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                parameters.put(CalendarSchedule.UNITS.get(i), amounts[i]);
            }
        }
        parameters.put("hour", time().getHour());
        parameters.put("minute", time().getMinute());
        parameters.put("second", time().getSecond());
        parameters.put("start_date", startDate().toString());
        endDate().ifPresent((endDate) -> parameters.put("end_date", endDate.toString()));
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
     * Describes the trigger as APScheduler 3.11 prints it (its {@code repr}, as it defines no other form), for example
     * {@code CalendarIntervalTrigger(months=1, time='02:30:00', start_date='2016-03-31', timezone='Europe/Berlin')}.
     * @return the description
     */
    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("CalendarIntervalTrigger(");
        int[] amounts = { years(), months(), weeks(), days() };
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                text.append(CalendarSchedule.UNITS.get(i)).append('=').append(amounts[i]).append(", ");
            }
        }
        text.append("time='").append(String.format("%02d:%02d:%02d", time().getHour(), time().getMinute(),
                time().getSecond())).append("', ");
        text.append("start_date='").append(startDate()).append("', ");
        endDate().ifPresent((endDate) -> text.append("end_date='").append(endDate).append("', "));
        return text.append("timezone='").append(this.zone.getId()).append("')").toString();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CalendarIntervalTrigger that && this.schedule.equals(that.schedule)
                && this.zone.equals(that.zone) && Objects.equals(this.jitter, that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.schedule, this.zone, this.jitter);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Builds a {@link CalendarIntervalTrigger}. Without a start date the trigger starts today (in its zone); without a
     * time zone it uses the system's; without a time of day it fires at midnight.
     */
    public static final class Builder {

        private final int[] amounts = new int[4];

        private LocalTime time = LocalTime.MIDNIGHT;

        private @Nullable LocalDate startDate;

        private @Nullable LocalDate endDate;

        private @Nullable ZoneId zone;

        private @Nullable Duration jitter;

        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the number of years between two runs.
         * @param years the years, not negative
         * @return this builder
         */
        public Builder years(int years) {
            return amount(0, years);
        }

        /**
         * Sets the number of months between two runs.
         * @param months the months, not negative
         * @return this builder
         */
        public Builder months(int months) {
            return amount(1, months);
        }

        /**
         * Sets the number of weeks between two runs.
         * @param weeks the weeks, not negative
         * @return this builder
         */
        public Builder weeks(int weeks) {
            return amount(2, weeks);
        }

        /**
         * Sets the number of days between two runs.
         * @param days the days, not negative
         * @return this builder
         */
        public Builder days(int days) {
            return amount(3, days);
        }

        private Builder amount(int index, int value) {
            if (value < 0) {
                throw new InvalidTriggerException("trigger 'calendarinterval' parameter '"
                        + CalendarSchedule.UNITS.get(index) + "': invalid value '" + value + "': must not be negative",
                        CalendarSchedule.UNITS.get(index), null);
            }
            this.amounts[index] = value;
            return this;
        }

        /**
         * Sets the wall clock time the trigger fires at.
         * @param time the time of day, in whole seconds
         * @return this builder
         */
        public Builder at(LocalTime time) {
            if (Objects.requireNonNull(time, "time").getNano() != 0) {
                throw new InvalidTriggerException("trigger 'calendarinterval': the time of day must be in whole "
                        + "seconds, was " + time);
            }
            this.time = time;
            return this;
        }

        /**
         * Sets the first date the trigger fires on.
         * @param startDate the start date
         * @return this builder
         */
        public Builder startDate(LocalDate startDate) {
            this.startDate = Objects.requireNonNull(startDate, "startDate");
            return this;
        }

        /**
         * Sets the last date the trigger may fire on (inclusive).
         * @param endDate the end date
         * @return this builder
         */
        public Builder endDate(LocalDate endDate) {
            this.endDate = Objects.requireNonNull(endDate, "endDate");
            return this;
        }

        /**
         * Sets the time zone the wall clock time is read in.
         * @param zone the time zone
         * @return this builder
         */
        public Builder timezone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Delays each fire time by a random amount below {@code jitter}, never past the end date.
         * @param jitter the largest delay
         * @return this builder
         */
        public Builder jitter(Duration jitter) {
            this.jitter = Jitter.validate(jitter, ALIAS);
            return this;
        }

        /**
         * Sets the clock the default start date is computed from.
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
         * @throws InvalidTriggerException if no interval is set or the end date is before the start date
         */
        public CalendarIntervalTrigger build() {
            if (Arrays.stream(this.amounts).allMatch((amount) -> amount == 0)) {
                throw new InvalidTriggerException("trigger 'calendarinterval': the interval must be at least 1 day "
                        + "long (set years, months, weeks or days)");
            }
            ZoneId resolved = (this.zone != null) ? this.zone : ZoneId.systemDefault();
            LocalDate start = (this.startDate != null) ? this.startDate : LocalDate.now(this.clock.withZone(resolved));
            if (this.endDate != null && this.endDate.isBefore(start)) {
                throw new InvalidTriggerException("trigger 'calendarinterval' parameter 'end_date': invalid value '"
                        + this.endDate + "': must not be earlier than start_date (" + start + ")", "end_date", null);
            }
            CalendarSchedule schedule = new CalendarSchedule(this.amounts[0], this.amounts[1], this.amounts[2],
                    this.amounts[3], this.time, start, this.endDate);
            return new CalendarIntervalTrigger(schedule, resolved, this.jitter);
        }

    }

}
