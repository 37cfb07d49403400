package dev.apscheduler.spring.boot.actuate;

import java.util.Objects;

import dev.apscheduler.SchedulerException;

/**
 * Thrown when the run history store fails to answer a query, for example while its database is down.
 */
public class RunHistoryUnavailableException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param type the history store's type
     * @param cause the store's failure
     */
    public RunHistoryUnavailableException(String type, RuntimeException cause) {
        super("The run history store (" + type + ") failed to answer: "
                + Objects.requireNonNullElse(cause.getMessage(), cause.toString()), cause);
    }

}
