package dev.apscheduler;

/**
 * Thrown by an executor when a job already runs {@code max_instances} times: APScheduler's
 * {@code MaxInstancesReachedError}. The scheduler drops the run, reports it with a {@code JOB_MAX_INSTANCES} event
 * and still advances the job's next run time.
 */
public class MaxInstancesReachedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    private final int maxInstances;

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param maxInstances the job's {@code max_instances}
     */
    public MaxInstancesReachedException(String jobId, int maxInstances) {
        super("Job '" + jobId + "' has already reached its maximum number of instances (" + maxInstances + ")");
        this.jobId = jobId;
        this.maxInstances = maxInstances;
    }

    /**
     * Returns the job's id.
     * @return the job id
     */
    public String jobId() {
        return this.jobId;
    }

    /**
     * Returns the limit that was reached.
     * @return the job's {@code max_instances}
     */
    public int maxInstances() {
        return this.maxInstances;
    }

}
