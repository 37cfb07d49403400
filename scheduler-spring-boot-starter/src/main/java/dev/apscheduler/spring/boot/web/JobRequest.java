package dev.apscheduler.spring.boot.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A job to add, in APScheduler's terms: the registered task to run, the trigger alias and its parameters, and the
 * job options. Unset options take the scheduler's job defaults.
 *
 * @param id the job id, or {@code null} for a generated one
 * @param name the job name, or {@code null} for the task name
 * @param task the name of a registered task
 * @param trigger the trigger alias ({@code cron}, {@code interval}, {@code date}, ...), or {@code null} to run once now
 * @param params the trigger's parameters under APScheduler's names
 * @param args positional arguments for the task
 * @param kwargs keyword arguments for the task
 * @param executor the executor alias, or {@code null} for {@code default}
 * @param jobstore the job store alias, or {@code null} for {@code default}
 * @param misfireGraceTime seconds a run may be late, {@code "none"} for however late, or {@code null} for the default
 * @param coalesce whether to run once when several runs are due, or {@code null} for the default
 * @param maxInstances the largest number of concurrent runs, or {@code null} for the default
 * @param paused whether to add the job paused
 * @param replaceExisting whether to replace a job with the same id
 * @param maxAttempts how many times one fire time runs at most (retries of a failed run included), or {@code null}
 * for one
 * @param retryBackoff seconds (or an ISO-8601 duration) before the first retry
 * @param retryMultiplier how much each further wait grows
 * @param retryMaxBackoff seconds (or an ISO-8601 duration) of the longest wait
 * @param retryJitter seconds (or an ISO-8601 duration) of random time added to a wait at most
 * @param retryOn the exception class names that are retried (a list or a comma-separated string), or {@code null}
 * for any
 * @param timeout seconds (or {@code "30s"}, {@code "PT1M"}) a run may take before it is interrupted, or {@code null}
 * (or {@code "none"}) for no limit
 * @param maxInstancesScope where {@code max_instances} is counted: {@code "instance"} (by each scheduler instance)
 * or {@code "cluster"} (across every instance sharing the job's store), or {@code null} for the default
 */
public record JobRequest(@Nullable String id, @Nullable String name, @Nullable String task, @Nullable String trigger,
        @Nullable Map<String, Object> params, @Nullable List<Object> args, @Nullable Map<String, Object> kwargs,
        @Nullable String executor, @Nullable String jobstore,
        @JsonProperty("misfire_grace_time") @Nullable Object misfireGraceTime, @Nullable Boolean coalesce,
        @JsonProperty("max_instances") @Nullable Integer maxInstances, @Nullable Boolean paused,
        @JsonProperty("replace_existing") @Nullable Boolean replaceExisting,
        @JsonProperty("max_attempts") @Nullable Integer maxAttempts,
        @JsonProperty("retry_backoff") @Nullable Object retryBackoff,
        @JsonProperty("retry_multiplier") @Nullable Object retryMultiplier,
        @JsonProperty("retry_max_backoff") @Nullable Object retryMaxBackoff,
        @JsonProperty("retry_jitter") @Nullable Object retryJitter, @JsonProperty("retry_on") @Nullable Object retryOn,
        @Nullable Object timeout,
        @JsonProperty("max_instances_scope") @Nullable String maxInstancesScope) implements RunOptionsRequest {
}
