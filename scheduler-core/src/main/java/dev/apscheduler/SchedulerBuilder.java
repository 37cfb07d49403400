package dev.apscheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.config.FlatConfigParser;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Configures a scheduler before it is built: the clock, time zone, task registry, job stores, executors, trigger
 * kinds, job defaults, job store retry interval, shutdown timeout, listeners and run interceptors, given as objects,
 * as a {@link SchedulerConfig}, or in APScheduler's flat form. A configuration is applied first; objects and settings
 * given to the builder directly win over it.
 *
 * @param <B> the builder's own type
 * @param <S> the type of scheduler built
 */
public abstract class SchedulerBuilder<B extends SchedulerBuilder<B, S>, S extends Scheduler> {

    Clock clock = Clock.systemUTC();

    @Nullable ZoneId timezone;

    TaskRegistry taskRegistry = new TaskRegistry();

    final Map<String, JobStore> jobStores = new LinkedHashMap<>();

    final Map<String, JobExecutor> executors = new LinkedHashMap<>();

    @Nullable JobDefaults jobDefaults;

    @Nullable Duration jobstoreRetryInterval;

    @Nullable Duration shutdownTimeout;

    boolean refuseJobsAfterShutdown;

    @Nullable SchedulerConfig config;

    final List<JobStoreFactory> jobStoreFactories = new ArrayList<>();

    final List<JobExecutorFactory> executorFactories = new ArrayList<>();

    final List<TriggerFactory> triggerFactories = new ArrayList<>();

    final List<Map.Entry<SchedulerListener, Integer>> listeners = new ArrayList<>();

    final List<JobRunInterceptor> jobRunInterceptors = new ArrayList<>();

    ClassLoader classLoader = SchedulerBuilder.class.getClassLoader();

    @Nullable HistoryStore historyStore = new MemoryHistoryStore();

    HistoryOptions historyOptions = HistoryOptions.DEFAULTS;

    @Nullable String instanceName;

    /**
     * Creates a builder.
     */
    protected SchedulerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the clock every time is read from (a test passes a settable clock).
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Sets where run records are kept: a {@link MemoryHistoryStore} unless told otherwise.
     * @param historyStore the store, or {@code null} to keep no history
     * @return this builder
     */
    public B historyStore(@Nullable HistoryStore historyStore) {
        this.historyStore = historyStore;
        return self();
    }

    /**
     * Sets how long run records are kept and how they are written.
     * @param options the retention and buffering options
     * @return this builder
     */
    public B historyOptions(HistoryOptions options) {
        this.historyOptions = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Names this scheduler instance in the run records it writes, to tell instances sharing a store apart.
     * @param instanceName the name; by default the host name and the process id, as {@code host-1234}
     * @return this builder
     */
    public B instanceName(String instanceName) {
        Objects.requireNonNull(instanceName, "instanceName");
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException("instance name must not be blank, was '" + instanceName + "'");
        }
        this.instanceName = instanceName;
        return self();
    }

    /**
     * Sets the default time zone of triggers built from aliases; by default the system's.
     * @param timezone the time zone
     * @return this builder
     */
    public B timezone(ZoneId timezone) {
        this.timezone = Objects.requireNonNull(timezone, "timezone");
        return self();
    }

    /**
     * Sets the registry of tasks jobs refer to; by default an empty one.
     * @param taskRegistry the registry
     * @return this builder
     */
    public B taskRegistry(TaskRegistry taskRegistry) {
        this.taskRegistry = Objects.requireNonNull(taskRegistry, "taskRegistry");
        return self();
    }

    /**
     * Adds a job store (replacing a configured one of the same alias).
     * @param alias its alias
     * @param store the store
     * @return this builder
     */
    public B jobStore(String alias, JobStore store) {
        this.jobStores.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(store, "store"));
        return self();
    }

    /**
     * Adds an executor (replacing a configured one of the same alias).
     * @param alias its alias
     * @param executor the executor
     * @return this builder
     */
    public B executor(String alias, JobExecutor executor) {
        this.executors.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(executor, "executor"));
        return self();
    }

    /**
     * Sets the job defaults.
     * @param jobDefaults the defaults
     * @return this builder
     */
    public B jobDefaults(JobDefaults jobDefaults) {
        this.jobDefaults = Objects.requireNonNull(jobDefaults, "jobDefaults");
        return self();
    }

    /**
     * Sets how long to wait before asking a failed job store again (doubled on each further failure).
     * @param interval a positive duration; by default 10 seconds
     * @return this builder
     */
    public B jobstoreRetryInterval(Duration interval) {
        this.jobstoreRetryInterval = SchedulerConfig.checkRetryInterval(interval);
        return self();
    }

    /**
     * Sets how long {@code shutdown(true)} waits for running jobs.
     * @param timeout zero or more; by default 30 seconds
     * @return this builder
     */
    public B shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = SchedulerConfig.checkShutdownTimeout(timeout);
        return self();
    }

    /**
     * Makes a scheduler that has been shut down refuse new jobs with a {@link SchedulerNotRunningException} naming
     * the job, instead of keeping them pending until it starts again as APScheduler does. An application that shuts
     * its scheduler down for good (a closing application context) sets it, so that a job added while or after the
     * scheduler stops is refused rather than held in memory and lost. Jobs added before the first start are pending
     * either way, and a scheduler started again takes jobs again.
     * @param refuse whether to refuse jobs once shut down; by default {@code false}
     * @return this builder
     */
    public B refuseJobsAfterShutdown(boolean refuse) {
        this.refuseJobsAfterShutdown = refuse;
        return self();
    }

    /**
     * Applies a configuration (before the builder's own settings).
     * @param config the configuration
     * @return this builder
     */
    public B config(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return self();
    }

    /**
     * Applies APScheduler's flat configuration form, keys prefixed with {@code apscheduler.}.
     * @param flat the keys and values
     * @return this builder
     * @throws ConfigurationException naming the key and value for anything invalid
     */
    public B config(Map<String, ?> flat) {
        return config(SchedulerConfig.fromMap(flat));
    }

    /**
     * Applies APScheduler's flat configuration form with another prefix.
     * @param flat the keys and values
     * @param prefix the prefix, or {@code null} or empty to read every key
     * @return this builder
     * @throws ConfigurationException naming the key and value for anything invalid
     */
    public B config(Map<String, ?> flat, @Nullable String prefix) {
        return config(FlatConfigParser.withPrefix(prefix).parse(flat));
    }

    /**
     * Adds a job store factory beyond those found with {@link java.util.ServiceLoader}, for types that need objects
     * (a data source, say) rather than strings.
     * @param factory the factory
     * @return this builder
     */
    public B jobStoreFactory(JobStoreFactory factory) {
        this.jobStoreFactories.add(Objects.requireNonNull(factory, "factory"));
        return self();
    }

    /**
     * Adds an executor factory beyond those found with {@link java.util.ServiceLoader}.
     * @param factory the factory
     * @return this builder
     */
    public B executorFactory(JobExecutorFactory factory) {
        this.executorFactories.add(Objects.requireNonNull(factory, "factory"));
        return self();
    }

    /**
     * Adds a trigger kind beyond the built-in ones and those found with {@link java.util.ServiceLoader} (replacing a
     * found one of the same alias): jobs may then name it by alias, and persistent job stores keep and restore it.
     * @param factory the factory
     * @return this builder
     */
    public B triggerFactory(TriggerFactory factory) {
        this.triggerFactories.add(Objects.requireNonNull(factory, "factory"));
        return self();
    }

    /**
     * Sets the class loader that factories and configured classes are looked up in.
     * @param classLoader the class loader
     * @return this builder
     */
    public B classLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        return self();
    }

    /**
     * Adds a listener from the start, so that it hears the events of building and starting too.
     * @param listener the listener
     * @param mask the event codes it wants
     * @return this builder
     */
    public B listener(SchedulerListener listener, int mask) {
        this.listeners.add(Map.entry(Objects.requireNonNull(listener, "listener"), mask));
        return self();
    }

    /**
     * Adds a listener for every event from the start.
     * @param listener the listener
     * @return this builder
     */
    public B listener(SchedulerListener listener) {
        return listener(listener, EventCodes.ALL);
    }

    /**
     * Adds an interceptor that wraps every run of a task on the thread that runs it (tracing, logging context).
     * Interceptors apply in the order they are added, the first outermost.
     * @param interceptor the interceptor
     * @return this builder
     */
    public B jobRunInterceptor(JobRunInterceptor interceptor) {
        this.jobRunInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return self();
    }

    /**
     * Builds the scheduler, stopped.
     * @return the scheduler
     * @throws ConfigurationException if a configured store or executor cannot be created
     */
    public abstract S build();

}
