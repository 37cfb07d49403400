package dev.apscheduler.store;

import java.time.ZonedDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the engine decided for one due job, and what the store applies in the same atomic step as claiming it: the
 * run times to submit (already coalesced; possibly none), and either the job's new next run time (or {@code null}
 * to leave it paused) or its removal (the trigger is finished).
 *
 * @param runTimes the run times to hand to the executor, oldest first
 * @param nextRunTime the job's new next run time, or {@code null} for a paused job; ignored when removing
 * @param removeJob whether the store deletes the job
 */
public record JobDecision(List<ZonedDateTime> runTimes, @Nullable ZonedDateTime nextRunTime, boolean removeJob) {

    /**
     * Creates the decision with a copy of the run times.
     * @param runTimes the run times to hand to the executor, oldest first
     * @param nextRunTime the job's new next run time, or {@code null} for a paused job; ignored when removing
     * @param removeJob whether the store deletes the job
     */
    public JobDecision {
        runTimes = List.copyOf(runTimes);
    }

    /**
     * Runs the given times and moves the job to its next run time.
     * @param runTimes the run times to submit
     * @param nextRunTime the new next run time, or {@code null} to pause the job
     * @return the decision
     */
    public static JobDecision reschedule(List<ZonedDateTime> runTimes, @Nullable ZonedDateTime nextRunTime) {
        return new JobDecision(runTimes, nextRunTime, false);
    }

    /**
     * Runs the given times and deletes the job, whose trigger has no further fire time.
     * @param runTimes the run times to submit
     * @return the decision
     */
    public static JobDecision remove(List<ZonedDateTime> runTimes) {
        return new JobDecision(runTimes, null, true);
    }

}
