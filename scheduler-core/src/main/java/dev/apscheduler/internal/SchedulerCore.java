package dev.apscheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler's shared state: settings, state, job stores and executors, listeners, and the lock that
 * APScheduler calls {@code _jobstores_lock}, held by every operation that reads or changes jobs so that an API call
 * and the loop's acquire step never interleave in this process.
 */
final class SchedulerCore {

    static final Logger logger = LoggerFactory.getLogger("dev.apscheduler.scheduler");

    private final ReentrantLock lock = new ReentrantLock();

    private final Clock clock;

    private final TaskRegistry taskRegistry;

    private final ComponentFactories factories;

    private final JobRunInterceptor runInterceptor;

    private final EventDispatcher events = new EventDispatcher();

    private final StoreGuard guard = new StoreGuard();

    private final Components components = new Components(this);

    private final ClaimedRuns claimedRuns = new ClaimedRuns();

    private final RunRecorder recorder = new RunRecorder(this);

    private final RunTimeouts timeouts = new RunTimeouts(this);

    private final ClusterRunSlots runSlots = new ClusterRunSlots(this);

    private final RunRetries retries = new RunRetries(this);

    private volatile String instanceName = ExecutorContext.localInstanceName();

    private volatile long lastHandOverNanos = System.nanoTime() - java.util.concurrent.TimeUnit.DAYS.toNanos(1);

    private final AtomicBoolean storesChanged = new AtomicBoolean(true);

    private volatile ZoneId timezone = ZoneId.systemDefault();

    private volatile JobDefaults jobDefaults = JobDefaults.DEFAULTS;

    private volatile Duration retryInterval = SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL;

    private volatile Duration shutdownTimeout = SchedulerConfig.DEFAULT_SHUTDOWN_TIMEOUT;

    private volatile SchedulerState state = SchedulerState.STOPPED;

    private volatile boolean refuseJobsAfterShutdown;

    /** Whether the scheduler has been shut down and not started again; guarded by the lock. */
    private boolean shutDown;

    private volatile Runnable wakeup = () -> { };

    /**
     * Creates the state of a stopped scheduler.
     * @param clock the clock every time is read from
     * @param taskRegistry the tasks jobs refer to
     * @param factories creates configured stores and executors
     * @param runInterceptor wraps every run of a task
     */
    public SchedulerCore(Clock clock, TaskRegistry taskRegistry, ComponentFactories factories,
            JobRunInterceptor runInterceptor) {
        this.clock = clock;
        this.taskRegistry = taskRegistry;
        this.factories = factories;
        this.runInterceptor = runInterceptor;
    }

    /**
     * Applies a configuration, as APScheduler's {@code configure()} does: settings are replaced, and the job stores
     * and executors are replaced by the configured ones.
     * @param config the configuration
     */
    public void apply(SchedulerConfig config) {
        List<SchedulerEvent> events = new ArrayList<>();
        lock();
        try {
            this.timezone = config.timezone().orElse(ZoneId.systemDefault());
            this.jobDefaults = config.jobDefaults();
            this.retryInterval = config.jobstoreRetryInterval();
            this.shutdownTimeout = config.shutdownTimeout();
            this.components.clear();
            config.executors().forEach((alias, executor) -> events
                .add(this.components.putExecutor(this.factories.createExecutor(executor), alias)));
            config.jobStores().forEach((alias, store) -> events
                .add(this.components.putStore(this.factories.createStore(store), alias,
                        this.factories.batchSize(store))));
        }
        finally {
            unlock();
        }
        this.events.dispatchAll(events);
    }

    /**
     * Acquires the scheduler's lock (reentrant).
     */
    public void lock() {
        this.lock.lock();
    }

    /**
     * Releases the scheduler's lock.
     */
    public void unlock() {
        this.lock.unlock();
    }

    /**
     * Runs {@code action} holding the scheduler's lock.
     * @param action what to run
     */
    void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Computes a value holding the scheduler's lock.
     * @param <T> the value's type
     * @param action what to compute
     * @return the value
     */
    <T> T locked(java.util.function.Supplier<T> action) {
        lock();
        try {
            return action.get();
        }
        finally {
            unlock();
        }
    }

    /**
     * Returns the current time in the scheduler's time zone.
     * @return now
     */
    public ZonedDateTime now() {
        return ZonedDateTime.now(this.clock.withZone(this.timezone));
    }

    /**
     * Returns the job stores and executors.
     * @return the components
     */
    public Components components() {
        return this.components;
    }

    /**
     * Returns the clock every time is read from.
     * @return the clock
     */
    public Clock clock() {
        return this.clock;
    }

    /**
     * Returns the tasks jobs refer to.
     * @return the task registry
     */
    public TaskRegistry taskRegistry() {
        return this.taskRegistry;
    }

    /**
     * Returns what wraps every run of a task: the registered interceptors, chained.
     * @return the interceptor
     */
    public JobRunInterceptor runInterceptor() {
        return this.runInterceptor;
    }

    /**
     * Returns the listeners' dispatcher.
     * @return the dispatcher
     */
    public EventDispatcher events() {
        return this.events;
    }

    /**
     * Returns the tracker of failing job stores.
     * @return the guard
     */
    public StoreGuard guard() {
        return this.guard;
    }

    /**
     * Returns what creates configured stores and executors.
     * @return the factories
     */
    public ComponentFactories factories() {
        return this.factories;
    }

    /**
     * Returns the scheduler's time zone.
     * @return the zone
     */
    public ZoneId timezone() {
        return this.timezone;
    }

    /**
     * Sets the scheduler's time zone.
     * @param timezone the zone
     */
    public void timezone(ZoneId timezone) {
        this.timezone = timezone;
    }

    /**
     * Returns the job defaults.
     * @return the defaults
     */
    public JobDefaults jobDefaults() {
        return this.jobDefaults;
    }

    /**
     * Sets the job defaults.
     * @param jobDefaults the defaults
     */
    public void jobDefaults(JobDefaults jobDefaults) {
        this.jobDefaults = jobDefaults;
    }

    /**
     * Returns the job store retry interval.
     * @return the interval
     */
    public Duration retryInterval() {
        return this.retryInterval;
    }

    /**
     * Sets the job store retry interval.
     * @param retryInterval the interval
     */
    public void retryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    /**
     * Returns how long {@code shutdown(true)} waits.
     * @return the timeout
     */
    public Duration shutdownTimeout() {
        return this.shutdownTimeout;
    }

    /**
     * Sets how long {@code shutdown(true)} waits.
     * @param shutdownTimeout the timeout
     */
    public void shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Returns the scheduler's state.
     * @return the state
     */
    public SchedulerState state() {
        return this.state;
    }

    void refuseJobsAfterShutdown(boolean refuse) {
        this.refuseJobsAfterShutdown = refuse;
    }

    /**
     * Records a shutdown (or a start, which ends it); called with the lock held.
     */
    void shutDown(boolean shutDown) {
        this.shutDown = shutDown;
    }

    /**
     * Tells whether a job added now must be refused rather than kept pending: the scheduler was shut down and is
     * set to refuse jobs then. Called with the lock held.
     */
    boolean refusesPendingJobs() {
        return this.shutDown && this.refuseJobsAfterShutdown;
    }

    void state(SchedulerState state) {
        this.state = state;
    }

    /**
     * Sets what {@link #wakeup()} does: the scheduler implementation's way of waking its loop.
     * @param wakeup the action
     */
    public void onWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /**
     * Wakes the scheduler's loop so that it looks at the stores again.
     */
    public void wakeup() {
        this.wakeup.run();
    }

    /**
     * Notes that the stores may have changed, so that the loop's next pass asks every store for its due jobs even
     * where it would otherwise wait for its next run time. Part of every wake-up.
     */
    public void markStoresChanged() {
        this.storesChanged.set(true);
    }

    /**
     * Returns whether the stores may have changed since the last call, and clears the mark.
     * @return whether to ask every store
     */
    public boolean takeStoresChanged() {
        return this.storesChanged.getAndSet(false);
    }

    /**
     * Returns the writer of run records.
     * @return the recorder
     */
    public RunRecorder recorder() {
        return this.recorder;
    }

    /**
     * Returns the deadlines of running runs with a timeout.
     * @return the timeouts
     */
    public RunTimeouts timeouts() {
        return this.timeouts;
    }

    /**
     * Returns the run slots this instance holds for jobs counted across the cluster.
     * @return the run slots
     */
    public ClusterRunSlots runSlots() {
        return this.runSlots;
    }

    /**
     * Returns the retries waiting to be written into their jobs.
     * @return the retries
     */
    public RunRetries retries() {
        return this.retries;
    }

    /**
     * Notes that the loop handed runs over now: the history writer yields while the scheduler is busy.
     */
    public void markHandOver() {
        this.lastHandOverNanos = System.nanoTime();
    }

    /**
     * Returns when the loop last handed runs over.
     * @return the {@link System#nanoTime()} of the last hand-over
     */
    public long lastHandOverNanos() {
        return this.lastHandOverNanos;
    }

    /**
     * Returns the name this instance writes in run records.
     * @return the name
     */
    public String instanceName() {
        return this.instanceName;
    }

    /**
     * Sets the name this instance writes in run records.
     * @param instanceName the name
     */
    public void instanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    /**
     * Decides on a retry of a failed run, as an executor reports it.
     * @param job the job as handed over
     * @param record the failed run's record
     * @param error the failure
     */
    public void failed(Job job, RunRecord record, Throwable error) {
        try {
            this.retries.failed(job, record, error);
        }
        catch (RuntimeException ex) {
            logger.error("Deciding on a retry of job \"{}\" failed", job, ex);
        }
    }

    /**
     * Returns the runs claimed ahead of their time, waiting to be handed over (used under the lock).
     * @return the held runs
     */
    public ClaimedRuns claimedRuns() {
        return this.claimedRuns;
    }

}
