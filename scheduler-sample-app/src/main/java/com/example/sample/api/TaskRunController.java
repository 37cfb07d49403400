package com.example.sample.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apscheduler.spring.boot.amqp.AmqpTasks;
import dev.apscheduler.spring.boot.amqp.SubmitOptions;
import dev.apscheduler.spring.boot.amqp.TaskResult;
import dev.apscheduler.spring.boot.amqp.TaskState;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ad-hoc runs over RabbitMQ (the {@code amqp} profile), Celery's {@code apply_async} over HTTP:
 * {@code POST /api/tasks/{task}/runs} submits a run of a registered task (now, after a {@code countdown}, or at an
 * {@code eta}; on an {@code executor}'s route or a {@code queue}) and answers 202 with its run id;
 * {@code GET /api/task-runs/{runId}} polls its state and result. Without RabbitMQ configured both answer 404.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskRunController {

    private final ObjectProvider<AmqpTasks> tasks;

    private final JsonMapper json;

    TaskRunController(ObjectProvider<AmqpTasks> tasks, JsonMapper json) {
        this.tasks = tasks;
        this.json = json;
    }

    @PostMapping(path = "/tasks/{task}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskRunView> submit(@PathVariable String task, @RequestBody TaskRunRequest request) {
        AmqpTasks tasks = tasks();
        SubmitOptions options = SubmitOptions.defaults();
        if (request.countdown() != null && request.eta() != null) {
            throw new InvalidRequestException("countdown", "give either countdown or eta, not both");
        }
        if (request.executor() != null && request.queue() != null) {
            throw new InvalidRequestException("queue", "give either executor or queue, not both");
        }
        if (request.countdown() != null) {
            options = options.countdown(countdown(request.countdown()));
        }
        if (request.eta() != null) {
            options = options.eta(eta(request.eta()));
        }
        if (request.executor() != null) {
            options = options.executor(request.executor());
        }
        if (request.queue() != null) {
            options = options.queue(request.queue());
        }
        TaskResult result = tasks.applyAsync(task, (request.args() != null) ? request.args() : List.of(),
                (request.kwargs() != null) ? request.kwargs() : Map.of(), options);
        return ResponseEntity.accepted()
            .location(URI.create("/api/task-runs/" + result.runId()))
            .body(TaskRunView.of(result, task, this.json));
    }

    @GetMapping("/task-runs/{runId}")
    TaskRunView poll(@PathVariable String runId) {
        TaskResult result = tasks().result(runId, "?");
        return TaskRunView.of(result, null, this.json);
    }

    private AmqpTasks tasks() {
        AmqpTasks tasks = this.tasks.getIfAvailable();
        if (tasks == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Runs over RabbitMQ are not configured here: start the sample with the amqp profile");
        }
        return tasks;
    }

    private static Duration countdown(Object value) {
        try {
            Duration countdown = (value instanceof Number seconds) ? Duration.ofMillis(Math.round(
                    seconds.doubleValue() * 1000)) : Duration.parse("PT" + value.toString().trim().toUpperCase());
            if (countdown.isNegative()) {
                throw new InvalidRequestException("countdown", "countdown must not be negative, was " + value);
            }
            return countdown;
        }
        catch (DateTimeParseException ex) {
            throw new InvalidRequestException("countdown", "countdown must be seconds or a duration such as 5s or 2m, "
                    + "was '" + value + "'");
        }
    }

    private static Instant eta(String value) {
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new InvalidRequestException("eta", "eta must be an ISO-8601 instant such as "
                    + "2026-01-01T12:00:00Z, was '" + value + "'");
        }
    }

    /**
     * A submission.
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param countdown seconds, or a duration such as {@code 5s}
     * @param eta an ISO-8601 instant
     * @param executor an {@code amqp} executor's alias
     * @param queue a queue's name
     */
    record TaskRunRequest(@Nullable List<Object> args, @Nullable Map<String, Object> kwargs,
            @Nullable Object countdown, @Nullable String eta, @Nullable String executor, @Nullable String queue) {
    }

    /**
     * A run's state.
     * @param runId the run's id
     * @param task the task, when known
     * @param state Celery's state name
     * @param result the task's result, once it succeeded
     * @param error the task's error, once it failed
     * @param run the run's record, once a worker recorded it
     */
    record TaskRunView(@JsonProperty("run_id") String runId, @Nullable String task,
            TaskState state, @Nullable Object result, @Nullable String error, @Nullable RunView run) {

        static TaskRunView of(TaskResult result, @Nullable String task, JsonMapper json) {
            var record = result.record();
            TaskState state = TaskState.of(record);
            Object value = record.map((run) -> run.result()).map((text) -> json.readValue(text, Object.class))
                .orElse(null);
            String error = record.filter((run) -> run.errorType() != null)
                .map((run) -> run.errorType() + ": " + run.errorMessage())
                .orElse(null);
            return new TaskRunView(result.runId(), record.map((run) -> run.task()).orElse(task), state,
                    (state == TaskState.SUCCESS) ? value : null, error,
                    record.map((run) -> RunView.of(run, false, json)).orElse(null));
        }

    }

}
