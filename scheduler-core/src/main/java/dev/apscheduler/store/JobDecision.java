package dev.apscheduler.store;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import org.jspecify.annotations.Nullable;

/**
 * What the engine decided for one due job, and what the store applies in the same atomic step as claiming it: the
 * run times to submit (already coalesced; possibly none), the retries to submit, and the job's new state: its next
 * run time (or {@code null} to leave it paused), the retries still waiting, or its removal. A store applies the
 * decision with {@link #applyTo(Job)}.
 *
 * @param runTimes the run times to hand to the executor, oldest first
 * @param nextRunTime the job's new next run time, or {@code null} for a paused job (or a finished trigger)
 * @param triggerFinished whether the trigger has no further fire time; the job is removed unless retries still wait
 * @param retries the retries due now, to hand to the executor
 * @param pendingRetries the retries still waiting after this step
 */
public record JobDecision(List<ZonedDateTime> runTimes, @Nullable ZonedDateTime nextRunTime, boolean triggerFinished,
        List<PendingRetry> retries, List<PendingRetry> pendingRetries) {

    /**
     * Creates the decision with copies of the lists.
     * @param runTimes the run times to hand to the executor, oldest first
     * @param nextRunTime the job's new next run time, or {@code null}
     * @param triggerFinished whether the trigger has no further fire time
     * @param retries the retries due now
     * @param pendingRetries the retries still waiting
     */
    public JobDecision {
        runTimes = List.copyOf(runTimes);
        retries = List.copyOf(retries);
        pendingRetries = List.copyOf(pendingRetries);
    }

    /**
     * Creates a decision for a job with no retry.
     * @param runTimes the run times to hand to the executor, oldest first
     * @param nextRunTime the job's new next run time, or {@code null} for a paused job; ignored when removing
     * @param removeJob whether the store deletes the job
     */
    public JobDecision(List<ZonedDateTime> runTimes, @Nullable ZonedDateTime nextRunTime, boolean removeJob) {
        this(runTimes, removeJob ? null : nextRunTime, removeJob, List.of(), List.of());
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

    /**
     * Tells whether the store deletes the job: its trigger is finished and no retry waits.
     * @return whether the job is removed
     */
    public boolean removeJob() {
        return this.triggerFinished && this.pendingRetries.isEmpty();
    }

    /**
     * Returns the job as the store keeps it after this decision.
     * @param claimed the job as it was claimed
     * @return the new state of the job, or empty when the store deletes it
     */
    public Optional<Job> applyTo(Job claimed) {
        if (removeJob()) {
            return Optional.empty();
        }
        if (this.retries.isEmpty() && this.pendingRetries.isEmpty() && claimed.pendingRetries().isEmpty()
                && !this.triggerFinished && !claimed.triggerFinished()) {
            return Optional.of(claimed.withNextRunTime(this.nextRunTime));
        }
        return Optional.of(claimed.withSchedule(this.nextRunTime, this.pendingRetries, this.triggerFinished));
    }

    /**
     * Tells whether anything is handed to an executor.
     * @return whether there are run times or retries
     */
    public boolean submitsRuns() {
        return !this.runTimes.isEmpty() || !this.retries.isEmpty();
    }

    /**
     * Returns when the latest of the runs handed over is due: a run claimed ahead is held until then.
     * @return the time, or empty when nothing is handed over
     */
    public Optional<ZonedDateTime> latestStart() {
        ZonedDateTime latest = this.runTimes.isEmpty() ? null : this.runTimes.get(this.runTimes.size() - 1);
        for (PendingRetry retry : this.retries) {
            if (latest == null || retry.dueAt().isAfter(latest)) {
                latest = retry.dueAt();
            }
        }
        return Optional.ofNullable(latest);
    }

}
