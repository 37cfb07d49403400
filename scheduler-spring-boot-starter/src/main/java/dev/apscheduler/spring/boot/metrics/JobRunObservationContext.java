package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.job.JobContext;
import io.micrometer.observation.Observation;

/**
 * The {@link Observation.Context} of one job run: what the task's {@link JobContext} says about the run.
 */
public class JobRunObservationContext extends Observation.Context {

    private final JobContext jobContext;

    private volatile boolean complete;

    /**
     * Creates the context.
     * @param jobContext the run's job context
     */
    public JobRunObservationContext(JobContext jobContext) {
        this.jobContext = jobContext;
    }

    /**
     * Returns the run's job context: job id and name, task, scheduled fire time, store and executor.
     * @return the job context
     */
    public JobContext getJobContext() {
        return this.jobContext;
    }

    /**
     * Returns whether the task returned (as opposed to throwing, or the observation ending some other way).
     * @return whether the run completed
     */
    public boolean isComplete() {
        return this.complete;
    }

    /**
     * Marks that the task returned.
     * @param complete whether the run completed
     */
    public void setComplete(boolean complete) {
        this.complete = complete;
    }

}
