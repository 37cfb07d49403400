package dev.apscheduler;

/**
 * The root of the exceptions the scheduler throws: unchecked, like APScheduler's errors, with messages that name the
 * job, job store, executor or configuration key concerned.
 */
public class SchedulerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what went wrong, naming the ids or keys concerned
     */
    public SchedulerException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     * @param message what went wrong, naming the ids or keys concerned
     * @param cause the underlying failure
     */
    public SchedulerException(String message, Throwable cause) {
        super(message, cause);
    }

}
