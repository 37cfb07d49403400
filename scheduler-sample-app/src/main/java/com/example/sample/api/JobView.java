package com.example.sample.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.trigger.DateTimes;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerDescription;
import org.jspecify.annotations.Nullable;

/**
 * A job as the REST API shows it.
 *
 * @param id the job id
 * @param name the job name
 * @param task the task the job runs
 * @param trigger the trigger: alias, parameters and description
 * @param nextRunTime the next run time, or {@code null} when paused
 * @param paused whether the job is paused
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param executor the executor alias
 * @param jobstore the job store alias
 * @param misfireGraceTime seconds a run may be late, or {@code null} for however late
 * @param coalesce whether several due runs are coalesced into one
 * @param maxInstances the largest number of concurrent runs
 * @param maxInstancesScope where {@code max_instances} is counted: {@code instance} or {@code cluster}
 * @param maxAttempts how many times one fire time runs at most; 1 for no retry
 * @param retryBackoff seconds before the first retry
 * @param retryMultiplier how much each further wait grows
 * @param retryMaxBackoff seconds of the longest wait
 * @param retryJitter seconds of random time added to a wait at most
 * @param retryOn the exception class names that are retried, empty for any
 * @param timeout seconds a run may take before it is interrupted, or {@code null} for no limit
 * @param pendingRetries the retries of failed runs waiting to run, earliest first
 */
public record JobView(String id, String name, String task, TriggerView trigger,
        @JsonProperty("next_run_time") @Nullable String nextRunTime, boolean paused, List<@Nullable Object> args,
        Map<String, @Nullable Object> kwargs, String executor, String jobstore,
        @JsonProperty("misfire_grace_time") @Nullable BigDecimal misfireGraceTime, boolean coalesce,
        @JsonProperty("max_instances") int maxInstances,
        @JsonProperty("max_instances_scope") String maxInstancesScope, @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("retry_backoff") BigDecimal retryBackoff,
        @JsonProperty("retry_multiplier") BigDecimal retryMultiplier,
        @JsonProperty("retry_max_backoff") BigDecimal retryMaxBackoff,
        @JsonProperty("retry_jitter") BigDecimal retryJitter, @JsonProperty("retry_on") List<String> retryOn,
        @Nullable BigDecimal timeout, @JsonProperty("pending_retries") List<PendingRetryView> pendingRetries) {

    /**
     * A trigger as the REST API shows it. A trigger that fails to describe itself or gives parameters that cannot be
     * written as JSON (a bug in an application's own trigger) is shown with the error, so that one such job never
     * breaks a listing.
     *
     * @param alias the trigger alias
     * @param params the trigger's parameters, from which it can be rebuilt, or {@code null} when they cannot be
     * written
     * @param description the trigger as APScheduler prints it, or {@code null} when it cannot describe itself
     * @param error what failed, or {@code null} (then left out)
     */
    public record TriggerView(String alias, @Nullable Map<String, Object> params, @Nullable String description,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String error) {

        static TriggerView of(Trigger trigger) {
            TriggerDescription described = TriggerDescription.of(trigger);
            return new TriggerView(described.alias(), described.parameters(), described.description(),
                    described.error());
        }

    }

    /**
     * A retry waiting in a job's state.
     *
     * @param fireTime the fire time it runs again
     * @param attempt the attempt it will be, from 2
     * @param dueAt when it is due
     */
    public record PendingRetryView(@JsonProperty("fire_time") String fireTime, int attempt,
            @JsonProperty("due_at") String dueAt) {

        static PendingRetryView of(PendingRetry retry) {
            return new PendingRetryView(DateTimes.format(retry.fireTime()), retry.attempt(),
                    DateTimes.format(retry.dueAt()));
        }

    }

    static JobView of(Job job) {
        RetryPolicy retry = job.retryPolicy();
        return new JobView(job.id(), job.name(), job.task().name(), TriggerView.of(job.trigger()),
                job.nextRunTime().map(DateTimes::format).orElse(null), job.isPaused(), job.args(), job.kwargs(),
                job.executor(), job.jobstore(),
                job.misfireGraceTime().map(JobView::seconds).orElse(null),
                job.coalesce(), job.maxInstances(), job.maxInstancesScope().value(), retry.maxAttempts(),
                seconds(retry.backoff()),
                plain(BigDecimal.valueOf(retry.multiplier())), seconds(retry.maxBackoff()), seconds(retry.jitter()),
                retry.retryOn(), job.timeout().map(JobView::seconds).orElse(null),
                job.pendingRetries().stream().map(PendingRetryView::of).toList());
    }

    /** Seconds as APScheduler gives them, {@code 30} or {@code 2.5}: never in exponent form ({@code 3E+1}). */
    private static BigDecimal seconds(Duration duration) {
        return plain(BigDecimal.valueOf(duration.toNanos(), 9));
    }

    private static BigDecimal plain(BigDecimal number) {
        return new BigDecimal(number.stripTrailingZeros().toPlainString());
    }

}
