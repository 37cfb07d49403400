package dev.apscheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.apscheduler.config.ComponentConfig;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.internal.Engine;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The shared implementation of {@link Scheduler}, APScheduler's {@code BaseScheduler}: everything but how the loop
 * runs. Subclasses decide where {@link #processJobs()} is called (a thread of their own, the caller's thread, a
 * test) and how {@link #wakeup()} reaches it.
 */
public abstract class AbstractScheduler implements Scheduler {

    private final Engine engine;

    /**
     * Builds the scheduler from a builder.
     * @param builder the settings
     * @param defaultExecutor creates the {@code default} executor when none is configured
     */
    protected AbstractScheduler(SchedulerBuilder<?, ?> builder, Supplier<JobExecutor> defaultExecutor) {
        this.engine = new Engine(builder.clock, builder.taskRegistry, builder.classLoader, builder.jobStoreFactories,
                builder.executorFactories, builder.triggerFactories, builder.jobRunInterceptors, defaultExecutor,
                this::wakeup);
        builder.listeners.forEach((entry) -> this.engine.addListener(entry.getKey(), entry.getValue()));
        if (builder.config != null) {
            this.engine.apply(builder.config);
        }
        if (builder.timezone != null) {
            this.engine.timezone(builder.timezone);
        }
        if (builder.jobDefaults != null) {
            this.engine.jobDefaults(builder.jobDefaults);
        }
        if (builder.jobstoreRetryInterval != null) {
            this.engine.retryInterval(builder.jobstoreRetryInterval);
        }
        if (builder.shutdownTimeout != null) {
            this.engine.shutdownTimeout(builder.shutdownTimeout);
        }
        this.engine.refuseJobsAfterShutdown(builder.refuseJobsAfterShutdown);
        this.engine.putComponents(builder.jobStores, builder.executors);
        this.engine.history(builder.historyStore, builder.historyOptions);
        if (builder.instanceName != null) {
            this.engine.instanceName(builder.instanceName);
        }
    }

    /**
     * Returns the engine this scheduler delegates to, for the loops of its subclasses.
     * @return the engine
     */
    final Engine engine() {
        return this.engine;
    }

    /**
     * Processes due jobs once: the body of the scheduler's loop.
     * @return how long the loop may sleep before the next pass, or empty to sleep until woken
     */
    protected final Optional<Duration> processJobs() {
        return this.engine.processJobs();
    }

    /**
     * Notes that the job stores may have changed, so that the next pass asks every store for its due jobs: every
     * {@link #wakeup()} calls it before waking the loop.
     */
    protected final void storesChanged() {
        this.engine.storesChanged();
    }

    /**
     * Returns how long the loop sleeps after a pass that failed unexpectedly: the job store retry interval.
     * @return the retry interval
     */
    protected final Duration jobstoreRetryInterval() {
        return this.engine.retryInterval();
    }

    /**
     * Starts the loop once the scheduler is started: called after the state changed, outside any lock.
     * @param paused whether the scheduler started paused
     */
    protected abstract void startLoop(boolean paused);

    /**
     * Stops the loop once the scheduler's state is STOPPED: called before the executors are shut down.
     * @param timeout how long to wait for the loop to finish its pass
     */
    protected abstract void stopLoop(Duration timeout);

    @Override
    public void start(boolean paused) {
        this.engine.start(paused);
        startLoop(paused);
    }

    @Override
    public void shutdown(boolean wait) {
        shutdown(wait ? this.engine.shutdownTimeout() : Duration.ZERO);
    }

    @Override
    public boolean shutdown(Duration timeout) {
        return this.engine.shutdown(timeout, this::stopLoop);
    }

    @Override
    public void pause() {
        this.engine.pause();
    }

    @Override
    public void resume() {
        this.engine.resume();
    }

    @Override
    public SchedulerState state() {
        return this.engine.state();
    }

    @Override
    public ZoneId timezone() {
        return this.engine.timezone();
    }

    @Override
    public Clock clock() {
        return this.engine.clock();
    }

    @Override
    public TaskRegistry taskRegistry() {
        return this.engine.taskRegistry();
    }

    @Override
    public TriggerRegistry triggerRegistry() {
        return this.engine.triggerRegistry();
    }

    @Override
    public JobDefaults jobDefaults() {
        return this.engine.jobDefaults();
    }

    @Override
    public void configure(SchedulerConfig config) {
        this.engine.configure(config);
    }

    @Override
    public Job addJob(JobSpec spec) {
        return this.engine.addJob(spec);
    }

    @Override
    public List<Job> addJobs(List<JobSpec> specs) {
        return this.engine.addJobs(new ArrayList<>(specs));
    }

    @Override
    public Job modifyJob(String jobId, @Nullable String jobstore, JobChanges changes) {
        return this.engine.modifyJob(jobId, jobstore, changes);
    }

    @Override
    public Job rescheduleJob(String jobId, @Nullable String jobstore, Trigger trigger) {
        return this.engine.rescheduleJob(jobId, jobstore, trigger);
    }

    @Override
    public Job rescheduleJob(String jobId, String triggerAlias, Map<String, ?> triggerParameters) {
        Trigger trigger = triggerRegistry().create(triggerAlias, triggerParameters, this.engine.timezone(),
                this.engine.clock());
        return this.engine.rescheduleJob(jobId, null, trigger);
    }

    @Override
    public Job pauseJob(String jobId, @Nullable String jobstore) {
        return this.engine.pauseJob(jobId, jobstore);
    }

    @Override
    public Optional<Job> resumeJob(String jobId, @Nullable String jobstore) {
        return this.engine.resumeJob(jobId, jobstore);
    }

    @Override
    public void removeJob(String jobId, @Nullable String jobstore) {
        this.engine.removeJob(jobId, jobstore);
    }

    @Override
    public void removeAllJobs(@Nullable String jobstore) {
        this.engine.removeAllJobs(jobstore);
    }

    @Override
    public Optional<Job> getJob(String jobId, @Nullable String jobstore) {
        return this.engine.getJob(jobId, jobstore);
    }

    @Override
    public List<Job> getJobs(@Nullable String jobstore) {
        return this.engine.getJobs(jobstore);
    }

    @Override
    public JobSlice findJobs(@Nullable String jobstore, JobQuery query) {
        return this.engine.findJobs(jobstore, query);
    }

    @Override
    public void printJobs(@Nullable String jobstore, Appendable out) {
        this.engine.printJobs(jobstore, out);
    }

    @Override
    public void runJob(String jobId, @Nullable String jobstore) {
        this.engine.runJob(jobId, jobstore);
    }

    @Override
    public void addJobStore(JobStore store, String alias) {
        this.engine.addJobStore(store, alias);
        if (state() == SchedulerState.RUNNING) {
            wakeup();
        }
    }

    @Override
    public void addJobStore(String type, String alias, Map<String, ?> options) {
        this.engine.addJobStore(component(type, "jobstores", alias, options), alias);
        if (state() == SchedulerState.RUNNING) {
            wakeup();
        }
    }

    @Override
    public void removeJobStore(String alias, boolean shutdown) {
        this.engine.removeJobStore(alias, shutdown);
    }

    @Override
    public Map<String, JobStoreInfo> jobStores() {
        return this.engine.jobStores();
    }

    @Override
    public Set<String> jobStoreAliases() {
        return this.engine.jobStoreAliases();
    }

    @Override
    public Optional<JobStoreInfo> jobStore(String alias) {
        return this.engine.jobStore(alias);
    }

    @Override
    public List<UnrestorableJob> unrestorableJobs(String jobstore) {
        return this.engine.unrestorableJobs(jobstore);
    }

    @Override
    public void addExecutor(JobExecutor executor, String alias) {
        this.engine.addExecutor(executor, alias);
    }

    @Override
    public void addExecutor(String type, String alias, Map<String, ?> options) {
        addExecutor(this.engine.createExecutor(component(type, "executors", alias, options)), alias);
    }

    private static ComponentConfig component(String type, String group, String alias, Map<String, ?> options) {
        String source = group + "." + alias;
        return new ComponentConfig(type, null, ComponentOptions.of(source + ".", options), source);
    }

    @Override
    public void removeExecutor(String alias, boolean shutdown) {
        this.engine.removeExecutor(alias, shutdown);
    }

    @Override
    public Map<String, ExecutorInfo> executors() {
        return this.engine.executors();
    }

    @Override
    public Optional<HistoryStore> historyStore() {
        return this.engine.historyStore();
    }

    @Override
    public Optional<Throwable> historyFailure() {
        return this.engine.historyFailure();
    }

    @Override
    public boolean flushHistory() {
        return this.engine.flushHistory();
    }

    @Override
    public String instanceName() {
        return this.engine.instanceName();
    }

    @Override
    public int runningInstances(String jobId) {
        return this.engine.runningInstances(jobId);
    }

    @Override
    public void addListener(SchedulerListener listener, int mask) {
        this.engine.addListener(listener, mask);
    }

    @Override
    public void removeListener(SchedulerListener listener) {
        this.engine.removeListener(listener);
    }

    @Override
    public Optional<Throwable> jobStoreFailure(String alias) {
        return this.engine.jobStoreFailure(alias);
    }

}
