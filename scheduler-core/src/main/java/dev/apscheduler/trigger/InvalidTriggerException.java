package dev.apscheduler.trigger;

/**
 * Thrown when a trigger cannot be built from the values given: the message names the parameter (or cron field) and
 * the offending value.
 */
public class InvalidTriggerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what is wrong, naming the parameter and the value
     */
    public InvalidTriggerException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     * @param message what is wrong, naming the parameter and the value
     * @param cause the underlying parse failure
     */
    public InvalidTriggerException(String message, Throwable cause) {
        super(message, cause);
    }

}
