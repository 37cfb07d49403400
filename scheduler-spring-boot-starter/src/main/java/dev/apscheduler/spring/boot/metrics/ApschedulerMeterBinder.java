package dev.apscheduler.spring.boot.metrics;

import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStoreInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the scheduler's meters (see {@link ApschedulerMeters}) to a registry: registers a listener that records each
 * run, gauges of the jobs by store and state and of the executors' submissions in progress and timed-out runs still
 * running, which follow job stores and executors as they are added and removed, and, when the scheduler keeps a run
 * history, the history's outages and health.
 *
 * <p>The jobs gauges ask the store for its counts each time they are read ({@code JobStore.jobCounts()}, which a
 * database store answers with {@code COUNT} queries, reading no job); a store that fails to answer reads as
 * {@code NaN}.
 */
public class ApschedulerMeterBinder implements MeterBinder {

    private final Scheduler scheduler;

    /**
     * Creates the binder.
     * @param scheduler the scheduler
     */
    public ApschedulerMeterBinder(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.scheduler.addListener(new ExecutionMetricsListener(registry), ExecutionMetricsListener.EVENT_MASK);
        this.scheduler.addListener((event) -> onComponentChange(registry, event), EventCodes.SCHEDULER_STARTED
                | EventCodes.JOBSTORE_ADDED | EventCodes.JOBSTORE_REMOVED | EventCodes.EXECUTOR_ADDED
                | EventCodes.EXECUTOR_REMOVED);
        registerGauges(registry);
        HistoryMeters.bindTo(this.scheduler, registry);
    }

    private void onComponentChange(MeterRegistry registry, SchedulerEvent event) {
        String alias = (event instanceof SchedulerStateEvent state) ? state.alias() : null;
        if (event.code() == EventCodes.JOBSTORE_REMOVED && alias != null) {
            registry.find(ApschedulerMeters.JOBS).tag(ApschedulerMeters.JOBSTORE, alias).meters()
                .forEach(registry::remove);
        }
        else if (event.code() == EventCodes.EXECUTOR_REMOVED && alias != null) {
            registry.find(ApschedulerMeters.ACTIVE_EXECUTIONS).tag(ApschedulerMeters.EXECUTOR, alias).meters()
                .forEach(registry::remove);
            registry.find(ApschedulerMeters.TIMED_OUT_RUNNING).tag(ApschedulerMeters.EXECUTOR, alias).meters()
                .forEach(registry::remove);
        }
        else {
            // Started, or a store or executor added: the default ones appear only when the scheduler starts.
            registerGauges(registry);
        }
    }

    private void registerGauges(MeterRegistry registry) {
        this.scheduler.jobStoreAliases().forEach((alias) -> {
            registerJobsGauge(registry, alias, ApschedulerMeters.SCHEDULED, JobCounts::scheduled);
            registerJobsGauge(registry, alias, ApschedulerMeters.PAUSED, JobCounts::paused);
        });
        this.scheduler.executors().keySet().forEach((alias) -> {
            registerExecutorGauge(registry, alias, ApschedulerMeters.ACTIVE_EXECUTIONS,
                    "Submissions in progress (running or queued) in the executor", ExecutorInfo::activeCount);
            registerExecutorGauge(registry, alias, ApschedulerMeters.TIMED_OUT_RUNNING,
                    "Runs that timed out but still run, their task having ignored the interruption",
                    ExecutorInfo::timedOutRunning);
        });
    }

    private void registerExecutorGauge(MeterRegistry registry, String alias, String name, String description,
            ToIntFunction<ExecutorInfo> value) {
        Tags tags = Tags.of(ApschedulerMeters.EXECUTOR, alias);
        if (isNew(registry, name, tags)) {
            Gauge.builder(name, () -> readExecutor(alias, value))
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
        }
    }

    private void registerJobsGauge(MeterRegistry registry, String alias, String state,
            ToLongFunction<JobCounts> count) {
        Tags tags = Tags.of(ApschedulerMeters.JOBSTORE, alias, ApschedulerMeters.STATE, state);
        if (isNew(registry, ApschedulerMeters.JOBS, tags)) {
            Gauge.builder(ApschedulerMeters.JOBS, () -> countJobs(alias, count))
                .description("Jobs in the job store")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        }
    }

    // Registering a gauge twice keeps the first and logs a warning: gauges are registered again on every start.
    private static boolean isNew(MeterRegistry registry, String name, Tags tags) {
        return registry.find(name).tags(tags).gauge() == null;
    }

    // One call per store (JobStore.jobCounts): a store that cannot count, or is gone, reads NaN.
    private double countJobs(String alias, ToLongFunction<JobCounts> count) {
        return this.scheduler.jobStore(alias).flatMap(JobStoreInfo::counts)
            .map((counts) -> (double) count.applyAsLong(counts)).orElse(Double.NaN);
    }

    private double readExecutor(String alias, ToIntFunction<ExecutorInfo> value) {
        ExecutorInfo executor = this.scheduler.executors().get(alias);
        return (executor != null) ? value.applyAsInt(executor) : Double.NaN;
    }

}
