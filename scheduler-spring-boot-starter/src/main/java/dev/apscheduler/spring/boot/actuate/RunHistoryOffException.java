package dev.apscheduler.spring.boot.actuate;

import dev.apscheduler.SchedulerException;

/**
 * Thrown when runs are asked for from a scheduler that keeps no run history.
 */
public class RunHistoryOffException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     */
    public RunHistoryOffException() {
        super("Run history is off: the scheduler keeps no run records");
    }

}
