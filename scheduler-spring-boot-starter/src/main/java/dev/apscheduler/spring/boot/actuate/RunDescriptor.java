package dev.apscheduler.spring.boot.actuate;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apscheduler.history.RunOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A run as the endpoint shows it, from the scheduler's run history: alone ({@code GET /actuator/apscheduler/runs/{id}},
 * with the stack trace of a failure) or in a list (without it).
 *
 * @param runId the run's id
 * @param jobId the job's id
 * @param attempt the attempt number: 1, or above for a retry of the same fire time
 * @param scheduledAt the fire time the run is for
 * @param startedAt when the task started, or {@code null} if it did not (missed, skipped, cancelled)
 * @param finishedAt when the run ended, or {@code null} while it runs (also after a timeout its task ignored)
 * @param durationMs how long the task ran, in milliseconds, or {@code null} while it runs or when it did not start
 * @param outcome how the run ended, or {@code RUNNING}
 * @param instance the scheduler instance that ran it
 * @param executor the alias of the executor that ran it
 * @param errorType the exception's class name, for a failure
 * @param errorMessage the exception's message, for a failure
 * @param result what the task returned, as JSON (or as the stored text when it is not JSON), sanitised unless values
 * are shown
 * @param resultNote why a returned value is not shown (it could not be written as JSON, or was too long)
 * @param stackTrace the exception's stack trace, for a failure shown alone; left out of lists
 */
public record RunDescriptor(String runId, String jobId, int attempt, Instant scheduledAt, @Nullable Instant startedAt,
        @Nullable Instant finishedAt, @Nullable Long durationMs, RunOutcome outcome, String instance, String executor,
        @Nullable String errorType, @Nullable String errorMessage, @Nullable Object result,
        @Nullable String resultNote, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String stackTrace)
        implements OperationResponseBody {
}
