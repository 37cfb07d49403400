package dev.apscheduler.executor;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import dev.apscheduler.job.Job;

/**
 * Runs jobs: the service provider interface behind {@code threadpool}, {@code virtual}, {@code direct} and any other
 * executor; APScheduler's {@code BaseExecutor}. Extend {@link AbstractJobExecutor}, which implements APScheduler's
 * {@code run_job} (misfire check when a run is about to start, instance counting, events), and supply only how work
 * is executed.
 *
 * <p>Events: an executor publishes {@code JOB_SUBMITTED} when it accepts a submission, before any of its runs
 * starts, then one {@code JOB_MISSED}, {@code JOB_EXECUTED} or {@code JOB_ERROR} per run time.
 */
public interface JobExecutor {

    /**
     * Starts the executor: called when the scheduler starts, or when the executor is added to a running scheduler.
     * @param context the alias, clock, tasks and event channel
     */
    void start(ExecutorContext context);

    /**
     * Accepts a job's due runs, to execute them one after another on one worker.
     * @param job the job
     * @param runTimes the scheduled run times, oldest first (one when coalescing)
     * @throws dev.apscheduler.MaxInstancesReachedException if the job already runs {@code max_instances} times
     * @throws dev.apscheduler.SchedulerException if the executor is not started or shut down
     */
    void submit(Job job, List<ZonedDateTime> runTimes);

    /**
     * Stops accepting work; runs already accepted still complete.
     * @param timeout how long to wait for them, {@link Duration#ZERO} not to wait
     * @return whether every accepted run had finished when this method returned
     */
    boolean shutdown(Duration timeout);

    /**
     * Returns the executor's type name, as configured under {@code apscheduler.executors.<alias>.type}, for
     * monitoring.
     * @return the type; by default the class name without its {@code JobExecutor} suffix, in lower case
     */
    default String type() {
        String name = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        String base = name.endsWith("JobExecutor") && name.length() > 11 ? name.substring(0, name.length() - 11) : name;
        return base.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns how many runs may execute at once.
     * @return the worker limit ({@link Integer#MAX_VALUE} when unbounded)
     */
    int maxWorkers();

    /**
     * Returns how many submissions are accepted and not yet finished (running or queued).
     * @return the number of submissions in progress
     */
    int activeCount();

    /**
     * Returns how many submissions of one job are accepted and not yet finished: what {@code max_instances} limits.
     * @param jobId the job's id
     * @return the number of instances
     */
    int runningInstances(String jobId);

}
