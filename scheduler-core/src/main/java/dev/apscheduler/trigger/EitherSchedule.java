package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The POSIX crontab rule for a line that restricts both the day of the month and the day of the week: a day matches
 * when either matches. Built from two cron schedules that differ only in which of the two day fields is restricted.
 */
final class EitherSchedule implements WallClockSchedule {

    private final CronSchedule dayOfMonth;

    private final CronSchedule dayOfWeek;

    EitherSchedule(CronSchedule dayOfMonth, CronSchedule dayOfWeek) {
        this.dayOfMonth = dayOfMonth;
        this.dayOfWeek = dayOfWeek;
    }

    @Override
    public Optional<ZonedDateTime> next(ZonedDateTime start, @Nullable ZonedDateTime end) {
        Optional<ZonedDateTime> byDay = this.dayOfMonth.next(start, end);
        Optional<ZonedDateTime> byWeekday = this.dayOfWeek.next(start, end);
        if (byDay.isEmpty()) {
            return byWeekday;
        }
        return (byWeekday.isPresent() && byWeekday.get().isBefore(byDay.get())) ? byWeekday : byDay;
    }

    @Override
    public boolean matches(LocalDateTime wall) {
        return this.dayOfMonth.matches(wall) || this.dayOfWeek.matches(wall);
    }

    @Override
    public boolean firesEveryHour() {
        return this.dayOfMonth.firesEveryHour();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EitherSchedule that && this.dayOfMonth.equals(that.dayOfMonth)
                && this.dayOfWeek.equals(that.dayOfWeek);
    }

    @Override
    public int hashCode() {
        return this.dayOfMonth.hashCode() * 31 + this.dayOfWeek.hashCode();
    }

    @Override
    public String toString() {
        return this.dayOfMonth + " or " + this.dayOfWeek;
    }

}
