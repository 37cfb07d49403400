package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.job.JobContext;
import io.micrometer.observation.Observation;

/**
 * The {@link Observation.Context} of one job run: what the task's {@link JobContext} says about the run.
 */
public class JobRunObservationContext extends Observation.Context {

    private final JobContext jobContext;

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

}
