package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.job.JobContext;
import io.micrometer.common.KeyValues;

/**
 * The default {@link JobRunObservationConvention}: observation {@value #NAME}, named after the task in traces;
 * low-cardinality keys {@code task}, {@code executor}, {@code jobstore}, {@code outcome} and {@code exception} (so
 * metrics derived from the observation never carry a job id), high-cardinality keys {@code job.id},
 * {@code job.name} and {@code scheduled.time} (for traces only). {@code outcome} and {@code exception} take the
 * values of Spring's {@code tasks.scheduled.execution}: {@code SUCCESS}, {@code ERROR} or {@code UNKNOWN}, and the
 * simple name of the exception or {@code none}.
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
        return KeyValues.of(ApschedulerMeters.TASK, job.taskName(), ApschedulerMeters.EXECUTOR, job.executor(),
                ApschedulerMeters.JOBSTORE, job.jobstore(), ApschedulerMeters.OUTCOME, outcome(context),
                ApschedulerMeters.EXCEPTION, exception(context));
    }

    private static String outcome(JobRunObservationContext context) {
        if (context.getError() != null) {
            return ApschedulerMeters.ERROR;
        }
        return context.isComplete() ? ApschedulerMeters.SUCCESS : ApschedulerMeters.UNKNOWN;
    }

    private static String exception(JobRunObservationContext context) {
        Throwable error = context.getError();
        if (error == null) {
            return "none";
        }
        String name = error.getClass().getSimpleName();
        return name.isEmpty() ? error.getClass().getName() : name;
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(JobRunObservationContext context) {
        JobContext job = context.getJobContext();
        return KeyValues.of("job.id", job.jobId(), "job.name", job.jobName(), "scheduled.time",
                job.scheduledFireTime().toOffsetDateTime().toString());
    }

}
