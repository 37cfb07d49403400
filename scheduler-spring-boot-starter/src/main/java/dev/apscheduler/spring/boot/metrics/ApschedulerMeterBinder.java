package dev.apscheduler.spring.boot.metrics;

import java.util.List;
import java.util.function.Predicate;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.job.Job;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the scheduler's meters (see {@link ApschedulerMeters}) to a registry: registers a listener that records each
 * run, and gauges of the jobs by store and state and of the executors' submissions in progress, which follow job
 * stores and executors as they are added and removed.
 *
 * <p>The jobs gauges ask the store for its jobs each time they are read; a store that fails to answer reads as
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
        }
        else {
            // Started, or a store or executor added: the default ones appear only when the scheduler starts.
            registerGauges(registry);
        }
    }

    private void registerGauges(MeterRegistry registry) {
        this.scheduler.jobStores().keySet().forEach((alias) -> {
            registerJobsGauge(registry, alias, ApschedulerMeters.SCHEDULED, (job) -> !job.isPaused());
            registerJobsGauge(registry, alias, ApschedulerMeters.PAUSED, Job::isPaused);
        });
        this.scheduler.executors().keySet().forEach((alias) -> {
            Tags tags = Tags.of(ApschedulerMeters.EXECUTOR, alias);
            if (isNew(registry, ApschedulerMeters.ACTIVE_EXECUTIONS, tags)) {
                Gauge.builder(ApschedulerMeters.ACTIVE_EXECUTIONS, () -> activeExecutions(alias))
                    .description("Submissions in progress (running or queued) in the executor")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            }
        });
    }

    private void registerJobsGauge(MeterRegistry registry, String alias, String state, Predicate<Job> filter) {
        Tags tags = Tags.of(ApschedulerMeters.JOBSTORE, alias, ApschedulerMeters.STATE, state);
        if (isNew(registry, ApschedulerMeters.JOBS, tags)) {
            Gauge.builder(ApschedulerMeters.JOBS, () -> countJobs(alias, filter))
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

    private double countJobs(String alias, Predicate<Job> filter) {
        try {
            List<Job> jobs = this.scheduler.getJobs(alias);
            return jobs.stream().filter(filter).count();
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    private double activeExecutions(String alias) {
        JobExecutor executor = this.scheduler.executors().get(alias);
        return (executor != null) ? executor.activeCount() : Double.NaN;
    }

}
