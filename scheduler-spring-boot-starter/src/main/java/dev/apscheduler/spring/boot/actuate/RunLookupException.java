package dev.apscheduler.spring.boot.actuate;

import dev.apscheduler.SchedulerException;

/**
 * Thrown when the run history holds no run with the id asked for: it never existed, or was pruned.
 */
public class RunLookupException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    /**
     * Creates the exception.
     * @param runId the id that was looked up
     */
    public RunLookupException(String runId) {
        super("No run by the id of '" + runId + "' was found");
        this.runId = runId;
    }

    /**
     * Returns the id that was looked up.
     * @return the run id
     */
    public String runId() {
        return this.runId;
    }

}
