package dev.apscheduler.event;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An event about one run of a job: {@code JOB_EXECUTED} (with the return value), {@code JOB_ERROR} (with the
 * exception), {@code JOB_MISSED} (the run started later than the misfire grace time allows, and did not run),
 * {@code JOB_TIMED_OUT} (the run exceeded its timeout and was interrupted; the exception is a
 * {@link java.util.concurrent.TimeoutException}), {@code JOB_RETRY_SCHEDULED} (a failed run will run again: the
 * attempt is the failed one, {@link #retryAt()} says when) or {@code JOB_RETRIES_EXHAUSTED} (the last attempt
 * failed, with its exception).
 *
 * @param code the event code
 * @param jobId the job's id
 * @param runId the run's id ({@link dev.apscheduler.job.RunIds}), as in the {@code JOB_SUBMITTED} event
 * @param jobstore the alias of the job store that holds the job
 * @param executor the alias of the executor that ran it
 * @param taskName the name of the job's task
 * @param scheduledRunTime the fire time this run was scheduled for
 * @param startTime when the run started, or (for a missed run) when it was found to be late
 * @param duration how long the task ran; zero for a missed run
 * @param returnValue what the task returned ({@code JOB_EXECUTED} only)
 * @param exception what the task threw ({@code JOB_ERROR} only)
 * @param attempt the attempt number: 1, or above for a retry
 * @param retryAt when the retry is due ({@code JOB_RETRY_SCHEDULED} only)
 */
public record JobExecutionEvent(int code, String jobId, String runId, String jobstore, String executor, String taskName,
        ZonedDateTime scheduledRunTime, Instant startTime, Duration duration, @Nullable Object returnValue,
        @Nullable Throwable exception, int attempt, @Nullable Instant retryAt) implements SchedulerEvent {

    /**
     * Creates the event of a first attempt.
     * @param code the event code
     * @param jobId the job's id
     * @param runId the run's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor that ran it
     * @param taskName the name of the job's task
     * @param scheduledRunTime the fire time this run was scheduled for
     * @param startTime when the run started
     * @param duration how long the task ran
     * @param returnValue what the task returned
     * @param exception what the task threw
     */
    public JobExecutionEvent(int code, String jobId, String runId, String jobstore, String executor, String taskName,
            ZonedDateTime scheduledRunTime, Instant startTime, Duration duration, @Nullable Object returnValue,
            @Nullable Throwable exception) {
        this(code, jobId, runId, jobstore, executor, taskName, scheduledRunTime, startTime, duration, returnValue,
                exception, 1, null);
    }

    /**
     * Creates the event of an attempt.
     * @param code the event code
     * @param jobId the job's id
     * @param runId the run's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor that ran it
     * @param taskName the name of the job's task
     * @param scheduledRunTime the fire time this run was scheduled for
     * @param startTime when the run started
     * @param duration how long the task ran
     * @param returnValue what the task returned
     * @param exception what the task threw
     * @param attempt the attempt number
     */
    public JobExecutionEvent(int code, String jobId, String runId, String jobstore, String executor, String taskName,
            ZonedDateTime scheduledRunTime, Instant startTime, Duration duration, @Nullable Object returnValue,
            @Nullable Throwable exception, int attempt) {
        this(code, jobId, runId, jobstore, executor, taskName, scheduledRunTime, startTime, duration, returnValue,
                exception, attempt, null);
    }

    /**
     * Returns how late the run started (or was found to be).
     * @return the delay after the scheduled run time, zero when early
     */
    public Duration delay() {
        Duration delay = Duration.between(this.scheduledRunTime.toInstant(), this.startTime);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    /**
     * Returns the exception, for {@code JOB_ERROR}.
     * @return the exception, or empty
     */
    public Optional<Throwable> exceptionIfAny() {
        return Optional.ofNullable(this.exception);
    }

}
