package dev.apscheduler.event;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

import dev.apscheduler.job.MaxInstancesScope;

/**
 * An event about handing a job's runs to its executor: {@code JOB_SUBMITTED}, or {@code JOB_MAX_INSTANCES} when
 * they were dropped because the job already ran {@code max_instances} times.
 *
 * @param code the event code
 * @param jobId the job's id
 * @param jobstore the alias of the job store that holds the job
 * @param executor the alias of the executor
 * @param taskName the name of the job's task
 * @param scheduledRunTimes the run times submitted (or dropped), oldest first
 * @param runIds the runs' ids ({@link dev.apscheduler.job.RunIds}), one for each run time, in the same order
 * @param maxInstancesScope where the job's {@code max_instances} is counted: by this scheduler instance, or across
 * every instance sharing its store (the limit a {@code JOB_MAX_INSTANCES} event reports)
 */
public record JobSubmissionEvent(int code, String jobId, String jobstore, String executor, String taskName,
        List<ZonedDateTime> scheduledRunTimes, List<String> runIds, MaxInstancesScope maxInstancesScope)
        implements SchedulerEvent {

    /**
     * Creates the event with a copy of the run times.
     * @param code the event code
     * @param jobId the job's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor
     * @param taskName the name of the job's task
     * @param scheduledRunTimes the run times submitted (or dropped), oldest first
     * @param runIds the runs' ids, one for each run time
     * @param maxInstancesScope where the job's {@code max_instances} is counted
     * @throws IllegalArgumentException if there is not one id for each run time
     */
    public JobSubmissionEvent {
        Objects.requireNonNull(maxInstancesScope, "maxInstancesScope");
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
        runIds = List.copyOf(runIds);
        if (runIds.size() != scheduledRunTimes.size()) {
            throw new IllegalArgumentException("one run id for each run time: " + runIds.size() + " ids for "
                    + scheduledRunTimes.size() + " run times");
        }
    }

    /**
     * Creates the event of a job whose {@code max_instances} is counted by each scheduler instance.
     * @param code the event code
     * @param jobId the job's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor
     * @param taskName the name of the job's task
     * @param scheduledRunTimes the run times submitted (or dropped), oldest first
     * @param runIds the runs' ids, one for each run time
     */
    public JobSubmissionEvent(int code, String jobId, String jobstore, String executor, String taskName,
            List<ZonedDateTime> scheduledRunTimes, List<String> runIds) {
        this(code, jobId, jobstore, executor, taskName, scheduledRunTimes, runIds, MaxInstancesScope.INSTANCE);
    }

}
