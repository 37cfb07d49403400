package dev.apscheduler.spring.boot.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStoreInfo;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@link HealthIndicator} for the scheduler: whether it keeps its schedule and records its runs.
 * <ul>
 * <li>{@code UP} while it runs and every job store and its run history answer; also while it is {@code PAUSED}:
 * pausing is an operator's deliberate choice, not a fault, so it must not take the application out of service (the
 * {@code state} detail says {@code PAUSED}).</li>
 * <li>{@code DOWN} when a job store is unreachable (its listing fails, or the scheduler's loop saw its last call
 * fail), when the run history is (writing run records fails, or reading it for the failed-runs check does), or when
 * the scheduler stopped after it had started while the application was not shutting down.</li>
 * <li>{@code OUT_OF_SERVICE} when it stopped because the application context is closing.</li>
 * <li>{@code UNKNOWN} when it has not been started yet (for example with auto-startup disabled).</li>
 * <li>The failed-runs status (by default {@code UP}) when the failed-runs check is on
 * ({@code failedRunsThreshold > 0}), everything else is {@code UP}, and some jobs' last {@code failedRunsThreshold}
 * completed runs all failed.</li>
 * </ul>
 * Details: {@code state}, {@code jobs} (the total), {@code jobstores} (per alias: type, job count, whether it is
 * reachable, the error, and the number of stored jobs that cannot be restored), {@code history} (type, whether it is
 * reachable, the error; when the scheduler keeps a history) and {@code failingJobs} (the ids of the failing jobs;
 * when the failed-runs check is on).
 */
public class ApschedulerHealthIndicator extends AbstractHealthIndicator
        implements ApplicationListener<ContextClosedEvent> {

    private final Scheduler scheduler;

    private final RunHistoryHealth history;

    private volatile boolean started;

    private volatile boolean closing;

    /**
     * Creates the indicator, with the failed-runs check off, and registers a listener with the scheduler that tells
     * when it starts.
     * @param scheduler the scheduler
     */
    public ApschedulerHealthIndicator(Scheduler scheduler) {
        this(scheduler, 0, Status.UP);
    }

    /**
     * Creates the indicator and registers a listener with the scheduler that tells when it starts.
     * @param scheduler the scheduler
     * @param failedRunsThreshold how many completed runs in a row a job must have failed to be listed as failing, or
     * {@code 0} for no failed-runs check
     * @param failedRunsStatus the status while jobs are failing and everything else is {@code UP}
     * @throws IllegalArgumentException if the threshold is negative
     */
    public ApschedulerHealthIndicator(Scheduler scheduler, int failedRunsThreshold, Status failedRunsStatus) {
        super("APScheduler health check failed");
        this.scheduler = scheduler;
        this.history = new RunHistoryHealth(scheduler, failedRunsThreshold, failedRunsStatus);
        scheduler.addListener(startListener(), EventCodes.SCHEDULER_STARTED);
        this.started = scheduler.isRunning();
    }

    private SchedulerListener startListener() {
        return (event) -> this.started = true;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        this.closing = true;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchedulerState state = this.scheduler.state();
        Collection<JobStoreInfo> stores = this.scheduler.jobStores().values();
        Status status = status(state, stores);
        builder.status(status).withDetail("state", state.name());
        long jobs = stores.stream().mapToLong((store) -> store.counts().map(JobCounts::total).orElse(0L)).sum();
        builder.withDetail("jobs", Math.toIntExact(jobs));
        Map<String, Object> details = new LinkedHashMap<>();
        stores.forEach((store) -> details.put(store.alias(), describe(store)));
        builder.withDetail("jobstores", details);
        Status history = this.history.check(builder);
        if (Status.UP.equals(status)) {
            builder.status(history);
        }
    }

    private Status status(SchedulerState state, Collection<JobStoreInfo> stores) {
        if (state == SchedulerState.STOPPED) {
            if (this.closing) {
                return Status.OUT_OF_SERVICE;
            }
            return this.started ? Status.DOWN : Status.UNKNOWN;
        }
        return stores.stream().allMatch(JobStoreInfo::available) ? Status.UP : Status.DOWN;
    }

    private static Map<String, Object> describe(JobStoreInfo store) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", store.type());
        store.counts().ifPresent((counts) -> details.put("jobs", Math.toIntExact(counts.total())));
        details.put("reachable", store.available());
        if (store.failure() != null) {
            details.put("error", store.failure());
        }
        store.counts().filter((counts) -> counts.unrestorable() > 0)
            .ifPresent((counts) -> details.put("unrestorableJobs", Math.toIntExact(counts.unrestorable())));
        return details;
    }

}
