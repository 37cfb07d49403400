package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A schedule defined on wall-clock time (a cron schedule, or a crontab's day-of-month OR day-of-week pair of them),
 * searched along the real time line of a zone.
 */
interface WallClockSchedule {

    /**
     * Returns the first fire time at or after {@code start} (a whole second, in the schedule's zone) with APScheduler
     * 3.11's search, or empty when there is none up to {@code end} (inclusive) or the year 9999.
     */
    Optional<ZonedDateTime> next(ZonedDateTime start, @Nullable ZonedDateTime end);

    /**
     * Returns whether the wall-clock time {@code wall} is one of the schedule's times.
     */
    boolean matches(LocalDateTime wall);

    /**
     * Returns whether the schedule's hour field accepts every hour, so that it fires in both passes of a DST
     * fall-back overlap.
     */
    boolean firesEveryHour();

}
