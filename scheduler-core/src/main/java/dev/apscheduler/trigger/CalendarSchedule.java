package dev.apscheduler.trigger;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The dates and wall time of a {@link CalendarIntervalTrigger}, and the date arithmetic of APScheduler 3.11's
 * {@code CalendarIntervalTrigger.get_next_fire_time}.
 */
record CalendarSchedule(int years, int months, int weeks, int days, LocalTime time, LocalDate startDate,
        @Nullable LocalDate endDate) {

    static final List<String> UNITS = List.of("years", "months", "weeks", "days");

    /**
     * Returns the date after {@code previous}: years and months added keeping the day of the month (skipping months
     * that lack it), then weeks and days; {@code null} beyond the last representable year.
     */
    @Nullable LocalDate following(LocalDate previous) {
        long monthStep = 12L * this.years + this.months;
        long monthIndex = previous.getYear() * 12L + previous.getMonthValue() - 1;
        while (true) {
            monthIndex += monthStep;
            long year = Math.floorDiv(monthIndex, 12);
            if (year > Year.MAX_VALUE) {
                return null;
            }
            YearMonth month = YearMonth.of((int) year, (int) Math.floorMod(monthIndex, 12) + 1);
            if (previous.getDayOfMonth() <= month.lengthOfMonth()) {
                long extraDays = this.days + 7L * this.weeks;
                LocalDate next = month.atDay(previous.getDayOfMonth());
                return (LocalDate.MAX.minusDays(extraDays).isBefore(next)) ? null : next.plusDays(extraDays);
            }
        }
    }

    /**
     * Returns the fire time on {@code candidate}, or on the first later date of the schedule where the wall time
     * exists; empty past the end date.
     */
    Optional<ZonedDateTime> firstFireTime(@Nullable LocalDate candidate, ZoneId zone) {
        LocalDate date = candidate;
        while (date != null && (this.endDate == null || !date.isAfter(this.endDate))) {
            LocalDateTime wallTime = date.atTime(this.time);
            // an overlap resolves to the earlier offset; a gap shifts the time forward by its length
            ZonedDateTime fireTime = ZonedDateTime.ofLocal(wallTime, zone, null);
            // APScheduler compares the time of day only: a date the zone skipped whole (Pacific/Apia's 2011-12-30)
            // fires at the same time on the day after, which the shift lands on
            if (fireTime.toLocalTime().equals(this.time)) {
                return Optional.of(fireTime);
            }
            // the next date of the schedule (APScheduler continues from the date the shifted time falls on, which
            // passes over a day whose time exists when a gap crosses midnight)
            date = following(date);
        }
        return Optional.empty();
    }

    /**
     * Returns the first fire time of the schedule at or after {@code time} (given in the schedule's zone).
     */
    Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        LocalDate date = searchStart(time.toLocalDate());
        while (true) {
            Optional<ZonedDateTime> fireTime = firstFireTime(date, time.getZone());
            if (fireTime.isEmpty() || !fireTime.get().isBefore(time)) {
                return fireTime;
            }
            date = following(fireTime.get().toLocalDate());
        }
    }

    /**
     * Returns a date of the schedule shortly before {@code target}, so that searches far from the start date do not
     * walk every date in between. Only the regular schedules (days and weeks only, or years and months only) have a
     * closed form; the others start from the start date.
     */
    private LocalDate searchStart(LocalDate target) {
        if (!target.isAfter(this.startDate)) {
            return this.startDate;
        }
        if (this.years == 0 && this.months == 0) {
            long step = this.days + 7L * this.weeks;
            long steps = ChronoUnit.DAYS.between(this.startDate, target) / step - 1;
            return (steps > 0) ? this.startDate.plusDays(steps * step) : this.startDate;
        }
        if (this.days == 0 && this.weeks == 0) {
            long step = 12L * this.years + this.months;
            YearMonth start = YearMonth.from(this.startDate);
            for (long steps = ChronoUnit.MONTHS.between(start, YearMonth.from(target)) / step - 1; steps > 0; steps--) {
                YearMonth month = start.plusMonths(steps * step);
                if (this.startDate.getDayOfMonth() <= month.lengthOfMonth()) {
                    return month.atDay(this.startDate.getDayOfMonth());
                }
            }
        }
        return this.startDate;
    }

}
