package dev.apscheduler.spring.boot.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a job's options, arguments or trigger; what is left out stays as it is.
 * A new trigger ({@code trigger} with {@code params}) reschedules the job, as APScheduler's {@code reschedule_job}.
 *
 * @param name the new name
 * @param trigger the new trigger alias; the job is rescheduled from now
 * @param params the new trigger's parameters
 * @param args new positional arguments
 * @param kwargs new keyword arguments
 * @param executor the new executor alias
 * @param misfireGraceTime seconds a run may be late, or {@code "none"} for however late
 * @param coalesce whether to run once when several runs are due
 * @param maxInstances the largest number of concurrent runs
 * @param maxAttempts how many times one fire time runs at most; the retry options left out keep the job's values
 * @param retryBackoff seconds (or an ISO-8601 duration) before the first retry
 * @param retryMultiplier how much each further wait grows
 * @param retryMaxBackoff seconds (or an ISO-8601 duration) of the longest wait
 * @param retryJitter seconds (or an ISO-8601 duration) of random time added to a wait at most
 * @param retryOn the exception class names that are retried (a list or a comma-separated string; empty for any)
 * @param timeout seconds (or {@code "30s"}, {@code "PT1M"}) a run may take, or {@code "none"} for no limit
 * @param maxInstancesScope where {@code max_instances} is counted: {@code "instance"} (by each scheduler instance)
 * or {@code "cluster"} (across every instance sharing the job's store), or {@code null} for no change
 */
public record JobChangesRequest(@Nullable String name, @Nullable String trigger, @Nullable Map<String, Object> params,
        @Nullable List<Object> args, @Nullable Map<String, Object> kwargs, @Nullable String executor,
        @JsonProperty("misfire_grace_time") @Nullable Object misfireGraceTime, @Nullable Boolean coalesce,
        @JsonProperty("max_instances") @Nullable Integer maxInstances,
        @JsonProperty("max_attempts") @Nullable Integer maxAttempts,
        @JsonProperty("retry_backoff") @Nullable Object retryBackoff,
        @JsonProperty("retry_multiplier") @Nullable Object retryMultiplier,
        @JsonProperty("retry_max_backoff") @Nullable Object retryMaxBackoff,
        @JsonProperty("retry_jitter") @Nullable Object retryJitter, @JsonProperty("retry_on") @Nullable Object retryOn,
        @Nullable Object timeout,
        @JsonProperty("max_instances_scope") @Nullable String maxInstancesScope) implements RunOptionsRequest {
}
