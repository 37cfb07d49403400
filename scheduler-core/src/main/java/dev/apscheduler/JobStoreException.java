package dev.apscheduler;

/**
 * Thrown when a job store fails, or when a store or alias is used wrongly (an unknown store alias, a job a store
 * cannot keep). The message names the store.
 */
public class JobStoreException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what went wrong, naming the store
     */
    public JobStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     * @param message what went wrong, naming the store
     * @param cause the underlying failure
     */
    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

}
