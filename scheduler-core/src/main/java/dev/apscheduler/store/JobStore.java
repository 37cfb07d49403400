package dev.apscheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.job.Job;

/**
 * Keeps jobs and their next run times: the service provider interface behind {@code memory}, {@code jpa} and any
 * other job store. The counterpart of APScheduler's {@code BaseJobStore}, with one deliberate change: the engine,
 * not the store, decides run times, misfires and coalescing, and the store applies the decision in the same atomic
 * step that claims a due job ({@link #acquireDueJobs}), so that several scheduler instances sharing a persistent
 * store never run the same fire time twice.
 *
 * <p>Implementations are thread-safe. Their failures surface as runtime exceptions (preferably
 * {@link dev.apscheduler.JobStoreException}); the scheduler guards every call it makes from its loop, reports the
 * failure, and retries with backoff. A persistent store refuses jobs whose task is inline code
 * ({@link JobCodec#requirePersistable}), keeps jobs as JSON through {@link JobCodec}, and treats a stored job that
 * cannot be restored as described at {@link JobStoreContext#reportUnrestorableJob}: kept, skipped, reported.
 *
 * <p>Every store must pass the contract tests {@code JobStoreContractTests} from the core's test jar.
 */
public interface JobStore {

    /**
     * The default number of jobs the scheduler hands a store in one {@link #addJobs(List, boolean)} call: 500.
     */
    int DEFAULT_BATCH_SIZE = 500;

    /**
     * Starts the store: called by the scheduler when it starts, or when the store is added to a running scheduler.
     * @param context the store's alias and what it needs to restore jobs
     */
    void start(JobStoreContext context);

    /**
     * Releases the store's resources; called when the scheduler shuts down or removes the store.
     */
    void shutdown();

    /**
     * Returns the store's type name, as configured under {@code apscheduler.jobstores.<alias>.type}, for monitoring.
     * @return the type; by default the class name without its {@code JobStore} suffix, in lower case
     * ({@code JpaJobStore} is {@code jpa})
     */
    default String type() {
        String name = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        String base = (name.endsWith("JobStore") && name.length() > 8) ? name.substring(0, name.length() - 8) : name;
        return base.toLowerCase(Locale.ROOT);
    }

    /**
     * Tells whether jobs outlive the process; a persistent store cannot keep jobs with inline tasks.
     * @return whether the store is persistent
     */
    boolean isPersistent();

    /**
     * Adds a job.
     * @param job the job, whose id the store does not hold yet
     * @throws dev.apscheduler.ConflictingIdException if the store holds a job with the same id
     */
    void addJob(Job job);

    /**
     * Adds several jobs as one batch: one transaction, round trip or atomic request where the store can, so that a
     * store on a network adds thousands of jobs per second. Either every job of the batch is stored or, on a conflict,
     * none is: a store that cannot add them atomically removes those it had added before it throws. The scheduler
     * calls this with at most {@link #batchSize()} jobs at a time.
     *
     * <p>The default adds the jobs one by one with {@link #addJob(Job)} (and, when {@code replaceExisting} is set,
     * {@link #updateJob(Job)} for a stored id), removing those it added when one conflicts; stores on a network
     * override it.
     * @param jobs the jobs, with distinct ids
     * @param replaceExisting whether a job whose id the store holds replaces the stored one instead of conflicting
     * @throws ConflictingIdException if an id appears twice in {@code jobs}, or the store holds a job with one of the
     * ids and {@code replaceExisting} is unset; the store then holds the jobs it held before
     */
    default void addJobs(List<Job> jobs, boolean replaceExisting) {
        requireDistinctIds(jobs);
        List<String> added = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            try {
                addJob(job);
                added.add(job.id());
            }
            catch (ConflictingIdException ex) {
                if (!replaceExisting) {
                    for (String id : added) {
                        removeJob(id);
                    }
                    throw ex;
                }
                updateJob(job);
            }
        }
    }

    /**
     * Adds several jobs as one batch, none of whose ids the store may hold; see {@link #addJobs(List, boolean)}.
     * @param jobs the jobs, with distinct ids
     * @throws ConflictingIdException if an id appears twice in {@code jobs} or the store holds one; the store then
     * holds the jobs it held before
     */
    default void addJobs(List<Job> jobs) {
        addJobs(jobs, false);
    }

    /**
     * Returns how many jobs the scheduler hands this store in one {@link #addJobs(List, boolean)} call, unless the
     * store's configuration sets {@code batch_size} ({@link JobStoreFactory#BATCH_SIZE}).
     * @return the batch size, at least one; {@link #DEFAULT_BATCH_SIZE} by default
     */
    default int batchSize() {
        return DEFAULT_BATCH_SIZE;
    }

    /**
     * Checks that a batch names every id once: the rule every store's {@link #addJobs(List, boolean)} follows before
     * it stores anything.
     * @param jobs the batch
     * @throws ConflictingIdException naming the first id that appears twice and the store of its job
     */
    static void requireDistinctIds(List<Job> jobs) {
        Set<String> ids = new HashSet<>();
        for (Job job : jobs) {
            if (!ids.add(job.id())) {
                throw new ConflictingIdException(job.id(), job.jobstore());
            }
        }
    }

    /**
     * Checks a batch size: the rule for the {@code batch_size} option and {@link #batchSize()}.
     * @param batchSize the number of jobs per batch
     * @return the batch size
     * @throws IllegalArgumentException if it is less than one
     */
    static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, was " + batchSize);
        }
        return batchSize;
    }

    /**
     * Replaces a stored job (same id) with {@code job}.
     * @param job the new state of the job
     * @throws dev.apscheduler.JobLookupException if the store holds no job with that id
     */
    void updateJob(Job job);

    /**
     * Changes a stored job in one atomic step: reads it, applies {@code modification} and stores the result, so that
     * a change made through one scheduler instance never writes back a next run time that another instance's acquire
     * step has moved on meanwhile. An exception thrown by {@code modification} leaves the job unchanged and
     * propagates.
     * @param jobId the job's id
     * @param modification computes the new state of the job (same id) from the stored one
     * @return the job as stored after the change
     * @throws dev.apscheduler.JobLookupException if the store holds no job with that id
     */
    Job modifyJob(String jobId, UnaryOperator<Job> modification);

    /**
     * Removes a job.
     * @param jobId the job's id
     * @throws dev.apscheduler.JobLookupException if the store holds no job with that id
     */
    void removeJob(String jobId);

    /**
     * Removes every job.
     */
    void removeAllJobs();

    /**
     * Finds a job.
     * @param jobId the job's id
     * @return the job, or empty when the store holds no job with that id (or it cannot be restored)
     */
    Optional<Job> lookupJob(String jobId);

    /**
     * Returns every job that can be restored, ordered by next run time (ties by id), paused
     * jobs last.
     * @return the jobs
     */
    List<Job> getAllJobs();

    /**
     * Finds one page of jobs by filters, ordered by next run time ({@link JobQuery#order()}), with how many match in
     * all. The default restores every job and filters in memory; a store that can query on its side (a database)
     * overrides it so that a page of a large store costs one indexed query and a count.
     * @param query the filters, order and window
     * @return the page and the number of matching jobs
     */
    default JobSlice findJobs(JobQuery query) {
        return JobSlice.of(getAllJobs(), query);
    }

    /**
     * Counts the store's jobs in one call, for monitoring. The default lists every job ({@link #getAllJobs()}) and
     * the unrestorable ones ({@link UnrestorableJobs}); a store that can count without restoring jobs (a database
     * with a {@code COUNT} query) should answer from that.
     * @return the counts
     */
    default JobCounts jobCounts() {
        List<Job> jobs = getAllJobs();
        long paused = jobs.stream().filter(Job::isPaused).count();
        long unrestorable = (this instanceof UnrestorableJobs listing) ? listing.unrestorableJobs().size() : 0;
        return new JobCounts(jobs.size(), paused, unrestorable);
    }

    /**
     * Returns the earliest due time ({@link Job#dueTime()}: the next run time, or a waiting retry's due time when
     * earlier) of the jobs that can be restored.
     * @return the earliest next run time, or empty when no job is scheduled
     */
    Optional<Instant> nextRunTime();

    /**
     * Returns how long the scheduler may sleep at most before asking this store again: a store shared by several
     * scheduler instances (which add jobs the local scheduler does not hear of) answers its polling interval.
     * @return the maximum sleep, or empty (the default) when the scheduler hears of every change
     */
    default Optional<Duration> maxWait() {
        return Optional.empty();
    }

    /**
     * Returns how far ahead of their run time the scheduler claims this store's jobs. A store whose acquire step is
     * slow (a database) answers a window long enough to claim the jobs due at one instant before that instant comes:
     * the scheduler then calls {@link #acquireDueJobs} with {@code now} plus this window, holds the runs it claimed
     * early, and hands each to its executor at its run time. The store has already moved such a job past the held
     * run: the scheduler's own changes to the job (remove, pause, a new trigger or next run time) cancel the held
     * run, while another scheduler instance's changes apply from the job's next run time on.
     * @return the window; {@link Duration#ZERO} (the default) claims jobs only once they are due
     */
    default Duration lookAhead() {
        return Duration.ZERO;
    }

    /**
     * Runs the announcement of a change this store has just made for the calling thread (the log line, the
     * {@code JOB_ADDED}, {@code JOB_MODIFIED}, {@code JOB_REMOVED} or {@code ALL_JOBS_REMOVED} event and the
     * scheduler's wakeup) once the change is visible to everyone. A store whose changes are visible as soon as its
     * method returns runs it at once, which is the default. A store that joins a transaction the caller has open (a
     * database store inside an application's transaction) runs it after that transaction commits and never runs it
     * when it rolls back, so that listeners hear only of changes that happened; with no transaction open it runs it
     * at once.
     * @param announcement what to run, on whichever thread completes the change
     */
    default void afterChange(Runnable announcement) {
        announcement.run();
    }

    /**
     * Checks a look-ahead window: the one rule every store with a {@code look_ahead} option follows.
     * @param lookAhead the window
     * @return the window
     * @throws IllegalArgumentException if it is negative
     */
    static Duration checkLookAhead(Duration lookAhead) {
        if (lookAhead.isNegative()) {
            throw new IllegalArgumentException("look_ahead must not be negative, was " + lookAhead);
        }
        return lookAhead;
    }

    /**
     * Claims up to {@code limit} jobs whose due time ({@link Job#dueTime()}) is at or before {@code now} (earliest
     * first), asks {@code decider} what to do with each, and stores each decision ({@link JobDecision#applyTo}: the
     * new state of the job, or its removal), all as one atomic step: two callers, in this process or in another
     * sharing the store, never both claim the same job at the same due time.
     * @param now the current time, plus the {@link #lookAhead()} window when the scheduler claims ahead
     * @param limit the most jobs to claim, at least one
     * @param decider the engine's decision for each claimed job
     * @return the claimed jobs with their decisions, earliest first
     */
    List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider);

    /**
     * Returns the store's run slots, which count running instances across every scheduler instance sharing the store:
     * how {@code max_instances} is enforced for jobs whose {@code max_instances_scope} is {@code cluster}. A store
     * without them (the default) refuses such jobs with an error naming the job and the store.
     * @return the run slots, or empty when the store cannot count runs across instances
     */
    default Optional<RunSlots> runSlots() {
        return Optional.empty();
    }

}
