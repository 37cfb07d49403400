package dev.apscheduler.event;

import org.jspecify.annotations.Nullable;

/**
 * An event about the scheduler itself: APScheduler's plain {@code SchedulerEvent}. Codes
 * {@code SCHEDULER_STARTED}, {@code SCHEDULER_SHUTDOWN}, {@code SCHEDULER_PAUSED}, {@code SCHEDULER_RESUMED},
 * {@code EXECUTOR_ADDED}, {@code EXECUTOR_REMOVED}, {@code JOBSTORE_ADDED}, {@code JOBSTORE_REMOVED} and
 * {@code ALL_JOBS_REMOVED}.
 *
 * @param code the event code
 * @param alias the executor or job store concerned; for {@code ALL_JOBS_REMOVED} the job store, or {@code null} when
 * jobs were removed from every store
 */
public record SchedulerStateEvent(int code, @Nullable String alias) implements SchedulerEvent {
}
