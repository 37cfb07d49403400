package dev.apscheduler;

/**
 * Thrown by operations that need a started scheduler ({@code shutdown()}, {@code pause()}, {@code runJob(...)}) when
 * it is stopped: APScheduler's {@code SchedulerNotRunningError}.
 */
public class SchedulerNotRunningException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param operation the operation that was refused
     */
    public SchedulerNotRunningException(String operation) {
        super("Scheduler is not running: cannot " + operation);
    }

}
