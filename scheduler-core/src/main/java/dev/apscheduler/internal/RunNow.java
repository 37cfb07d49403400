package dev.apscheduler.internal;

import java.time.ZonedDateTime;
import java.util.List;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.RunIds;
import org.jspecify.annotations.Nullable;

/**
 * Runs a job now, outside its trigger ("run now", which APScheduler users ask for): one run scheduled at the current
 * time goes to the job's executor; the job's next run time does not change, and {@code max_instances} applies.
 */
final class RunNow {

    private final SchedulerCore core;

    private final JobLookup lookup;

    /**
     * Creates the operation.
     * @param core the scheduler's state
     * @param lookup finds jobs
     */
    public RunNow(SchedulerCore core, JobLookup lookup) {
        this.core = core;
        this.lookup = lookup;
    }

    /**
     * Runs a job now.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @throws SchedulerNotRunningException if the scheduler is stopped
     * @throws dev.apscheduler.JobLookupException if there is no such job
     * @throws MaxInstancesReachedException if the job already runs {@code max_instances} times
     */
    public void runJob(String jobId, @Nullable String jobstore) {
        if (this.core.state() == SchedulerState.STOPPED) {
            throw new SchedulerNotRunningException("run job '" + jobId + "'");
        }
        Job job = this.lookup.requireJob(jobId, jobstore);
        JobExecutor executor = this.core.components().executor(job.executor())
            .orElseThrow(() -> new InvalidJobException("Job '" + jobId + "' names executor '" + job.executor()
                    + "', which is not configured"));
        List<ZonedDateTime> runTimes = List.of(this.core.now());
        try {
            executor.submit(job, runTimes);
        }
        catch (MaxInstancesReachedException ex) {
            String runId = RunIds.next();
            this.core.recorder().add(RunRecord.running(runId, job.id(), job.jobstore(), job.executor(),
                    job.task().name(), runTimes.get(0).toInstant(), 1, null, this.core.instanceName())
                .ended(RunOutcome.SKIPPED, this.core.clock().instant()));
            this.core.events().dispatch(new JobSubmissionEvent(EventCodes.JOB_MAX_INSTANCES, job.id(),
                    job.jobstore(), job.executor(), job.task().name(), runTimes, List.of(runId), ex.scope()));
            throw ex;
        }
    }

}
