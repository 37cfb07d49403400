package dev.apscheduler;

/**
 * Thrown by {@code addJob} and {@code modifyJob} when a job cannot be scheduled as given: arguments that are not
 * JSON-compatible, an inline task for a persistent store, an unknown executor. The message names the job and the
 * offending value.
 */
public class InvalidJobException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what is wrong, naming the job and the value
     */
    public InvalidJobException(String message) {
        super(message);
    }

}
