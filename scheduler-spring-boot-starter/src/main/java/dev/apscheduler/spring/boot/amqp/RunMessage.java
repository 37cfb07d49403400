package dev.apscheduler.spring.boot.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.trigger.DateTrigger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run as it travels through the broker: the task by name with its JSON arguments, the run's id, job, fire time
 * and attempt, when it may start at the earliest ({@code eta}), and the job options a worker applies (misfire grace
 * time, timeout, retry policy). Written as a JSON object with snake_case keys, as Celery's message body is.
 *
 * @param runId the run's id, kept over every attempt
 * @param jobId the job's id (the task name for an ad-hoc run)
 * @param task the registered task name
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param fireTime the fire time the run is for
 * @param eta the earliest time the run may start, or {@code null} for at once
 * @param attempt the attempt number, from 1
 * @param executor the alias of the executor the run was published by
 * @param misfireGraceTime how late the run may start, or {@code null} for however late
 * @param timeout the run's timeout, or {@code null} for none
 * @param retryPolicy how failed attempts are retried
 */
record RunMessage(String runId, String jobId, String task, List<@Nullable Object> args,
        Map<String, @Nullable Object> kwargs, ZonedDateTime fireTime, @Nullable Instant eta, int attempt,
        String executor, @Nullable Duration misfireGraceTime, @Nullable Duration timeout, RetryPolicy retryPolicy) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    RunMessage {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(task, "task");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }

    /**
     * Describes a run of a job.
     */
    static RunMessage of(Job job, String runId, ZonedDateTime fireTime, int attempt, String executor) {
        return new RunMessage(runId, job.id(), job.task().name(), job.args(), job.kwargs(), fireTime, null, attempt,
                executor, job.misfireGraceTime().orElse(null), job.timeout().orElse(null), job.retryPolicy());
    }

    /**
     * Returns the next attempt of this run, to start no earlier than {@code eta}.
     */
    RunMessage nextAttempt(Instant eta) {
        return new RunMessage(this.runId, this.jobId, this.task, this.args, this.kwargs, this.fireTime, eta,
                this.attempt + 1, this.executor, this.misfireGraceTime, this.timeout, this.retryPolicy);
    }

    /**
     * Builds the job a worker runs: a one-off job with this run's task, arguments and options.
     */
    Job toJob() {
        return Job.builder()
            .id(this.jobId)
            .task(TaskReference.named(this.task))
            .args(this.args)
            .kwargs(this.kwargs)
            .trigger(DateTrigger.of(this.fireTime))
            .executor(this.executor)
            .misfireGraceTime(this.misfireGraceTime)
            .timeout(this.timeout)
            .retryPolicy(this.retryPolicy)
            .build();
    }

    byte[] toJson() {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("run_id", this.runId);
        body.put("job_id", this.jobId);
        body.put("task", this.task);
        body.put("args", this.args);
        body.put("kwargs", this.kwargs);
        body.put("fire_time", this.fireTime.toString());
        body.put("eta", (this.eta != null) ? this.eta.toString() : null);
        body.put("attempt", this.attempt);
        body.put("executor", this.executor);
        Map<String, @Nullable Object> options = new LinkedHashMap<>(this.retryPolicy.toOptions());
        options.put("misfire_grace_time", seconds(this.misfireGraceTime));
        options.put("timeout", seconds(this.timeout));
        body.put("options", options);
        return JSON.writeValueAsBytes(body);
    }

    /**
     * Reads a message body.
     * @throws InvalidRunMessageException naming what is wrong, for a body that is not a run
     */
    @SuppressWarnings("unchecked")
    static RunMessage fromJson(byte[] body) {
        Map<String, @Nullable Object> map;
        try {
            map = JSON.readValue(body, Map.class);
        }
        catch (JacksonException ex) {
            throw new InvalidRunMessageException("body is not a JSON object: " + ex.getOriginalMessage()
                    + " (body: " + preview(body) + ")");
        }
        if (map == null) {
            throw new InvalidRunMessageException("body is JSON null");
        }
        try {
            Map<String, @Nullable Object> options = optionalMap(map, "options");
            Map<String, @Nullable Object> retry = new LinkedHashMap<>(options);
            Duration grace = duration(retry.remove("misfire_grace_time"), "options.misfire_grace_time");
            Duration timeout = duration(retry.remove("timeout"), "options.timeout");
            Object eta = map.get("eta");
            Object attempt = map.getOrDefault("attempt", 1);
            if (!(attempt instanceof Integer number)) {
                throw new InvalidRunMessageException("'attempt' must be a whole number, was " + attempt);
            }
            Object args = map.getOrDefault("args", List.of());
            if (!(args instanceof List<?>)) {
                throw new InvalidRunMessageException("'args' must be a JSON array, was " + args);
            }
            return new RunMessage(text(map, "run_id"), text(map, "job_id"), text(map, "task"),
                    (List<@Nullable Object>) args, optionalMap(map, "kwargs"),
                    ZonedDateTime.parse(text(map, "fire_time")), (eta != null) ? Instant.parse(eta.toString()) : null,
                    number, text(map, "executor"), grace, timeout, RetryPolicy.fromOptions(retry, RetryPolicy.NONE));
        }
        catch (DateTimeParseException ex) {
            throw new InvalidRunMessageException("a time is not ISO-8601: '" + ex.getParsedString() + "'");
        }
        catch (InvalidRunMessageException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new InvalidRunMessageException(ex.getMessage());
        }
    }

    private static String text(Map<String, @Nullable Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidRunMessageException("'" + key + "' must be a non-blank string, was " + value);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> optionalMap(Map<String, @Nullable Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidRunMessageException("'" + key + "' must be a JSON object, was " + value);
        }
        return (Map<String, @Nullable Object>) value;
    }

    private static @Nullable Duration duration(@Nullable Object value, String key) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number seconds)) {
            throw new InvalidRunMessageException("'" + key + "' must be a number of seconds, was " + value);
        }
        return Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9));
    }

    private static @Nullable Double seconds(@Nullable Duration duration) {
        return (duration != null) ? duration.toNanos() / 1e9 : null;
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return (text.length() > 200) ? text.substring(0, 200) + "\u2026" : text;
    }

}
