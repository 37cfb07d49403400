package dev.apscheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler's shared state: settings, state, job stores and executors by alias, listeners, and the lock that
 * APScheduler calls {@code _jobstores_lock}, held by every operation that reads or changes jobs so that an API call
 * and the loop's acquire step never interleave in this process.
 */
public final class SchedulerCore {

    static final Logger logger = LoggerFactory.getLogger("dev.apscheduler.scheduler");

    private final ReentrantLock lock = new ReentrantLock();

    private final Clock clock;

    private final TaskRegistry taskRegistry;

    private final ComponentFactories factories;

    private final EventDispatcher events = new EventDispatcher();

    private final StoreGuard guard = new StoreGuard();

    private final Map<String, JobStore> stores = new LinkedHashMap<>();

    private final Map<String, JobExecutor> executors = new LinkedHashMap<>();

    private volatile ZoneId timezone = ZoneId.systemDefault();

    private volatile JobDefaults jobDefaults = JobDefaults.DEFAULTS;

    private volatile Duration retryInterval = SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL;

    private volatile Duration shutdownTimeout = SchedulerConfig.DEFAULT_SHUTDOWN_TIMEOUT;

    private volatile SchedulerState state = SchedulerState.STOPPED;

    private volatile Runnable wakeup = () -> { };

    /**
     * Creates the state of a stopped scheduler.
     * @param clock the clock every time is read from
     * @param taskRegistry the tasks jobs refer to
     * @param factories creates configured stores and executors
     */
    public SchedulerCore(Clock clock, TaskRegistry taskRegistry, ComponentFactories factories) {
        this.clock = clock;
        this.taskRegistry = taskRegistry;
        this.factories = factories;
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
            this.executors.clear();
            this.stores.clear();
            config.executors().forEach((alias, executor) -> events
                .add(putExecutor(this.factories.createExecutor(executor), alias)));
            config.jobStores().forEach((alias, store) -> events
                .add(putStore(this.factories.createStore(store), alias)));
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
     * Adds a job store, started at once when the scheduler runs.
     * @param store the store
     * @param alias its alias
     * @return the {@code JOBSTORE_ADDED} event to publish
     * @throws SchedulerException if the alias is taken
     */
    public SchedulerEvent addJobStore(JobStore store, String alias) {
        lock();
        try {
            if (this.stores.containsKey(alias)) {
                throw new JobStoreException("This scheduler already has a job store by the alias of '" + alias + "'");
            }
            if (this.state != SchedulerState.STOPPED) {
                startStore(alias, store);
            }
            return putStore(store, alias);
        }
        finally {
            unlock();
        }
    }

    /**
     * Adds or replaces a job store without starting it (used while building or configuring a stopped scheduler).
     * @param store the store
     * @param alias its alias
     * @return the {@code JOBSTORE_ADDED} event to publish
     */
    public SchedulerEvent putStore(JobStore store, String alias) {
        this.stores.put(alias, store);
        return new SchedulerStateEvent(EventCodes.JOBSTORE_ADDED, alias);
    }

    /**
     * Removes a job store.
     * @param alias its alias
     * @param shutdown whether to shut the store down
     * @return the {@code JOBSTORE_REMOVED} event to publish
     * @throws JobStoreException if there is no such store
     */
    public SchedulerEvent removeJobStore(String alias, boolean shutdown) {
        JobStore store;
        lock();
        try {
            store = store(alias);
            this.stores.remove(alias);
            this.guard.forget(alias);
        }
        finally {
            unlock();
        }
        if (shutdown) {
            StoreCalls.run(alias, "shut down", store::shutdown);
        }
        return new SchedulerStateEvent(EventCodes.JOBSTORE_REMOVED, alias);
    }

    /**
     * Adds an executor, started at once when the scheduler runs.
     * @param executor the executor
     * @param alias its alias
     * @return the {@code EXECUTOR_ADDED} event to publish
     * @throws SchedulerException if the alias is taken
     */
    public SchedulerEvent addExecutor(JobExecutor executor, String alias) {
        lock();
        try {
            if (this.executors.containsKey(alias)) {
                throw new SchedulerException("This scheduler already has an executor by the alias of '" + alias + "'");
            }
            if (this.state != SchedulerState.STOPPED) {
                startExecutor(alias, executor);
            }
            return putExecutor(executor, alias);
        }
        finally {
            unlock();
        }
    }

    /**
     * Adds or replaces an executor without starting it (used while building or configuring a stopped scheduler).
     * @param executor the executor
     * @param alias its alias
     * @return the {@code EXECUTOR_ADDED} event to publish
     */
    public SchedulerEvent putExecutor(JobExecutor executor, String alias) {
        this.executors.put(alias, executor);
        return new SchedulerStateEvent(EventCodes.EXECUTOR_ADDED, alias);
    }

    /**
     * Removes an executor.
     * @param alias its alias
     * @param shutdown whether to shut the executor down (without waiting)
     * @return the {@code EXECUTOR_REMOVED} event to publish
     * @throws SchedulerException if there is no such executor
     */
    public SchedulerEvent removeExecutor(String alias, boolean shutdown) {
        JobExecutor executor;
        lock();
        try {
            executor = executor(alias).orElseThrow(() -> new SchedulerException("No executor by the alias of '"
                    + alias + "' (configured: " + String.join(", ", this.executors.keySet()) + ")"));
            this.executors.remove(alias);
        }
        finally {
            unlock();
        }
        if (shutdown) {
            executor.shutdown(Duration.ZERO);
        }
        return new SchedulerStateEvent(EventCodes.EXECUTOR_REMOVED, alias);
    }

    void startStore(String alias, JobStore store) {
        StoreCalls.run(alias, "start", () -> store.start(new StoreContext(alias)));
    }

    void startExecutor(String alias, JobExecutor executor) {
        executor.start(ExecutorContext.of(alias, this.clock, this.taskRegistry, this.events::dispatch));
    }

    /**
     * Returns a job store.
     * @param alias its alias
     * @return the store
     * @throws JobStoreException if there is no such store
     */
    public JobStore store(String alias) {
        lock();
        try {
            JobStore store = this.stores.get(alias);
            if (store == null) {
                throw new JobStoreException("No job store by the alias of '" + alias + "' (configured: "
                        + String.join(", ", this.stores.keySet()) + ")");
            }
            return store;
        }
        finally {
            unlock();
        }
    }

    /**
     * Returns an executor.
     * @param alias its alias
     * @return the executor, or empty when there is none by that alias
     */
    public Optional<JobExecutor> executor(String alias) {
        lock();
        try {
            return Optional.ofNullable(this.executors.get(alias));
        }
        finally {
            unlock();
        }
    }

    /**
     * Returns the job stores by alias.
     * @return a snapshot, in the order they were added
     */
    public Map<String, JobStore> stores() {
        lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(this.stores));
        }
        finally {
            unlock();
        }
    }

    /**
     * Returns the executors by alias.
     * @return a snapshot, in the order they were added
     */
    public Map<String, JobExecutor> executors() {
        lock();
        try {
            return Collections.unmodifiableMap(new LinkedHashMap<>(this.executors));
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

    public Clock clock() {
        return this.clock;
    }

    public TaskRegistry taskRegistry() {
        return this.taskRegistry;
    }

    public EventDispatcher events() {
        return this.events;
    }

    public StoreGuard guard() {
        return this.guard;
    }

    public ComponentFactories factories() {
        return this.factories;
    }

    public ZoneId timezone() {
        return this.timezone;
    }

    public void timezone(ZoneId timezone) {
        this.timezone = timezone;
    }

    public JobDefaults jobDefaults() {
        return this.jobDefaults;
    }

    public void jobDefaults(JobDefaults jobDefaults) {
        this.jobDefaults = jobDefaults;
    }

    public Duration retryInterval() {
        return this.retryInterval;
    }

    public void retryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Duration shutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public SchedulerState state() {
        return this.state;
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
     * The context a job store starts with: the scheduler's clock and zone, and a reporter that logs and publishes
     * jobs that cannot be restored.
     */
    private final class StoreContext implements JobStoreContext {

        private final String alias;

        private final JobCodec codec;

        StoreContext(String alias) {
            this.alias = alias;
            this.codec = new JobCodec(SchedulerCore.this.timezone, SchedulerCore.this.clock);
        }

        @Override
        public String alias() {
            return this.alias;
        }

        @Override
        public Clock clock() {
            return SchedulerCore.this.clock;
        }

        @Override
        public ZoneId timezone() {
            return SchedulerCore.this.timezone;
        }

        @Override
        public JobCodec codec() {
            return this.codec;
        }

        @Override
        public void reportUnrestorableJob(dev.apscheduler.JobRestoreException failure) {
            logger.error("Job store '{}' holds a job that cannot be restored; it is kept and skipped: {}", this.alias,
                    failure.getMessage(), failure);
            SchedulerCore.this.events.dispatch(new JobStoreEvent(EventCodes.JOB_RESTORE_FAILED, this.alias,
                    failure.jobId(), failure));
        }

    }

}
