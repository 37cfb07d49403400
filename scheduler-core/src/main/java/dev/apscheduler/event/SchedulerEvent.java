package dev.apscheduler.event;

/**
 * An event the scheduler reports to its listeners: one of the records {@link SchedulerStateEvent},
 * {@link JobEvent}, {@link JobSubmissionEvent}, {@link JobExecutionEvent} and {@link JobStoreEvent}, which carry
 * APScheduler's payloads plus what metrics and monitoring need (task name, executor, timing).
 */
public sealed interface SchedulerEvent
        permits SchedulerStateEvent, JobEvent, JobSubmissionEvent, JobExecutionEvent, JobStoreEvent, HistoryEvent {

    /**
     * Returns the event's code, one of {@link EventCodes}.
     * @return the code
     */
    int code();

    /**
     * Returns the name of the event's code, for example {@code JOB_EXECUTED}.
     * @return the code's name
     */
    default String codeName() {
        return EventCodes.name(code());
    }

}
