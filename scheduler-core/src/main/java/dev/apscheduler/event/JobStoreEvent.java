package dev.apscheduler.event;

import org.jspecify.annotations.Nullable;

/**
 * Beyond APScheduler: an event about a job store's health. {@code JOBSTORE_FAILED} (a call failed; the exception
 * says why), {@code JOBSTORE_RECOVERED} (the store answered again) or {@code JOB_RESTORE_FAILED} (the stored job
 * {@code jobId} cannot be restored; it is kept and skipped).
 *
 * @param code the event code
 * @param jobstore the alias of the job store
 * @param jobId the job concerned ({@code JOB_RESTORE_FAILED} only)
 * @param exception the failure ({@code JOBSTORE_FAILED} and {@code JOB_RESTORE_FAILED})
 */
public record JobStoreEvent(int code, String jobstore, @Nullable String jobId, @Nullable Throwable exception)
        implements SchedulerEvent {
}
