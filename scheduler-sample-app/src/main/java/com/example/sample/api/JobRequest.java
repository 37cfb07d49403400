package com.example.sample.api;

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
 */
public record JobRequest(@Nullable String id, @Nullable String name, @Nullable String task, @Nullable String trigger,
        @Nullable Map<String, Object> params, @Nullable List<Object> args, @Nullable Map<String, Object> kwargs,
        @Nullable String executor, @Nullable String jobstore,
        @JsonProperty("misfire_grace_time") @Nullable Object misfireGraceTime, @Nullable Boolean coalesce,
        @JsonProperty("max_instances") @Nullable Integer maxInstances, @Nullable Boolean paused,
        @JsonProperty("replace_existing") @Nullable Boolean replaceExisting) {
}
