package dev.apscheduler.spring.boot.amqp;

import java.util.Optional;

import dev.apscheduler.history.RunRecord;

/**
 * A run's state in Celery's terms, read from the run history (the result backend): Celery's names mapped onto the
 * history's {@link dev.apscheduler.history.RunOutcome}s.
 */
public enum TaskState {

    /** No worker has recorded the run yet: queued, held until its ETA, or unknown (as in Celery). */
    PENDING,

    /** A worker runs it ({@code RUNNING}). */
    STARTED,

    /** The task returned ({@code SUCCESS}). */
    SUCCESS,

    /** The task failed for good: it threw, timed out, could not be run, or started too late ({@code ERROR},
     * {@code TIMED_OUT}, {@code MISSED}, {@code SKIPPED}). */
    FAILURE,

    /** The attempt failed and the next one is queued ({@code RETRY}). */
    RETRY,

    /** The run was revoked, or cancelled by a shutdown ({@code CANCELLED}). */
    REVOKED;

    /**
     * Returns the state of a run as recorded.
     * @param record the run's record, or empty when none exists
     * @return the state
     */
    public static TaskState of(Optional<RunRecord> record) {
        if (record.isEmpty()) {
            return PENDING;
        }
        return switch (record.get().outcome()) {
            case RUNNING -> STARTED;
            case SUCCESS -> SUCCESS;
            case RETRY -> RETRY;
            case CANCELLED -> REVOKED;
            case ERROR, TIMED_OUT, MISSED, SKIPPED -> FAILURE;
        };
    }

    /**
     * Tells whether the state is final: nothing more happens to the run.
     * @return whether this is {@link #SUCCESS}, {@link #FAILURE} or {@link #REVOKED}
     */
    public boolean isReady() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }

}
