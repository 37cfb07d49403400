package dev.apscheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.ComponentConfig;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerFactory;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind every scheduler, and the only public type of this package: the scheduler classes of
 * {@code dev.apscheduler} hold one and delegate to it, and nothing else may use it (an architecture test keeps it
 * so). It is not API and may change in any release; use {@link dev.apscheduler.Scheduler}.
 *
 * <p>Behind it: the shared state and lock ({@link SchedulerCore}), the job operations, the lifecycle, the loop's
 * pass ({@link JobProcessor}) and the loop itself ({@link SchedulerLoop}), all package-private.
 */
public final class Engine {

    private final SchedulerCore core;

    private final JobOperations jobs;

    private final Lifecycle lifecycle;

    private final JobProcessor processor;

    private final JobPrinter printer;

    private final RunNow runNow;

    private final WakeupSignal signal = new WakeupSignal();

    /**
     * Creates the engine.
     * @param clock the clock the engine reads
     * @param taskRegistry the tasks jobs may run
     * @param classLoader where store and executor factories and classes are looked up
     * @param storeFactories store factories beyond those found with {@link java.util.ServiceLoader}
     * @param executorFactories executor factories beyond those found with {@link java.util.ServiceLoader}
     * @param triggerFactories trigger kinds beyond the built-in ones and those found with
     * {@link java.util.ServiceLoader}
     * @param interceptors the run interceptors, outermost first
     * @param defaultExecutor creates the {@code default} executor when none is configured
     * @param wakeup what the engine calls when the scheduler's loop should look at its stores again
     */
    public Engine(Clock clock, TaskRegistry taskRegistry, ClassLoader classLoader, List<JobStoreFactory> storeFactories,
            List<JobExecutorFactory> executorFactories, List<TriggerFactory> triggerFactories,
            List<JobRunInterceptor> interceptors, Supplier<JobExecutor> defaultExecutor, Runnable wakeup) {
        ComponentFactories factories = new ComponentFactories(classLoader, storeFactories, executorFactories,
                triggerFactories);
        this.core = new SchedulerCore(clock, taskRegistry, factories,
                JobRunInterceptor.chain(List.copyOf(interceptors)));
        this.jobs = new JobOperations(this.core);
        this.lifecycle = new Lifecycle(this.core, this.jobs, defaultExecutor);
        this.processor = new JobProcessor(this.core);
        this.printer = new JobPrinter(this.core, this.jobs);
        this.runNow = new RunNow(this.core, this.jobs.lookup());
        this.core.onWakeup(wakeup);
    }

    // --- settings applied while the scheduler is built ---

    /**
     * Applies a configuration (APScheduler's flat form, or the starter's properties).
     * @param config the configuration
     */
    public void apply(SchedulerConfig config) {
        this.core.apply(config);
    }

    /**
     * Sets the default time zone.
     * @param timezone the zone
     */
    public void timezone(ZoneId timezone) {
        this.core.timezone(timezone);
    }

    /**
     * Sets the job defaults.
     * @param defaults the defaults
     */
    public void jobDefaults(JobDefaults defaults) {
        this.core.jobDefaults(defaults);
    }

    /**
     * Sets the first retry interval after a store failure.
     * @param interval the interval
     */
    public void retryInterval(Duration interval) {
        this.core.retryInterval(interval);
    }

    /**
     * Returns the first retry interval after a store failure.
     * @return the interval
     */
    public Duration retryInterval() {
        return this.core.retryInterval();
    }

    /**
     * Sets how long a waiting shutdown waits.
     * @param timeout the timeout
     */
    public void shutdownTimeout(Duration timeout) {
        this.core.shutdownTimeout(timeout);
    }

    /**
     * Sets whether a scheduler that has been shut down refuses new jobs instead of keeping them pending.
     * @param refuse whether to refuse them
     */
    public void refuseJobsAfterShutdown(boolean refuse) {
        this.core.refuseJobsAfterShutdown(refuse);
    }

    /**
     * Puts the stores and executors given to the builder, replacing configured ones of the same alias.
     * @param stores the stores by alias
     * @param executors the executors by alias
     */
    public void putComponents(Map<String, JobStore> stores, Map<String, JobExecutor> executors) {
        this.core.locked(() -> {
            executors.forEach((alias, executor) -> this.core.events()
                .dispatch(this.core.components().putExecutor(executor, alias)));
            stores.forEach((alias, store) -> this.core.events()
                .dispatch(this.core.components().putStore(store, alias)));
        });
    }

    /**
     * Sets where run records go and how long they are kept.
     * @param store the history store, or {@code null} for none
     * @param options the retention and buffering options
     */
    public void history(@Nullable HistoryStore store, HistoryOptions options) {
        this.core.recorder().configure(store, options);
    }

    /**
     * Sets the name this instance writes in run records.
     * @param instanceName the name
     */
    public void instanceName(String instanceName) {
        this.core.instanceName(instanceName);
    }

    /**
     * Returns the name this instance writes in run records.
     * @return the name
     */
    public String instanceName() {
        return this.core.instanceName();
    }

    /**
     * Returns the history store.
     * @return the store, or empty when no history is kept
     */
    public Optional<HistoryStore> historyStore() {
        return this.core.recorder().store();
    }

    /**
     * Returns the history store's current failure.
     * @return the failure of the last write, or empty while writes succeed
     */
    public Optional<Throwable> historyFailure() {
        return this.core.recorder().failure();
    }

    /**
     * Writes the waiting run records now, on the caller's thread.
     * @return whether everything was written
     */
    public boolean flushHistory() {
        return this.core.recorder().flush();
    }

    // --- the loop ---

    /**
     * Runs one pass of the loop: processes the due jobs of every store.
     * @return how long the loop may sleep, or empty to sleep until woken
     */
    public Optional<Duration> processJobs() {
        return this.processor.processJobs();
    }

    /**
     * Runs the loop on the calling thread until {@code running} turns false: a pass, then a sleep until the next run
     * time or until {@link #wakeLoop()}.
     * @param running whether to go on
     */
    public void runLoop(BooleanSupplier running) {
        SchedulerLoop.run(this::loopPass, this.signal, running, this.core::retryInterval);
    }

    /**
     * One pass of a loop run by {@link #runLoop(BooleanSupplier)}: {@link #processJobs()}, except that a long sleep
     * until jobs of a store in memory are due ends with an early pass a moment before (see
     * {@link JobProcessor#loopPass()}).
     * @return how long to sleep before the next pass, or empty to sleep until woken
     */
    public Optional<Duration> loopPass() {
        return this.processor.loopPass();
    }

    /**
     * Wakes a loop run by {@link #runLoop(BooleanSupplier)}, and makes the next pass ask every store again.
     */
    public void wakeLoop() {
        storesChanged();
        this.signal.signal();
    }

    /**
     * Makes the next pass ask every store again, also those with runs held ahead of their time.
     */
    public void storesChanged() {
        this.core.markStoresChanged();
    }

    // --- lifecycle and state ---

    /**
     * Starts the scheduler's components.
     * @param paused whether to start paused
     */
    public void start(boolean paused) {
        this.lifecycle.start(paused);
    }

    /**
     * Shuts the scheduler down.
     * @param timeout how long to wait for running jobs
     * @param stopLoop stops the loop, waiting at most the time given
     * @return whether every running job finished in time
     */
    public boolean shutdown(Duration timeout, Consumer<Duration> stopLoop) {
        return this.lifecycle.shutdown(timeout, stopLoop);
    }

    /**
     * Returns how long a waiting shutdown waits.
     * @return the timeout
     */
    public Duration shutdownTimeout() {
        return this.core.shutdownTimeout();
    }

    /** Pauses job processing. */
    public void pause() {
        this.lifecycle.pause();
    }

    /** Resumes job processing. */
    public void resume() {
        this.lifecycle.resume();
    }

    /**
     * Reconfigures a scheduler that is not running.
     * @param config the configuration
     */
    public void configure(SchedulerConfig config) {
        this.lifecycle.configure(config);
    }

    /**
     * Returns the scheduler's state.
     * @return the state
     */
    public SchedulerState state() {
        return this.core.state();
    }

    /**
     * Returns the default time zone.
     * @return the zone
     */
    public ZoneId timezone() {
        return this.core.timezone();
    }

    /**
     * Returns the clock.
     * @return the clock
     */
    public Clock clock() {
        return this.core.clock();
    }

    /**
     * Returns the task registry.
     * @return the registry
     */
    public TaskRegistry taskRegistry() {
        return this.core.taskRegistry();
    }

    /**
     * Returns the trigger kinds the scheduler knows.
     * @return the registry
     */
    public TriggerRegistry triggerRegistry() {
        return this.core.factories().triggerRegistry();
    }

    /**
     * Returns the job defaults.
     * @return the defaults
     */
    public JobDefaults jobDefaults() {
        return this.core.jobDefaults();
    }

    // --- jobs ---

    /**
     * Adds a job.
     * @param spec the job
     * @return the job as stored
     */
    public Job addJob(JobSpec spec) {
        return this.jobs.addJob(spec);
    }

    /**
     * Adds many jobs in batches.
     * @param specs the jobs
     * @return the jobs as stored, in the order given
     */
    public List<Job> addJobs(List<JobSpec> specs) {
        return this.jobs.addJobs(specs);
    }

    /**
     * Changes a job.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     * @param changes the changes
     * @return the changed job
     */
    public Job modifyJob(String jobId, @Nullable String jobstore, JobChanges changes) {
        return this.jobs.modifyJob(jobId, jobstore, changes);
    }

    /**
     * Gives a job a new trigger.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     * @param trigger the trigger
     * @return the changed job
     */
    public Job rescheduleJob(String jobId, @Nullable String jobstore, Trigger trigger) {
        return this.jobs.rescheduleJob(jobId, jobstore, trigger);
    }

    /**
     * Pauses a job.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     * @return the paused job
     */
    public Job pauseJob(String jobId, @Nullable String jobstore) {
        return this.jobs.pauseJob(jobId, jobstore);
    }

    /**
     * Resumes a job.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     * @return the resumed job, or empty when its trigger has no fire time left and it was removed
     */
    public Optional<Job> resumeJob(String jobId, @Nullable String jobstore) {
        return this.jobs.resumeJob(jobId, jobstore);
    }

    /**
     * Removes a job.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     */
    public void removeJob(String jobId, @Nullable String jobstore) {
        this.jobs.removeJob(jobId, jobstore);
    }

    /**
     * Removes every job of one store or of all.
     * @param jobstore the store, or {@code null} for all
     */
    public void removeAllJobs(@Nullable String jobstore) {
        this.jobs.removeAllJobs(jobstore);
    }

    /**
     * Looks a job up.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     * @return the job, or empty
     */
    public Optional<Job> getJob(String jobId, @Nullable String jobstore) {
        return this.jobs.lookup().getJob(jobId, jobstore);
    }

    /**
     * Lists the jobs of one store or of all.
     * @param jobstore the store, or {@code null} for all
     * @return the jobs
     */
    public List<Job> getJobs(@Nullable String jobstore) {
        return this.jobs.lookup().getJobs(jobstore);
    }

    /**
     * Finds one page of jobs.
     * @param jobstore the store, or {@code null} for all
     * @param query the filters, order and window
     * @return the page and the number of matching jobs
     */
    public JobSlice findJobs(@Nullable String jobstore, JobQuery query) {
        return this.jobs.lookup().findJobs(jobstore, query);
    }

    /**
     * Prints the jobs as APScheduler's {@code print_jobs} does.
     * @param jobstore the store, or {@code null} for all
     * @param out where to print
     */
    public void printJobs(@Nullable String jobstore, Appendable out) {
        this.printer.print(jobstore, out);
    }

    /**
     * Runs a job now.
     * @param jobId the job's id
     * @param jobstore the store, or {@code null} to search all
     */
    public void runJob(String jobId, @Nullable String jobstore) {
        this.runNow.runJob(jobId, jobstore);
    }

    // --- stores, executors, listeners ---

    /**
     * Adds a job store.
     * @param store the store
     * @param alias its alias
     */
    public void addJobStore(JobStore store, String alias) {
        this.core.events().dispatch(this.core.components().addJobStore(store, alias, null));
    }

    /**
     * Creates a job store from its configuration and adds it, with the batch size configured for it.
     * @param config the type or class and options
     * @param alias its alias
     */
    public void addJobStore(ComponentConfig config, String alias) {
        JobStore store = this.core.factories().createStore(config);
        Integer batchSize = this.core.factories().batchSize(config);
        this.core.events().dispatch(this.core.components().addJobStore(store, alias, batchSize));
    }

    /**
     * Removes a job store.
     * @param alias its alias
     * @param shutdown whether to shut it down
     */
    public void removeJobStore(String alias, boolean shutdown) {
        this.core.events().dispatch(this.core.components().removeJobStore(alias, shutdown));
    }

    /**
     * Returns snapshots of the job stores, each with its job counts, in the order they were added.
     * @return the snapshots by alias
     */
    public Map<String, JobStoreInfo> jobStores() {
        Map<String, JobStoreInfo> infos = new LinkedHashMap<>();
        this.core.components().stores().forEach((alias, store) -> infos.put(alias, storeInfo(alias, store)));
        return Collections.unmodifiableMap(infos);
    }

    /**
     * Returns the aliases of the job stores, in the order they were added.
     * @return the aliases
     */
    public Set<String> jobStoreAliases() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(this.core.components().stores().keySet()));
    }

    /**
     * Returns a snapshot of one job store.
     * @param alias the store's alias
     * @return the snapshot, or empty when there is no such store
     */
    public Optional<JobStoreInfo> jobStore(String alias) {
        JobStore store = this.core.components().stores().get(alias);
        return (store != null) ? Optional.of(storeInfo(alias, store)) : Optional.empty();
    }

    private JobStoreInfo storeInfo(String alias, JobStore store) {
        String failure = jobStoreFailure(alias).map(Engine::describe).orElse(null);
        JobCounts counts = null;
        try {
            counts = (state() == SchedulerState.STOPPED) ? countPending(alias)
                    : StoreCalls.call(alias, "count its jobs", store::jobCounts);
        }
        catch (RuntimeException ex) {
            failure = describe(ex);
        }
        return new JobStoreInfo(alias, store.type(), store.lookAhead(), store.maxWait().orElse(null), counts,
                failure);
    }

    private JobCounts countPending(String alias) {
        List<Job> pending = getJobs(alias);
        return new JobCounts(pending.size(), pending.stream().filter(Job::isPaused).count(), 0);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return (message != null) ? message : failure.getClass().getName();
    }

    /**
     * Lists the stored jobs that a store keeps but cannot restore.
     * @param alias the store's alias
     * @return the jobs, empty when the store cannot tell
     * @throws dev.apscheduler.JobStoreException if there is no such store
     */
    public List<UnrestorableJob> unrestorableJobs(String alias) {
        JobStore store = this.core.locked(() -> this.core.components().store(alias));
        return (store instanceof UnrestorableJobs listing) ? listing.unrestorableJobs() : List.of();
    }

    /**
     * Adds an executor.
     * @param executor the executor
     * @param alias its alias
     */
    public void addExecutor(JobExecutor executor, String alias) {
        this.core.events().dispatch(this.core.components().addExecutor(executor, alias));
    }

    /**
     * Creates an executor from its configuration.
     * @param config the type or class and options
     * @return the executor
     */
    public JobExecutor createExecutor(ComponentConfig config) {
        return this.core.factories().createExecutor(config);
    }

    /**
     * Removes an executor.
     * @param alias its alias
     * @param shutdown whether to shut it down
     */
    public void removeExecutor(String alias, boolean shutdown) {
        this.core.events().dispatch(this.core.components().removeExecutor(alias, shutdown));
    }

    /**
     * Returns snapshots of the executors, in the order they were added.
     * @return the snapshots by alias
     */
    public Map<String, ExecutorInfo> executors() {
        Map<String, ExecutorInfo> infos = new LinkedHashMap<>();
        this.core.components().executors()
            .forEach((alias, executor) -> infos.put(alias, ExecutorInfo.of(alias, executor)));
        return Collections.unmodifiableMap(infos);
    }

    /**
     * Counts a job's runs in progress in every executor.
     * @param jobId the job's id
     * @return the running instances
     */
    public int runningInstances(String jobId) {
        return this.core.components().executors().values().stream()
            .mapToInt((executor) -> executor.runningInstances(jobId)).sum();
    }

    /**
     * Adds a listener.
     * @param listener the listener
     * @param mask the event codes it hears
     */
    public void addListener(SchedulerListener listener, int mask) {
        this.core.events().add(listener, mask);
    }

    /**
     * Removes a listener.
     * @param listener the listener
     */
    public void removeListener(SchedulerListener listener) {
        this.core.events().remove(listener);
    }

    /**
     * Returns the last failure of a store's calls while it lasts.
     * @param alias the store's alias
     * @return the failure, or empty when the store answers
     */
    public Optional<Throwable> jobStoreFailure(String alias) {
        return this.core.guard().failure(alias).map((failure) -> failure.lastException());
    }

}
