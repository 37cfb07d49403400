package dev.apscheduler.event;

/**
 * An event about a job's definition: {@code JOB_ADDED}, {@code JOB_REMOVED} or {@code JOB_MODIFIED}.
 *
 * @param code the event code
 * @param jobId the job's id
 * @param jobstore the alias of the job store that holds (or held) the job
 */
public record JobEvent(int code, String jobId, String jobstore) implements SchedulerEvent {
}
