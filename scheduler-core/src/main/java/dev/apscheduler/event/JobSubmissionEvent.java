package dev.apscheduler.event;

import java.time.ZonedDateTime;
import java.util.List;

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
 */
public record JobSubmissionEvent(int code, String jobId, String jobstore, String executor, String taskName,
        List<ZonedDateTime> scheduledRunTimes, List<String> runIds) implements SchedulerEvent {

    /**
     * Creates the event with a copy of the run times.
     * @param code the event code
     * @param jobId the job's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor
     * @param taskName the name of the job's task
     * @param scheduledRunTimes the run times submitted (or dropped), oldest first
     * @param runIds the runs' ids, one for each run time
     * @throws IllegalArgumentException if there is not one id for each run time
     */
    public JobSubmissionEvent {
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
        runIds = List.copyOf(runIds);
        if (runIds.size() != scheduledRunTimes.size()) {
            throw new IllegalArgumentException("one run id for each run time: " + runIds.size() + " ids for "
                    + scheduledRunTimes.size() + " run times");
        }
    }

}
