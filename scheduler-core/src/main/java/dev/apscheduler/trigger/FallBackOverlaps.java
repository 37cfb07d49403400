package dev.apscheduler.trigger;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Our deliberate difference from APScheduler 3.11 in a DST fall-back overlap, where the wall-clock times of an hour
 * (or half hour) happen twice: a schedule with a fixed hour fires once, at the first occurrence, as cron daemons do;
 * a schedule whose hour field accepts every hour still fires in both passes, because its times are really distinct.
 *
 * <p>The trigger keeps no state, so "already fired in the first pass" is read from the search start: a search that
 * starts one second after a matching time in the first pass (the search after that fire time) skips the second pass.
 * A search that starts later in the first pass, without such a fire time just before it, still finds the second
 * pass's times, as APScheduler does: for such a caller the first occurrence was not a fire time.
 */
final class FallBackOverlaps {

    private FallBackOverlaps() {
    }

    /**
     * Returns the schedule's next fire time at or after {@code start} (a whole second in the schedule's zone), up to
     * {@code end}, without the second pass of an overlap whose first pass fired just before {@code start}.
     */
    static Optional<ZonedDateTime> next(WallClockSchedule schedule, ZonedDateTime start, @Nullable ZonedDateTime end) {
        Optional<ZonedDateTime> candidate = schedule.next(start, end);
        if (candidate.isEmpty() || schedule.firesEveryHour()) {
            return candidate;
        }
        ZoneOffsetTransition overlap = overlapInSecondPass(candidate.get());
        if (overlap == null || !firedInFirstPass(schedule, start.minusSeconds(1), overlap)) {
            return candidate;
        }
        // The first wall-clock time after the repeated ones, in the offset that follows the transition.
        ZonedDateTime afterOverlap = overlap.getDateTimeBefore().atOffset(overlap.getOffsetAfter())
            .atZoneSameInstant(start.getZone());
        return schedule.next(afterOverlap, end);
    }

    private static @Nullable ZoneOffsetTransition overlapInSecondPass(ZonedDateTime time) {
        ZoneOffsetTransition transition = time.getZone().getRules().getTransition(time.toLocalDateTime());
        boolean secondPass = transition != null && transition.isOverlap()
                && time.getOffset().equals(transition.getOffsetAfter());
        return secondPass ? transition : null;
    }

    private static boolean firedInFirstPass(WallClockSchedule schedule, ZonedDateTime time,
            ZoneOffsetTransition overlap) {
        LocalDateTime wall = time.toLocalDateTime();
        return overlap.equals(time.getZone().getRules().getTransition(wall))
                && time.getOffset().equals(overlap.getOffsetBefore()) && schedule.matches(wall);
    }

}
