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
 * {@link HealthIndicator} for the scheduler: whether it keeps its schedule.
 * <ul>
 * <li>{@code UP} while it runs and every job store answers; also while it is {@code PAUSED}: pausing is an
 * operator's deliberate choice, not a fault, so it must not take the application out of service (the {@code state}
 * detail says {@code PAUSED}).</li>
 * <li>{@code DOWN} when a job store is unreachable (its listing fails, or the scheduler's loop saw its last call
 * fail), or when the scheduler stopped after it had started while the application was not shutting down.</li>
 * <li>{@code OUT_OF_SERVICE} when it stopped because the application context is closing.</li>
 * <li>{@code UNKNOWN} when it has not been started yet (for example with auto-startup disabled).</li>
 * </ul>
 * Details: {@code state}, {@code jobs} (the total) and {@code jobstores} (per alias: type, job count, whether it is
 * reachable, the error, and the number of stored jobs that cannot be restored).
 */
public class ApschedulerHealthIndicator extends AbstractHealthIndicator
        implements ApplicationListener<ContextClosedEvent> {

    private final Scheduler scheduler;

    private volatile boolean started;

    private volatile boolean closing;

    /**
     * Creates the indicator and registers a listener with the scheduler that tells when it starts.
     * @param scheduler the scheduler
     */
    public ApschedulerHealthIndicator(Scheduler scheduler) {
        super("APScheduler health check failed");
        this.scheduler = scheduler;
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
        builder.status(status(state, stores)).withDetail("state", state.name());
        long jobs = stores.stream().mapToLong((store) -> store.counts().map(JobCounts::total).orElse(0L)).sum();
        builder.withDetail("jobs", Math.toIntExact(jobs));
        Map<String, Object> details = new LinkedHashMap<>();
        stores.forEach((store) -> details.put(store.alias(), describe(store)));
        builder.withDetail("jobstores", details);
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
