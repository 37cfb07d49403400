package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.job.JobContext;
import io.micrometer.common.KeyValues;

/**
 * The default {@link JobRunObservationConvention}: observation {@value #NAME}, named after the task in traces;
 * low-cardinality keys {@code task}, {@code executor}, {@code jobstore} and {@code outcome} (so metrics derived from
 * the observation never carry a job id), high-cardinality keys {@code job.id}, {@code job.name} and
 * {@code scheduled.time} (for traces only).
 */
public class DefaultJobRunObservationConvention implements JobRunObservationConvention {

    /** The observation's name. */
    public static final String NAME = "apscheduler.job.run";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(JobRunObservationContext context) {
        return "job " + context.getJobContext().taskName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(JobRunObservationContext context) {
        JobContext job = context.getJobContext();
        String outcome = (context.getError() != null) ? ApschedulerMeters.ERROR : ApschedulerMeters.SUCCESS;
        return KeyValues.of(ApschedulerMeters.TASK, job.taskName(), ApschedulerMeters.EXECUTOR, job.executor(),
                ApschedulerMeters.JOBSTORE, job.jobstore(), ApschedulerMeters.OUTCOME, outcome);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(JobRunObservationContext context) {
        JobContext job = context.getJobContext();
        return KeyValues.of("job.id", job.jobId(), "job.name", job.jobName(), "scheduled.time",
                job.scheduledFireTime().toOffsetDateTime().toString());
    }

}
