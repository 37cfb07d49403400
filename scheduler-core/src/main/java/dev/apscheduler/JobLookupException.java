package dev.apscheduler;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when no job has the id asked for: APScheduler's {@code JobLookupError}.
 */
public class JobLookupException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    /**
     * Creates the exception.
     * @param jobId the id that was looked up
     * @param jobstore the alias of the job store searched, or {@code null} when every store was
     */
    public JobLookupException(String jobId, @Nullable String jobstore) {
        super("No job by the id of '" + jobId + "' was found"
                + ((jobstore != null) ? " in job store '" + jobstore + "'" : ""));
        this.jobId = jobId;
    }

    /**
     * Returns the id that was looked up.
     * @return the job id
     */
    public String jobId() {
        return this.jobId;
    }

}
