package com.example.sample.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a job's options, arguments or trigger ({@code PATCH /api/jobs/{id}}); what is left out stays as it is.
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
 */
public record JobChangesRequest(@Nullable String name, @Nullable String trigger, @Nullable Map<String, Object> params,
        @Nullable List<Object> args, @Nullable Map<String, Object> kwargs, @Nullable String executor,
        @JsonProperty("misfire_grace_time") @Nullable Object misfireGraceTime, @Nullable Boolean coalesce,
        @JsonProperty("max_instances") @Nullable Integer maxInstances) {
}
