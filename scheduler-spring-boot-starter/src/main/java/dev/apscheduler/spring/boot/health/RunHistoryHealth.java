package dev.apscheduler.spring.boot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.history.HistoryStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The run history's part of the scheduler's health: the {@code history} detail (type, whether it is reachable, the
 * error), reported like a job store's, and, when the failed-runs check is on, the {@code failingJobs} detail: the
 * jobs whose last {@code failedRunsThreshold} completed runs all failed, among those the scheduler still has.
 */
final class RunHistoryHealth {

    private final Scheduler scheduler;

    private final int failedRunsThreshold;

    private final Status failedRunsStatus;

    RunHistoryHealth(Scheduler scheduler, int failedRunsThreshold, Status failedRunsStatus) {
        if (failedRunsThreshold < 0) {
            throw new IllegalArgumentException("failedRunsThreshold must be >= 0, was " + failedRunsThreshold);
        }
        this.scheduler = scheduler;
        this.failedRunsThreshold = failedRunsThreshold;
        this.failedRunsStatus = Objects.requireNonNull(failedRunsStatus, "failedRunsStatus");
    }

    /**
     * Adds the details and returns the status they call for: {@code DOWN} while the history fails, the failed-runs
     * status while jobs fail their runs, {@code UP} otherwise (also without a history).
     */
    Status check(Health.Builder builder) {
        Optional<HistoryStore> store = this.scheduler.historyStore();
        if (store.isEmpty()) {
            return Status.UP;
        }
        Throwable failure = this.scheduler.historyFailure().orElse(null);
        List<String> failing = List.of();
        if (failure == null && this.failedRunsThreshold > 0) {
            try {
                failing = failingJobs(store.get());
            }
            catch (RuntimeException ex) {
                failure = ex;
            }
        }
        builder.withDetail("history", describe(store.get(), failure));
        if (failure != null) {
            return Status.DOWN;
        }
        if (this.failedRunsThreshold > 0) {
            builder.withDetail("failingJobs", failing);
        }
        return failing.isEmpty() ? Status.UP : this.failedRunsStatus;
    }

    private List<String> failingJobs(HistoryStore store) {
        return store.findFailingJobs(this.failedRunsThreshold).stream().filter(this::exists).toList();
    }

    // a job removed since its failures is no longer the application's concern; one its store cannot tell about is
    private boolean exists(String jobId) {
        try {
            return this.scheduler.getJob(jobId).isPresent();
        }
        catch (SchedulerException ex) {
            return true;
        }
    }

    private static Map<String, Object> describe(HistoryStore store, @Nullable Throwable failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", store.type());
        details.put("reachable", failure == null);
        if (failure != null) {
            details.put("error", Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getName()));
        }
        return details;
    }

}
