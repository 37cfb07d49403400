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
 * <p>"Fired in the first pass" is read from the previous fire time where the caller has one: the second pass is
 * skipped when the previous fire time is one of the schedule's times in the first pass of the same overlap (a
 * previous time that the schedule does not match is not taken as a fire in that pass, as in APScheduler's tests of
 * the overlap). A search without one (a new job)
 * still finds the second pass's times, as APScheduler does: for such a caller the first occurrence was not a fire
 * time. A search from a combination trigger, which keeps no previous fire time of each of its triggers, takes a
 * time of the first pass that the schedule matched before the search start as that fire.
 */
final class FallBackOverlaps {

    private FallBackOverlaps() {
    }

    /**
     * Returns the schedule's next fire time at or after {@code start} (a whole second in the schedule's zone), up to
     * {@code end}, without the second pass of an overlap in whose first pass {@code previous} lies.
     */
    static Optional<ZonedDateTime> next(WallClockSchedule schedule, ZonedDateTime start, @Nullable ZonedDateTime end,
            @Nullable ZonedDateTime previous) {
        Optional<ZonedDateTime> candidate = schedule.next(start, end);
        if (candidate.isEmpty() || previous == null || schedule.firesEveryHour()) {
            return candidate;
        }
        ZoneOffsetTransition overlap = overlapInSecondPass(candidate.get());
        if (overlap == null || !firedInFirstPass(schedule, previous.withZoneSameInstant(start.getZone()), overlap)) {
            return candidate;
        }
        // The first wall-clock time after the repeated ones, in the offset that follows the transition.
        ZonedDateTime afterOverlap = overlap.getDateTimeBefore().atOffset(overlap.getOffsetAfter())
            .atZoneSameInstant(start.getZone());
        return schedule.next(afterOverlap, end);
    }

    /**
     * Returns the schedule's next fire time at or after {@code start} for a caller that keeps no previous fire time
     * of this schedule (a combination trigger): the second pass of an overlap is skipped when the schedule matched a
     * time of its first pass before {@code start}.
     */
    static Optional<ZonedDateTime> nextWithoutPrevious(WallClockSchedule schedule, ZonedDateTime start,
            @Nullable ZonedDateTime end) {
        Optional<ZonedDateTime> candidate = schedule.next(start, end);
        if (candidate.isEmpty() || schedule.firesEveryHour()) {
            return candidate;
        }
        ZoneOffsetTransition overlap = overlapInSecondPass(candidate.get());
        if (overlap == null) {
            return candidate;
        }
        ZonedDateTime firstPass = overlap.getInstant().minus(overlap.getDuration().abs()).atZone(start.getZone());
        Optional<ZonedDateTime> firstPassTime = schedule.next(firstPass, end);
        boolean fired = firstPassTime.isPresent() && firstPassTime.get().isBefore(start)
                && firstPassTime.get().toInstant().isBefore(overlap.getInstant());
        return fired ? next(schedule, start, end, firstPassTime.get()) : candidate;
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
