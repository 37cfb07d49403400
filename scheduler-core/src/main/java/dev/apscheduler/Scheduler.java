package dev.apscheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler: APScheduler's {@code BaseScheduler} API with Java names. Jobs are added with {@code addJob}, kept in
 * job stores, run by executors when their triggers fire, and reported to listeners as events.
 *
 * <pre>{@code
 * scheduler.taskRegistry().register("send-report", () -> reports.send());
 * scheduler.addJob("send-report", Triggers.interval().seconds(2).build());
 * scheduler.addJob(JobSpec.task("send-report").id("nightly").trigger("cron", Map.of("hour", "3")).coalesce(false));
 * scheduler.start();
 * }</pre>
 *
 * <p>Operations that take a {@code jobstore} accept {@code null} for "any store". Jobs added before {@link #start()}
 * are stored when the scheduler starts, as in APScheduler; until then the job operations see only those pending
 * jobs. Implementations are thread-safe.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Starts the scheduler: creates the {@code default} executor and job store when none is configured, starts
     * every executor and store, stores the pending jobs, and begins processing.
     * @throws SchedulerAlreadyRunningException if it is already running or paused
     */
    default void start() {
        start(false);
    }

    /**
     * Starts the scheduler, optionally paused (jobs are stored but not processed until {@link #resume()}).
     * @param paused whether to start paused
     * @throws SchedulerAlreadyRunningException if it is already running or paused
     */
    void start(boolean paused);

    /**
     * Shuts down, waiting for running jobs at most the configured shutdown timeout (30 s by default).
     * @throws SchedulerNotRunningException if it is stopped
     */
    default void shutdown() {
        shutdown(true);
    }

    /**
     * Shuts down: processing stops, executors finish the runs they accepted, stores are shut down.
     * @param wait whether to wait for running jobs (at most the configured shutdown timeout)
     * @throws SchedulerNotRunningException if it is stopped
     */
    void shutdown(boolean wait);

    /**
     * Shuts down, waiting for running jobs at most {@code timeout}.
     * @param timeout the longest wait, {@link Duration#ZERO} not to wait
     * @return whether every running job had finished
     * @throws SchedulerNotRunningException if it is stopped
     */
    boolean shutdown(Duration timeout);

    /**
     * Pauses job processing; jobs stay stored and their due runs wait.
     * @throws SchedulerNotRunningException if it is stopped
     */
    void pause();

    /**
     * Resumes job processing.
     * @throws SchedulerNotRunningException if it is stopped
     */
    void resume();

    /**
     * Wakes the scheduler's loop so that it looks at the job stores now. Job operations do this themselves.
     */
    void wakeup();

    /**
     * Returns the state.
     * @return STOPPED, RUNNING or PAUSED
     */
    SchedulerState state();

    /**
     * Tells whether the scheduler is started (running or paused): APScheduler's {@code running}.
     * @return whether it is not stopped
     */
    default boolean isRunning() {
        return state() != SchedulerState.STOPPED;
    }

    /**
     * Returns the default time zone of triggers built from aliases and of next run times.
     * @return the time zone
     */
    ZoneId timezone();

    /**
     * Returns the clock the scheduler reads time from.
     * @return the clock
     */
    Clock clock();

    /**
     * Returns the registry of the tasks jobs refer to.
     * @return the task registry
     */
    TaskRegistry taskRegistry();

    /**
     * Returns the trigger kinds this scheduler builds triggers of (jobs added by alias, {@code rescheduleJob} by
     * alias) and restores stored jobs with: the built-in ones, those listed in {@code META-INF/services}, and those
     * given to its builder. A job whose trigger is of another kind is refused by persistent job stores.
     * @return the trigger registry
     */
    TriggerRegistry triggerRegistry();

    /**
     * Returns the values jobs get for options they do not set.
     * @return the job defaults
     */
    JobDefaults jobDefaults();

    /**
     * Reconfigures from APScheduler's flat form with the {@code apscheduler.} prefix. Like APScheduler's
     * {@code configure()}, this replaces the time zone, job defaults, job stores and executors.
     * @param flat keys such as {@code apscheduler.executors.default.max_workers}
     * @throws SchedulerAlreadyRunningException if the scheduler is started
     * @throws ConfigurationException naming the key and value for anything invalid
     */
    default void configure(Map<String, ?> flat) {
        configure(SchedulerConfig.fromMap(flat));
    }

    /**
     * Reconfigures; replaces the time zone, job defaults, job stores and executors.
     * @param config the configuration
     * @throws SchedulerAlreadyRunningException if the scheduler is started
     * @throws ConfigurationException if a store or executor cannot be created
     */
    void configure(SchedulerConfig config);

    /**
     * Adds a job with every APScheduler option; see {@link JobSpec}.
     * @param spec the job's specification
     * @return the job as stored (or, before start, as it would be stored now)
     * @throws ConflictingIdException if its store has a job with the same id and {@code replace_existing} is unset
     * @throws InvalidJobException if an argument is not JSON-compatible, the executor is unknown, or a persistent
     * store is given inline code
     */
    Job addJob(JobSpec spec);

    /**
     * Adds many jobs at once: the bulk form of {@link #addJob(JobSpec)}, with the same options, checks and events
     * for each job, and one store call (one transaction or round trip) per batch of jobs instead of one per job.
     * Every specification is checked first (its trigger, options, executor, job store, and for a persistent store
     * its task and trigger kind) and ids given twice in the list for the same store are refused, so that a bad
     * specification stores nothing. The jobs are then stored store by store in batches of the store's
     * {@code batch_size} ({@link JobStore#batchSize()}, 500 by default), each batch all or nothing; a conflicting
     * id (without {@code replace_existing}) or a store failure stops at its batch, and the batches before it stay
     * stored, as {@link JobBatchException#added()} lists. A {@code JOB_ADDED} event is published for each job once
     * its batch is stored. Before {@link #start()}, the jobs are held with the other pending jobs, all or none.
     * @param specs the jobs' specifications
     * @return the jobs as stored (before start: as they would be stored now), in the order given
     * @throws JobBatchException naming the first job that cannot be added by its index and id, with what
     * {@code addJob} would have thrown for it as the cause
     */
    List<Job> addJobs(List<JobSpec> specs);

    /**
     * Adds many jobs at once; see {@link #addJobs(List)}.
     * @param specs the jobs' specifications
     * @return the jobs as stored, in the order given
     * @throws JobBatchException naming the first job that cannot be added
     */
    default List<Job> addJobs(JobSpec... specs) {
        return addJobs(List.of(specs));
    }

    /**
     * Adds a job from a builder; see {@link #addJob(JobSpec)}.
     * @param spec the job's specification
     * @return the job
     */
    default Job addJob(JobSpecBuilder spec) {
        return addJob(spec.build());
    }

    /**
     * Adds a job that runs a registered task: APScheduler's {@code add_job('send_report', trigger)}.
     * @param taskName the task's name
     * @param trigger when to run it
     * @return the job
     */
    default Job addJob(String taskName, Trigger trigger) {
        return addJob(JobSpec.task(taskName).trigger(trigger));
    }

    /**
     * Adds a job that runs a registered task, with a trigger given by alias and parameters: APScheduler's
     * {@code add_job(func, 'interval', seconds=2)}.
     * @param taskName the task's name
     * @param triggerAlias the trigger alias, for example {@code interval}
     * @param triggerParameters the trigger's parameters under APScheduler's names
     * @return the job
     */
    default Job addJob(String taskName, String triggerAlias, Map<String, ?> triggerParameters) {
        return addJob(JobSpec.task(taskName).trigger(triggerAlias, triggerParameters));
    }

    /**
     * Adds a job that runs inline code (kept by a non-persistent store only).
     * @param runnable the code
     * @param trigger when to run it
     * @return the job
     */
    default Job addJob(Runnable runnable, Trigger trigger) {
        return addJob(JobSpec.runnable(runnable).trigger(trigger));
    }

    /**
     * Adds a job that runs inline code whose result becomes the {@code JOB_EXECUTED} event's return value (kept by a
     * non-persistent store only).
     * @param callable the code
     * @param trigger when to run it
     * @return the job
     */
    default Job addJob(Callable<?> callable, Trigger trigger) {
        return addJob(JobSpec.callable(callable).trigger(trigger));
    }

    /**
     * Changes a job's options; see {@link JobChanges}.
     * @param jobId the job's id
     * @param changes the changes
     * @return the changed job
     * @throws JobLookupException if there is no such job
     */
    default Job modifyJob(String jobId, JobChanges changes) {
        return modifyJob(jobId, null, changes);
    }

    /**
     * Changes a job's options.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @param changes the changes
     * @return the changed job
     * @throws JobLookupException if there is no such job
     */
    Job modifyJob(String jobId, @Nullable String jobstore, JobChanges changes);

    /**
     * Gives a job a new trigger; its next run time is computed from it.
     * @param jobId the job's id
     * @param trigger the new trigger
     * @return the changed job
     * @throws JobLookupException if there is no such job
     */
    default Job rescheduleJob(String jobId, Trigger trigger) {
        return rescheduleJob(jobId, null, trigger);
    }

    /**
     * Gives a job a new trigger; its next run time is computed from it.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @param trigger the new trigger
     * @return the changed job
     * @throws JobLookupException if there is no such job
     */
    Job rescheduleJob(String jobId, @Nullable String jobstore, Trigger trigger);

    /**
     * Gives a job a new trigger built from an alias and parameters in the scheduler's time zone.
     * @param jobId the job's id
     * @param triggerAlias the trigger alias
     * @param triggerParameters the trigger's parameters
     * @return the changed job
     * @throws JobLookupException if there is no such job
     */
    Job rescheduleJob(String jobId, String triggerAlias, Map<String, ?> triggerParameters);

    /**
     * Pauses a job: it stays stored without a next run time.
     * @param jobId the job's id
     * @return the paused job
     * @throws JobLookupException if there is no such job
     */
    default Job pauseJob(String jobId) {
        return pauseJob(jobId, null);
    }

    /**
     * Pauses a job.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @return the paused job
     * @throws JobLookupException if there is no such job
     */
    Job pauseJob(String jobId, @Nullable String jobstore);

    /**
     * Resumes a paused job at its trigger's next fire time from now; a job whose trigger is finished is removed.
     * @param jobId the job's id
     * @return the resumed job, or empty when it was removed
     * @throws JobLookupException if there is no such job
     */
    default Optional<Job> resumeJob(String jobId) {
        return resumeJob(jobId, null);
    }

    /**
     * Resumes a paused job.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @return the resumed job, or empty when it was removed
     * @throws JobLookupException if there is no such job
     */
    Optional<Job> resumeJob(String jobId, @Nullable String jobstore);

    /**
     * Removes a job.
     * @param jobId the job's id
     * @throws JobLookupException if there is no such job
     */
    default void removeJob(String jobId) {
        removeJob(jobId, null);
    }

    /**
     * Removes a job.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @throws JobLookupException if there is no such job
     */
    void removeJob(String jobId, @Nullable String jobstore);

    /**
     * Removes every job from every store.
     */
    default void removeAllJobs() {
        removeAllJobs(null);
    }

    /**
     * Removes every job from one store, or from all.
     * @param jobstore the store, or {@code null} for all
     */
    void removeAllJobs(@Nullable String jobstore);

    /**
     * Finds a job.
     * @param jobId the job's id
     * @return the job, or empty
     */
    default Optional<Job> getJob(String jobId) {
        return getJob(jobId, null);
    }

    /**
     * Finds a job.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @return the job, or empty
     */
    Optional<Job> getJob(String jobId, @Nullable String jobstore);

    /**
     * Lists the jobs (before start: the pending ones), store by store, each store's by next run time.
     * @return the jobs
     */
    default List<Job> getJobs() {
        return getJobs(null);
    }

    /**
     * Lists the jobs of one store, or of all.
     * @param jobstore the store, or {@code null} for all
     * @return the jobs
     */
    List<Job> getJobs(@Nullable String jobstore);

    /**
     * Finds one page of jobs by filters, ordered by next run time, with how many match in all: what a dashboard
     * needs to list a large store without restoring every job (each store answers with
     * {@link JobStore#findJobs(JobQuery)}). Across several stores the pages are merged in the query's order, so a
     * deep page costs each store its offset plus limit. While the scheduler is stopped, the pending jobs are searched.
     * @param jobstore the store, or {@code null} for all
     * @param query the filters, order and window
     * @return the page and the number of matching jobs
     * @throws JobStoreException if a store is named and there is none by that alias, or a store fails
     */
    JobSlice findJobs(@Nullable String jobstore, JobQuery query);

    /**
     * Prints the jobs to standard output, as APScheduler's {@code print_jobs()}.
     */
    default void printJobs() {
        printJobs(null, System.out);
    }

    /**
     * Prints the jobs of one store, or of all.
     * @param jobstore the store, or {@code null} for all
     * @param out where to print
     */
    void printJobs(@Nullable String jobstore, Appendable out);

    /**
     * Runs a job now, outside its trigger: its executor gets one run scheduled at the current time; the job's next
     * run time does not change. {@code max_instances} applies.
     * @param jobId the job's id
     * @throws JobLookupException if there is no such job
     * @throws MaxInstancesReachedException if the job already runs {@code max_instances} times
     * @throws SchedulerNotRunningException if the scheduler is stopped
     */
    default void runJob(String jobId) {
        runJob(jobId, null);
    }

    /**
     * Runs a job now, outside its trigger.
     * @param jobId the job's id
     * @param jobstore the job's store, or {@code null} for any
     * @throws JobLookupException if there is no such job
     * @throws MaxInstancesReachedException if the job already runs {@code max_instances} times
     * @throws SchedulerNotRunningException if the scheduler is stopped
     */
    void runJob(String jobId, @Nullable String jobstore);

    /**
     * Adds a job store; started at once if the scheduler runs.
     * @param store the store
     * @param alias its alias
     * @throws JobStoreException if the alias is taken
     */
    void addJobStore(JobStore store, String alias);

    /**
     * Adds a job store of a registered type, APScheduler's {@code add_jobstore('sqlalchemy', url=...)}.
     * @param type the type, for example {@code memory}
     * @param alias its alias
     * @param options the type's options
     * @throws ConfigurationException if the type or an option is unknown or invalid
     */
    void addJobStore(String type, String alias, Map<String, ?> options);

    /**
     * Removes a job store and shuts it down.
     * @param alias its alias
     * @throws JobStoreException if there is no such store
     */
    default void removeJobStore(String alias) {
        removeJobStore(alias, true);
    }

    /**
     * Removes a job store.
     * @param alias its alias
     * @param shutdown whether to shut it down
     * @throws JobStoreException if there is no such store
     */
    void removeJobStore(String alias, boolean shutdown);

    /**
     * Returns snapshots of the job stores by alias, in the order they were added: type, look-ahead, job counts
     * (one cheap call per store, {@link dev.apscheduler.store.JobStore#jobCounts()}; before the scheduler starts,
     * its pending jobs) and whether each answers. The stores themselves stay inside the scheduler, so that nothing
     * bypasses its lock, events and claimed runs.
     * @return the snapshots; a store that fails to count its jobs is reported, never thrown
     */
    Map<String, JobStoreInfo> jobStores();

    /**
     * Returns the aliases of the job stores, in the order they were added, without asking the stores anything (as
     * {@link #jobStores()} does to count their jobs).
     * @return the aliases
     */
    Set<String> jobStoreAliases();

    /**
     * Returns a snapshot of one job store, as {@link #jobStores()} does for all.
     * @param alias the store's alias
     * @return the snapshot, or empty when there is no such store
     */
    Optional<JobStoreInfo> jobStore(String alias);

    /**
     * Lists the stored jobs that a job store keeps but cannot restore (an unknown task or trigger kind, corrupt
     * state): they are kept and skipped, never deleted.
     * @param jobstore the store's alias
     * @return the jobs; empty for a store that cannot tell
     * @throws JobStoreException if there is no such store, or it fails
     */
    List<UnrestorableJob> unrestorableJobs(String jobstore);

    /**
     * Tells whether a job store is failing: its last call from the scheduler's loop failed, and the loop retries it
     * with backoff (also reported by {@code JOBSTORE_FAILED} and {@code JOBSTORE_RECOVERED} events).
     * @param alias the store's alias
     * @return the latest failure, or empty when the store's last call from the loop succeeded
     */
    Optional<Throwable> jobStoreFailure(String alias);

    /**
     * Adds an executor; started at once if the scheduler runs.
     * @param executor the executor
     * @param alias its alias
     * @throws SchedulerException if the alias is taken
     */
    void addExecutor(JobExecutor executor, String alias);

    /**
     * Adds an executor of a registered type, APScheduler's {@code add_executor('threadpool', max_workers=20)}.
     * @param type the type, for example {@code threadpool}
     * @param alias its alias
     * @param options the type's options
     * @throws ConfigurationException if the type or an option is unknown or invalid
     */
    void addExecutor(String type, String alias, Map<String, ?> options);

    /**
     * Removes an executor and shuts it down (without waiting).
     * @param alias its alias
     * @throws SchedulerException if there is no such executor
     */
    default void removeExecutor(String alias) {
        removeExecutor(alias, true);
    }

    /**
     * Removes an executor.
     * @param alias its alias
     * @param shutdown whether to shut it down
     * @throws SchedulerException if there is no such executor
     */
    void removeExecutor(String alias, boolean shutdown);

    /**
     * Returns snapshots of the executors by alias, in the order they were added: type, worker limit and submissions
     * in progress.
     * @return the snapshots
     */
    Map<String, ExecutorInfo> executors();

    /**
     * Returns the store run records are kept in: the run history of every job, read with
     * {@link HistoryStore#findRuns}, {@link HistoryStore#findRun}, {@link HistoryStore#findFailures} and
     * {@link HistoryStore#findFailingJobs}. Records are written in the background, a moment after a run starts or
     * ends ({@link #flushHistory()} writes them at once).
     * @return the store, or empty when the scheduler keeps no history
     */
    Optional<HistoryStore> historyStore();

    /**
     * Returns why the history store failed, while it fails: records wait in memory and are retried, and runs go on.
     * @return the last write's failure, or empty while writes succeed
     */
    Optional<Throwable> historyFailure();

    /**
     * Writes the run records waiting for the history store now, on the caller's thread.
     * @return whether every waiting record was written
     */
    boolean flushHistory();

    /**
     * Returns the name this scheduler instance writes in run records.
     * @return the name; by default the host name and the process id, as {@code host-1234}
     */
    String instanceName();

    /**
     * Counts the runs of a job in progress (started or queued) in the scheduler's executors.
     * @param jobId the job's id
     * @return the running instances, zero for an unknown job
     */
    int runningInstances(String jobId);

    /**
     * Adds a listener for every event.
     * @param listener the listener
     */
    default void addListener(SchedulerListener listener) {
        addListener(listener, EventCodes.ALL);
    }

    /**
     * Adds a listener for the events in {@code mask}, for example
     * {@code EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR}.
     * @param listener the listener
     * @param mask the event codes
     */
    void addListener(SchedulerListener listener, int mask);

    /**
     * Removes a listener.
     * @param listener the listener
     */
    void removeListener(SchedulerListener listener);

    /**
     * Shuts down (waiting at most the configured timeout) if the scheduler is started; does nothing otherwise.
     */
    @Override
    default void close() {
        if (isRunning()) {
            shutdown(true);
        }
    }

}
