package dev.apscheduler.executor;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

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
     * Accepts a submission: a job's due runs, or a retry of one of its fire times ({@link Submission#attempt()}
     * above one). The default handles first attempts only, through {@link #submit(Job, List)};
     * {@link AbstractJobExecutor} handles both.
     * @param submission the job, its run times and their attempt number
     * @throws dev.apscheduler.MaxInstancesReachedException if the job already runs {@code max_instances} times
     * @throws dev.apscheduler.SchedulerException if the executor is not started or shut down
     * @throws UnsupportedOperationException for a retry, unless the executor overrides this method
     */
    default void submit(Submission submission) {
        if (submission.attempt() != 1) {
            throw new UnsupportedOperationException(getClass().getName() + " does not run retries");
        }
        submit(submission.job(), submission.runTimes());
    }

    /**
     * Cancels the runs accepted but not started yet: each is recorded as {@code CANCELLED} and its instance released.
     * The scheduler calls this when its shutdown has waited as long as it was allowed to and work is still queued,
     * so that nothing starts after the scheduler has stopped.
     * @return how many submissions were cancelled at once; work a worker already holds is cancelled when it starts
     */
    default int cancelQueued() {
        return 0;
    }

    /**
     * Returns how many runs timed out and were interrupted, yet still run because their task ignored the
     * interruption: they no longer hold a {@code max_instances} slot, but are not forgotten.
     * @return the number of such runs
     */
    default int timedOutRunning() {
        return 0;
    }

    /**
     * Accepts several jobs' due runs at once: the scheduler hands over everything due at one instant this way. The
     * effect is that of {@link #submit} for each submission in order; an executor may queue them for its workers in
     * one step. A submission {@code submit} would refuse is passed to {@code refused} with the exception, and the
     * others are still accepted.
     * @param submissions the jobs and their run times
     * @param refused called for each refused submission with the exception {@code submit} would have thrown
     */
    default void submitAll(List<Submission> submissions, BiConsumer<Submission, RuntimeException> refused) {
        for (Submission submission : submissions) {
            try {
                submit(submission);
            }
            catch (RuntimeException ex) {
                refused.accept(submission, ex);
            }
        }
    }

    /**
     * Accepts several jobs' due runs at once, as {@link #submitAll(List, BiConsumer)} does, as one part of a larger
     * hand-over: with {@code more}, the scheduler hands over more runs due at the same time right after this call
     * (it claims a burst from its store in batches). An executor may hold back waking all its workers until the
     * last part, so that they do not compete for the processors with the thread still handing over. The last part
     * may be empty: the scheduler had nothing more to hand over after all. By default this is
     * {@link #submitAll(List, BiConsumer)}, and nothing for an empty part.
     * @param submissions the jobs and their run times, possibly none
     * @param refused called for each refused submission with the exception {@code submit} would have thrown
     * @param more whether more runs are handed over right after this call
     */
    default void submitAll(List<Submission> submissions, BiConsumer<Submission, RuntimeException> refused,
            boolean more) {
        if (!submissions.isEmpty()) {
            submitAll(submissions, refused);
        }
    }

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

    /**
     * One job's due runs, as handed to {@link #submitAll}: its run times, or one fire time run again as a retry.
     *
     * @param job the job
     * @param runTimes the scheduled run times, oldest first (one for a retry)
     * @param attempt the attempt number: 1, or above for a retry
     * @param runIds the ids the runs must have, one per run time, when they were given their ids elsewhere (a run
     * received from a message broker keeps the id it was published with); empty for new ids
     */
    record Submission(Job job, List<ZonedDateTime> runTimes, int attempt, List<String> runIds) {

        /**
         * Checks that run ids, when given, match the run times.
         * @param job the job
         * @param runTimes the scheduled run times
         * @param attempt the attempt number
         * @param runIds the given run ids, or empty
         */
        public Submission {
            runIds = List.copyOf(runIds);
            if (!runIds.isEmpty() && runIds.size() != runTimes.size()) {
                throw new IllegalArgumentException("runIds must be empty or one per run time: " + runIds.size()
                        + " ids for " + runTimes.size() + " run times");
            }
        }

        /**
         * Creates a submission whose runs get new ids.
         * @param job the job
         * @param runTimes the scheduled run times, oldest first
         * @param attempt the attempt number
         */
        public Submission(Job job, List<ZonedDateTime> runTimes, int attempt) {
            this(job, runTimes, attempt, List.of());
        }

        /**
         * Creates the first attempt of a job's run times.
         * @param job the job
         * @param runTimes the scheduled run times, oldest first
         */
        public Submission(Job job, List<ZonedDateTime> runTimes) {
            this(job, runTimes, 1);
        }

    }

}
