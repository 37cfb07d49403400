package dev.apscheduler.spring.boot.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.JobStoreStatus;
import dev.apscheduler.store.JobQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} to inspect and control the scheduler's jobs and to read their runs. The summary is
 * available to every technology; the job and run operations are exposed by the
 * {@link ApschedulerEndpointWebExtension web} and {@link ApschedulerEndpointJmxExtension JMX} extensions, which decide
 * whether argument values and results are shown and how errors are answered.
 *
 * <p>Its default access is {@link Access#READ_ONLY read-only}, like Boot's sensitive endpoints: the write operations
 * (pause, resume, run, remove) exist only once an application opts in with
 * {@code management.endpoint.apscheduler.access=unrestricted}, and should be secured when it does.
 */
@Endpoint(id = "apscheduler", defaultAccess = Access.READ_ONLY)
public class ApschedulerEndpoint {

    /** The size of a page of runs when a request names none. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private final Scheduler scheduler;

    private final JobExecutionHistory history;

    private final Sanitizer sanitizer;

    private final RunViews runs;

    private final int jobsLimit;

    /**
     * Creates the endpoint, listing up to {@link JobStoreStatus#DEFAULT_JOBS_LIMIT} jobs of each store.
     * @param scheduler the scheduler
     * @param history the last execution of each job, registered as a listener of {@code scheduler} when it keeps no
     * run history (when it does, the endpoint reads the last executions from its history)
     * @param sanitizingFunctions the functions that sanitise argument values and results when they are shown
     */
    public ApschedulerEndpoint(Scheduler scheduler, JobExecutionHistory history,
            Iterable<SanitizingFunction> sanitizingFunctions) {
        this(scheduler, history, sanitizingFunctions, JobStoreStatus.DEFAULT_JOBS_LIMIT);
    }

    /**
     * Creates the endpoint.
     * @param scheduler the scheduler
     * @param history the last execution of each job, registered as a listener of {@code scheduler} when it keeps no
     * run history (when it does, the endpoint reads the last executions from its history)
     * @param sanitizingFunctions the functions that sanitise argument values and results when they are shown
     * @param jobsLimit how many jobs of each store the summary lists at most (its first ones by next run time),
     * {@code 0} to {@link dev.apscheduler.store.JobQuery#MAX_LIMIT}
     * @throws IllegalArgumentException if the limit is out of range
     */
    public ApschedulerEndpoint(Scheduler scheduler, JobExecutionHistory history,
            Iterable<SanitizingFunction> sanitizingFunctions, int jobsLimit) {
        Assert.notNull(scheduler, "'scheduler' must not be null");
        Assert.notNull(history, "'history' must not be null");
        Assert.isTrue(jobsLimit >= 0 && jobsLimit <= JobQuery.MAX_LIMIT,
                () -> "management.endpoint.apscheduler.jobs-limit must be between 0 and "
                        + JobQuery.MAX_LIMIT + ", was " + jobsLimit);
        this.jobsLimit = jobsLimit;
        this.scheduler = scheduler;
        this.history = history;
        this.sanitizer = new Sanitizer(sanitizingFunctions);
        this.runs = new RunViews(scheduler, this.sanitizer);
    }

    /**
     * Describes the scheduler: state, time zone, job stores (with how many jobs each holds), executors, the run
     * history store and a summary of the first jobs of each store by next run time. Each store counts its jobs and
     * lists one bounded page, so that a store of a million jobs answers as fast as a small one.
     * @return the description
     */
    @ReadOperation
    public SchedulerDescriptor scheduler() {
        Map<String, JobStoreDescriptor> jobstores = new LinkedHashMap<>();
        List<JobSummaryDescriptor> jobs = new ArrayList<>();
        for (JobStoreStatus status : JobStoreStatus.inspectAll(this.scheduler, this.jobsLimit)) {
            jobstores.put(status.alias(), JobStoreDescriptor.of(status));
            status.listedJobs().ifPresent((listed) -> listed.forEach((job) -> jobs.add(JobSummaryDescriptor.of(job))));
        }
        Map<String, ExecutorDescriptor> executors = new LinkedHashMap<>();
        this.scheduler.executors().forEach((alias, executor) -> executors.put(alias, ExecutorDescriptor.of(executor)));
        return new SchedulerDescriptor(this.scheduler.state().name(), this.scheduler.timezone().getId(), jobstores,
                executors, HistoryDescriptor.of(this.scheduler), jobs);
    }

    /**
     * Describes one job: trigger, next fire times, options (retry policy and timeout included), pending retries,
     * arguments, last execution and running instances.
     * @param jobId the job's id
     * @param showUnsanitized whether argument values are shown (through the sanitizing functions)
     * @return the description
     * @throws JobLookupException if there is no such job
     */
    public JobDetailsDescriptor job(String jobId, boolean showUnsanitized) {
        Job job = requireJob(jobId);
        List<@Nullable Object> args = new ArrayList<>();
        for (int i = 0; i < job.args().size(); i++) {
            args.add(sanitize("args[" + i + "]", job.args().get(i), showUnsanitized));
        }
        Map<String, @Nullable Object> kwargs = new LinkedHashMap<>();
        job.kwargs().forEach((key, value) -> kwargs.put(key, sanitize(key, value, showUnsanitized)));
        return new JobDetailsDescriptor(job.id(), job.name(), job.task().name(), job.jobstore(), job.executor(),
                job.isPaused(), job.nextRunTime().orElse(null), TriggerDescriptions.describe(job.trigger()),
                TriggerDescriptions.nextFireTimes(job, TriggerDescriptions.NEXT_FIRE_TIMES),
                new JobDetailsDescriptor.Options(job.misfireGraceTime().orElse(null), job.coalesce(),
                        job.maxInstances(), job.timeout().orElse(null),
                        JobDetailsDescriptor.Retry.of(job.retryPolicy()), job.maxInstancesScope().value()),
                job.pendingRetries(), args, kwargs, lastExecution(job), runningInstances(job));
    }

    /**
     * Lists a job's runs, newest first: also the runs of a job that no longer exists, as long as the history holds
     * them.
     * @param jobId the job's id
     * @param page the page number, from zero
     * @param size the page size, 1 to {@link dev.apscheduler.history.RunPage#MAX_SIZE}
     * @param showUnsanitized whether results are shown (through the sanitizing functions)
     * @return the page
     * @throws RunHistoryOffException if the scheduler keeps no run history
     * @throws IllegalArgumentException if the page or size is out of range, naming it
     * @throws JobLookupException if there is no such job and the history holds no run of it
     * @throws RunHistoryUnavailableException if the history store fails
     */
    public RunPageDescriptor jobRuns(String jobId, int page, int size, boolean showUnsanitized) {
        return this.runs.jobRuns(jobId, page, size, showUnsanitized);
    }

    /**
     * Describes one run, with the stack trace of a failure.
     * @param runId the run's id
     * @param showUnsanitized whether its result is shown (through the sanitizing functions)
     * @return the run
     * @throws RunHistoryOffException if the scheduler keeps no run history
     * @throws RunLookupException if the history holds no such run
     * @throws RunHistoryUnavailableException if the history store fails
     */
    public RunDescriptor run(String runId, boolean showUnsanitized) {
        return this.runs.run(runId, showUnsanitized);
    }

    /**
     * Lists failed runs ({@code ERROR} and {@code TIMED_OUT}) across jobs, newest first.
     * @param page the page number, from zero
     * @param size the page size, 1 to {@link dev.apscheduler.history.RunPage#MAX_SIZE}
     * @param showUnsanitized whether results are shown (through the sanitizing functions)
     * @return the page
     * @throws RunHistoryOffException if the scheduler keeps no run history
     * @throws IllegalArgumentException if the page or size is out of range, naming it
     * @throws RunHistoryUnavailableException if the history store fails
     */
    public RunPageDescriptor failures(int page, int size, boolean showUnsanitized) {
        return this.runs.failures(page, size, showUnsanitized);
    }

    /**
     * Pauses, resumes or runs a job.
     * @param jobId the job's id
     * @param action what to do
     * @return the job after the action
     * @throws JobLookupException if there is no such job
     * @throws dev.apscheduler.MaxInstancesReachedException if running it would exceed {@code max_instances}
     * @throws dev.apscheduler.SchedulerNotRunningException if running it while the scheduler is stopped
     */
    public JobActionDescriptor perform(String jobId, JobAction action) {
        Job job = requireJob(jobId);
        Optional<Job> after = switch (action) {
            case PAUSE -> Optional.of(this.scheduler.pauseJob(job.id(), job.jobstore()));
            case RESUME -> this.scheduler.resumeJob(job.id(), job.jobstore());
            case RUN -> {
                this.scheduler.runJob(job.id(), job.jobstore());
                yield this.scheduler.getJob(job.id(), job.jobstore());
            }
        };
        return new JobActionDescriptor(job.id(), action.id(), after.map(JobSummaryDescriptor::of).orElse(null));
    }

    /**
     * Removes a job.
     * @param jobId the job's id
     * @throws JobLookupException if there is no such job
     */
    public void removeJob(String jobId) {
        Job job = requireJob(jobId);
        this.scheduler.removeJob(job.id(), job.jobstore());
    }

    private Job requireJob(String jobId) {
        return this.scheduler.getJob(jobId).orElseThrow(() -> new JobLookupException(jobId, null));
    }

    private @Nullable LastExecution lastExecution(Job job) {
        if (this.scheduler.historyStore().isPresent()) {
            return this.runs.lastExecution(job);
        }
        return this.history.lastExecution(job.jobstore(), job.id()).orElse(null);
    }

    private int runningInstances(Job job) {
        return this.scheduler.runningInstances(job.id());
    }

    private @Nullable Object sanitize(String key, @Nullable Object value, boolean showUnsanitized) {
        return this.sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized);
    }

}
