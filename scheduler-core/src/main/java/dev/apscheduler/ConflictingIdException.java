package dev.apscheduler;

/**
 * Thrown when a job is added with an id that its job store already holds and {@code replace_existing} is not set:
 * APScheduler's {@code ConflictingIdError}.
 */
public class ConflictingIdException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    /**
     * Creates the exception.
     * @param jobId the conflicting id
     * @param jobstore the alias of the job store that holds a job with that id
     */
    public ConflictingIdException(String jobId, String jobstore) {
        super("Job identifier '" + jobId + "' conflicts with an existing job in job store '" + jobstore + "'");
        this.jobId = jobId;
    }

    /**
     * Returns the conflicting id.
     * @return the job id
     */
    public String jobId() {
        return this.jobId;
    }

}
