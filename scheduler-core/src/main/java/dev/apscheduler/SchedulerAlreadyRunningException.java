package dev.apscheduler;

/**
 * Thrown by operations that need a stopped scheduler ({@code start()}, {@code configure(...)}) when it is running or
 * paused: APScheduler's {@code SchedulerAlreadyRunningError}.
 */
public class SchedulerAlreadyRunningException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param operation the operation that was refused
     */
    public SchedulerAlreadyRunningException(String operation) {
        super("Scheduler is already running: cannot " + operation);
    }

}
