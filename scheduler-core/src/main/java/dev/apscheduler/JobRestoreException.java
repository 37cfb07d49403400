package dev.apscheduler;

/**
 * Thrown when a stored job cannot be turned back into a job: its JSON is corrupt, or names a trigger alias that
 * does not exist, or carries trigger parameters the trigger rejects. An unknown task is not a restore failure:
 * tasks are resolved when the job runs. Stores keep such a job, skip it and report it; they never delete it.
 */
public class JobRestoreException extends JobStoreException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    /**
     * Creates the exception.
     * @param jobId the id of the job that cannot be restored ({@code "?"} when even the id is unreadable)
     * @param message what is wrong with the stored state
     * @param cause the underlying failure
     */
    public JobRestoreException(String jobId, String message, Throwable cause) {
        super("Job '" + jobId + "' cannot be restored: " + message, cause);
        this.jobId = jobId;
    }

    /**
     * Returns the id of the job that cannot be restored.
     * @return the job id
     */
    public String jobId() {
        return this.jobId;
    }

}
