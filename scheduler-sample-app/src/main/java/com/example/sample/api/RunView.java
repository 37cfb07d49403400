package com.example.sample.api;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * A run as the REST API shows it, from the scheduler's run history: alone (with the stack trace of a failure) or in
 * a list (without it).
 *
 * @param runId the run's id
 * @param jobId the job's id
 * @param attempt the attempt number: 1, or above for a retry of the same fire time
 * @param scheduledAt the fire time the run is for
 * @param startedAt when the task started, or {@code null} if it did not
 * @param finishedAt when the run ended, or {@code null} while it runs (also after a timeout its task ignored)
 * @param durationMs how long the task ran, in milliseconds, or {@code null} while it runs or when it did not start
 * @param outcome {@code RUNNING}, {@code SUCCESS}, {@code ERROR}, {@code MISSED}, {@code SKIPPED}, {@code TIMED_OUT}
 * or {@code CANCELLED}
 * @param instance the scheduler instance that ran it
 * @param executor the alias of the executor that ran it
 * @param errorType the exception's class name, for a failure
 * @param errorMessage the exception's message, for a failure
 * @param result what the task returned, as JSON
 * @param resultNote why a returned value is not shown (not writable as JSON, or too long)
 * @param stackTrace the stack trace of a failure, for a run shown alone (then left out of lists)
 */
public record RunView(@JsonProperty("run_id") String runId, @JsonProperty("job_id") String jobId, int attempt,
        @JsonProperty("scheduled_at") String scheduledAt, @JsonProperty("started_at") @Nullable String startedAt,
        @JsonProperty("finished_at") @Nullable String finishedAt,
        @JsonProperty("duration_ms") @Nullable Long durationMs, String outcome, String instance, String executor,
        @JsonProperty("error_type") @Nullable String errorType,
        @JsonProperty("error_message") @Nullable String errorMessage, @Nullable JsonNode result,
        @JsonProperty("result_note") @Nullable String resultNote,
        @JsonProperty("stack_trace") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String stackTrace) {

    static RunView of(RunRecord run, boolean withStackTrace, JsonMapper json) {
        Long durationMs = run.duration().map(Duration::toMillis).orElse(null);
        return new RunView(run.runId(), run.jobId(), run.attempt(), run.scheduledAt().toString(),
                text(run.startedAt()), text(run.finishedAt()), durationMs, run.outcome().name(), run.instance(),
                run.executor(), run.errorType(), run.errorMessage(), result(run.result(), json), run.resultNote(),
                withStackTrace ? run.stackTrace() : null);
    }

    private static @Nullable String text(@Nullable Object instant) {
        return (instant != null) ? instant.toString() : null;
    }

    /** The result's JSON as it was written, or its text if a store kept something else. */
    private static @Nullable JsonNode result(@Nullable String result, JsonMapper json) {
        if (result == null) {
            return null;
        }
        try {
            return json.readTree(result);
        }
        catch (JacksonException ex) {
            return StringNode.valueOf(result);
        }
    }

}
