package dev.apscheduler.spring.boot.amqp;

import dev.apscheduler.SchedulerException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link TaskResult#get} when the run failed or was revoked: carries the task's error as the run history
 * recorded it (its class name, message and stack trace), since the exception itself stayed on the worker.
 */
public class TaskFailedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    private final TaskState state;

    private final @Nullable String errorType;

    private final @Nullable String remoteStackTrace;

    TaskFailedException(String runId, String task, TaskState state, @Nullable String errorType,
            @Nullable String errorMessage, @Nullable String remoteStackTrace) {
        super("Run '" + runId + "' of task '" + task + "' ended " + state
                + ((errorType != null) ? ": " + errorType + ((errorMessage != null) ? ": " + errorMessage : "") : ""));
        this.runId = runId;
        this.state = state;
        this.errorType = errorType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * Returns the run's id.
     * @return the id
     */
    public String runId() {
        return this.runId;
    }

    /**
     * Returns how the run ended: {@link TaskState#FAILURE} or {@link TaskState#REVOKED}.
     * @return the state
     */
    public TaskState state() {
        return this.state;
    }

    /**
     * Returns the class name of the task's exception.
     * @return the class name, or {@code null} when the run did not fail with one (revoked)
     */
    public @Nullable String errorType() {
        return this.errorType;
    }

    /**
     * Returns the stack trace of the task's exception as printed on the worker.
     * @return the stack trace, or {@code null}
     */
    public @Nullable String remoteStackTrace() {
        return this.remoteStackTrace;
    }

}
