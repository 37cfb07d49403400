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
 */
public record JobSubmissionEvent(int code, String jobId, String jobstore, String executor, String taskName,
        List<ZonedDateTime> scheduledRunTimes) implements SchedulerEvent {

    /**
     * Creates the event with a copy of the run times.
     * @param code the event code
     * @param jobId the job's id
     * @param jobstore the alias of the job store that holds the job
     * @param executor the alias of the executor
     * @param taskName the name of the job's task
     * @param scheduledRunTimes the run times submitted (or dropped), oldest first
     */
    public JobSubmissionEvent {
        scheduledRunTimes = List.copyOf(scheduledRunTimes);
    }

}
