package dev.apscheduler.executor.process;

import java.util.List;

import dev.apscheduler.SchedulerException;
import org.jspecify.annotations.Nullable;

/**
 * An exception a task threw in a worker process, rebuilt in the scheduler's process from its JSON form: the
 * original's class name, message and stack trace (and those of its causes), since the exception object itself does not
 * cross the process boundary. Its message starts with the original class name, as {@link Throwable#toString()} does.
 */
public final class WorkerTaskException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String remoteType;

    private final @Nullable String remoteMessage;

    WorkerTaskException(String remoteType, @Nullable String remoteMessage, List<StackTraceElement> stackTrace,
            @Nullable WorkerTaskException cause) {
        super((remoteMessage != null) ? remoteType + ": " + remoteMessage : remoteType);
        if (cause != null) {
            initCause(cause);
        }
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        setStackTrace(stackTrace.toArray(new StackTraceElement[0]));
    }

    /**
     * Returns the class name of the exception the task threw.
     * @return the class name, for example {@code java.lang.IllegalStateException}
     */
    public String remoteType() {
        return this.remoteType;
    }

    /**
     * Returns the message of the exception the task threw.
     * @return the message, or {@code null} when it had none
     */
    public @Nullable String remoteMessage() {
        return this.remoteMessage;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

}
