package dev.apscheduler;

import java.util.Collection;

/**
 * Thrown (and reported in a {@code JOB_ERROR} event) when a job runs and no task is registered under its task
 * name. The job itself is kept: registering the task makes its next run succeed.
 */
public class UnknownTaskException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String taskName;

    /**
     * Creates the exception.
     * @param jobId the id of the job that refers to the task
     * @param taskName the task name that is not registered
     * @param known the names that are registered
     */
    public UnknownTaskException(String jobId, String taskName, Collection<String> known) {
        super("Job '" + jobId + "' refers to task '" + taskName + "', which is not registered (registered: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        this.taskName = taskName;
    }

    /**
     * Returns the task name that is not registered.
     * @return the task name
     */
    public String taskName() {
        return this.taskName;
    }

}
