package dev.apscheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.apscheduler.config.ComponentConfig;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.internal.ComponentFactories;
import dev.apscheduler.internal.JobOperations;
import dev.apscheduler.internal.JobPrinter;
import dev.apscheduler.internal.JobProcessor;
import dev.apscheduler.internal.Lifecycle;
import dev.apscheduler.internal.RunNow;
import dev.apscheduler.internal.SchedulerCore;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The shared implementation of {@link Scheduler}, APScheduler's {@code BaseScheduler}: everything but how the loop
 * runs. Subclasses decide where {@link #processJobs()} is called (a thread of their own, the caller's thread, a
 * test) and how {@link #wakeup()} reaches it.
 */
public abstract class AbstractScheduler implements Scheduler {

    private final SchedulerCore core;

    private final JobOperations jobs;

    private final Lifecycle lifecycle;

    private final JobProcessor processor;

    private final JobPrinter printer;

    private final RunNow runNow;

    /**
     * Builds the scheduler from a builder.
     * @param builder the settings
     * @param defaultExecutor creates the {@code default} executor when none is configured
     */
    protected AbstractScheduler(SchedulerBuilder<?, ?> builder, Supplier<JobExecutor> defaultExecutor) {
        ComponentFactories factories = new ComponentFactories(builder.classLoader, builder.jobStoreFactories,
                builder.executorFactories, builder.triggerFactories);
        this.core = new SchedulerCore(builder.clock, builder.taskRegistry, factories,
                JobRunInterceptor.chain(List.copyOf(builder.jobRunInterceptors)));
        this.jobs = new JobOperations(this.core);
        this.lifecycle = new Lifecycle(this.core, this.jobs, defaultExecutor);
        this.processor = new JobProcessor(this.core);
        this.printer = new JobPrinter(this.core, this.jobs);
        this.runNow = new RunNow(this.core, this.jobs.lookup());
        builder.listeners.forEach((entry) -> this.core.events().add(entry.getKey(), entry.getValue()));
        if (builder.config != null) {
            this.core.apply(builder.config);
        }
        applyExplicitSettings(builder);
        this.core.onWakeup(this::wakeup);
    }

    private void applyExplicitSettings(SchedulerBuilder<?, ?> builder) {
        if (builder.timezone != null) {
            this.core.timezone(builder.timezone);
        }
        if (builder.jobDefaults != null) {
            this.core.jobDefaults(builder.jobDefaults);
        }
        if (builder.jobstoreRetryInterval != null) {
            this.core.retryInterval(builder.jobstoreRetryInterval);
        }
        if (builder.shutdownTimeout != null) {
            this.core.shutdownTimeout(builder.shutdownTimeout);
        }
        this.core.lock();
        try {
            builder.executors.forEach((alias, executor) -> this.core.events()
                .dispatch(this.core.components().putExecutor(executor, alias)));
            builder.jobStores.forEach((alias, store) -> this.core.events().dispatch(this.core.components().putStore(store, alias)));
        }
        finally {
            this.core.unlock();
        }
    }

    /**
     * Processes due jobs once: the body of the scheduler's loop.
     * @return how long the loop may sleep before the next pass, or empty to sleep until woken
     */
    protected final Optional<Duration> processJobs() {
        return this.processor.processJobs();
    }

    /**
     * Notes that the job stores may have changed, so that the next pass asks every store for its due jobs: every
     * {@link #wakeup()} calls it before waking the loop.
     */
    protected final void storesChanged() {
        this.core.markStoresChanged();
    }

    /**
     * Returns how long the loop sleeps after a pass that failed unexpectedly: the job store retry interval.
     * @return the retry interval
     */
    protected final Duration jobstoreRetryInterval() {
        return this.core.retryInterval();
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
        this.lifecycle.start(paused);
        startLoop(paused);
    }

    @Override
    public void shutdown(boolean wait) {
        shutdown(wait ? this.core.shutdownTimeout() : Duration.ZERO);
    }

    @Override
    public boolean shutdown(Duration timeout) {
        return this.lifecycle.shutdown(timeout, this::stopLoop);
    }

    @Override
    public void pause() {
        this.lifecycle.pause();
    }

    @Override
    public void resume() {
        this.lifecycle.resume();
    }

    @Override
    public SchedulerState state() {
        return this.core.state();
    }

    @Override
    public ZoneId timezone() {
        return this.core.timezone();
    }

    @Override
    public Clock clock() {
        return this.core.clock();
    }

    @Override
    public TaskRegistry taskRegistry() {
        return this.core.taskRegistry();
    }

    @Override
    public TriggerRegistry triggerRegistry() {
        return this.core.factories().triggerRegistry();
    }

    @Override
    public JobDefaults jobDefaults() {
        return this.core.jobDefaults();
    }

    @Override
    public void configure(SchedulerConfig config) {
        this.lifecycle.configure(config);
    }

    @Override
    public Job addJob(JobSpec spec) {
        return this.jobs.addJob(spec);
    }

    @Override
    public Job modifyJob(String jobId, @Nullable String jobstore, JobChanges changes) {
        return this.jobs.modifyJob(jobId, jobstore, changes);
    }

    @Override
    public Job rescheduleJob(String jobId, @Nullable String jobstore, Trigger trigger) {
        return this.jobs.rescheduleJob(jobId, jobstore, trigger);
    }

    @Override
    public Job rescheduleJob(String jobId, String triggerAlias, Map<String, ?> triggerParameters) {
        Trigger trigger = triggerRegistry().create(triggerAlias, triggerParameters, this.core.timezone(),
                this.core.clock());
        return this.jobs.rescheduleJob(jobId, null, trigger);
    }

    @Override
    public Job pauseJob(String jobId, @Nullable String jobstore) {
        return this.jobs.pauseJob(jobId, jobstore);
    }

    @Override
    public Optional<Job> resumeJob(String jobId, @Nullable String jobstore) {
        return this.jobs.resumeJob(jobId, jobstore);
    }

    @Override
    public void removeJob(String jobId, @Nullable String jobstore) {
        this.jobs.removeJob(jobId, jobstore);
    }

    @Override
    public void removeAllJobs(@Nullable String jobstore) {
        this.jobs.removeAllJobs(jobstore);
    }

    @Override
    public Optional<Job> getJob(String jobId, @Nullable String jobstore) {
        return this.jobs.lookup().getJob(jobId, jobstore);
    }

    @Override
    public List<Job> getJobs(@Nullable String jobstore) {
        return this.jobs.lookup().getJobs(jobstore);
    }

    @Override
    public void printJobs(@Nullable String jobstore, Appendable out) {
        this.printer.print(jobstore, out);
    }

    @Override
    public void runJob(String jobId, @Nullable String jobstore) {
        this.runNow.runJob(jobId, jobstore);
    }

    @Override
    public void addJobStore(JobStore store, String alias) {
        this.core.events().dispatch(this.core.components().addJobStore(store, alias));
        if (state() == SchedulerState.RUNNING) {
            wakeup();
        }
    }

    @Override
    public void addJobStore(String type, String alias, Map<String, ?> options) {
        addJobStore(this.core.factories().createStore(component(type, "jobstores", alias, options)), alias);
    }

    @Override
    public void removeJobStore(String alias, boolean shutdown) {
        this.core.events().dispatch(this.core.components().removeJobStore(alias, shutdown));
    }

    @Override
    public Map<String, JobStore> jobStores() {
        return this.core.components().stores();
    }

    @Override
    public void addExecutor(JobExecutor executor, String alias) {
        this.core.events().dispatch(this.core.components().addExecutor(executor, alias));
    }

    @Override
    public void addExecutor(String type, String alias, Map<String, ?> options) {
        addExecutor(this.core.factories().createExecutor(component(type, "executors", alias, options)), alias);
    }

    private static ComponentConfig component(String type, String group, String alias, Map<String, ?> options) {
        String source = group + "." + alias;
        return new ComponentConfig(type, null, ComponentOptions.of(source + ".", options), source);
    }

    @Override
    public void removeExecutor(String alias, boolean shutdown) {
        this.core.events().dispatch(this.core.components().removeExecutor(alias, shutdown));
    }

    @Override
    public Map<String, JobExecutor> executors() {
        return this.core.components().executors();
    }

    @Override
    public void addListener(SchedulerListener listener, int mask) {
        this.core.events().add(listener, mask);
    }

    @Override
    public void removeListener(SchedulerListener listener) {
        this.core.events().remove(listener);
    }

    @Override
    public Optional<Throwable> jobStoreFailure(String alias) {
        return this.core.guard().failure(alias).map((failure) -> failure.lastException());
    }

}
