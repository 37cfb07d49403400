package dev.apscheduler;

import dev.apscheduler.job.MaxInstancesScope;

/**
 * Thrown by an executor when a job already runs {@code max_instances} times: APScheduler's
 * {@code MaxInstancesReachedError}. The scheduler drops the run, reports it with a {@code JOB_MAX_INSTANCES} event
 * and still advances the job's next run time.
 */
public class MaxInstancesReachedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final String jobId;

    private final int maxInstances;

    private final MaxInstancesScope scope;

    /**
     * Creates the exception for the limit of one scheduler instance.
     * @param jobId the job's id
     * @param maxInstances the job's {@code max_instances}
     */
    public MaxInstancesReachedException(String jobId, int maxInstances) {
        this(jobId, maxInstances, MaxInstancesScope.INSTANCE);
    }

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param maxInstances the job's {@code max_instances}
     * @param scope where the limit was counted: in this scheduler instance, or across the cluster
     */
    public MaxInstancesReachedException(String jobId, int maxInstances, MaxInstancesScope scope) {
        super("Job '" + jobId + "' has already reached its maximum number of instances (" + maxInstances
                + describe(scope) + ")");
        this.jobId = jobId;
        this.maxInstances = maxInstances;
        this.scope = scope;
    }

    private static String describe(MaxInstancesScope scope) {
        return (scope == MaxInstancesScope.CLUSTER) ? " across the cluster" : "";
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

    /**
     * Returns where the limit was counted.
     * @return {@link MaxInstancesScope#INSTANCE} for this scheduler instance's runs, {@link MaxInstancesScope#CLUSTER}
     * for the runs of every instance sharing the job's store
     */
    public MaxInstancesScope scope() {
        return this.scope;
    }

    /**
     * Describes the scope for log lines that follow the limit: empty for one instance, {@code " across the cluster"}
     * otherwise.
     * @return the description
     */
    public String scopeDescription() {
        return describe(this.scope);
    }

}
