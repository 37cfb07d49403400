package dev.apscheduler.job;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Task} knows about the run it performs.
 *
 * @param jobId the job's id
 * @param runId this run's id ({@link RunIds}), also in the log context under {@link #MDC_RUN_ID} while it runs
 * @param jobName the job's name
 * @param taskName the name of the task (for an inline task, its description)
 * @param scheduledFireTime the fire time this run was scheduled for (it may start later: queueing, misfire grace)
 * @param args the job's positional arguments
 * @param kwargs the job's keyword arguments
 * @param jobstore the alias of the job store that holds the job
 * @param executor the alias of the executor that runs it
 * @param attempt the attempt number: 1, or above for a retry of the same fire time ({@link RetryPolicy})
 */
public record JobContext(String jobId, String runId, String jobName, String taskName, ZonedDateTime scheduledFireTime,
        List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, String jobstore, String executor,
        int attempt) {

    /**
     * Creates the context of a first attempt.
     * @param jobId the job's id
     * @param runId this run's id
     * @param jobName the job's name
     * @param taskName the name of the task
     * @param scheduledFireTime the fire time this run was scheduled for
     * @param args the job's positional arguments
     * @param kwargs the job's keyword arguments
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor that runs it
     */
    public JobContext(String jobId, String runId, String jobName, String taskName, ZonedDateTime scheduledFireTime,
            List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, String jobstore, String executor) {
        this(jobId, runId, jobName, taskName, scheduledFireTime, args, kwargs, jobstore, executor, 1);
    }

    /** The log context (MDC) key that holds the job's id while its task runs. */
    public static final String MDC_JOB_ID = "apscheduler.job_id";

    /** The log context (MDC) key that holds the run's id while its task runs. */
    public static final String MDC_RUN_ID = "apscheduler.run_id";

    /**
     * Returns a positional argument.
     * @param index the argument's index
     * @return the argument, or empty when it is {@code null} or missing
     */
    public Optional<Object> arg(int index) {
        return (index >= 0 && index < this.args.size()) ? Optional.ofNullable(this.args.get(index)) : Optional.empty();
    }

    /**
     * Returns a keyword argument.
     * @param name the argument's name
     * @return the argument, or empty when it is {@code null} or missing
     */
    public Optional<Object> kwarg(String name) {
        return Optional.ofNullable(this.kwargs.get(name));
    }

}
