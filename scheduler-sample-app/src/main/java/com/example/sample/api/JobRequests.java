package com.example.sample.api;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Turns the API's requests into the scheduler's job specifications and changes, checking every field before anything
 * is changed, so that a bad request fails with the name of its bad field and leaves the job as it was.
 */
final class JobRequests {

    /** Trigger errors name the parameter as {@code parameter 'hour'} or {@code cron field 'hour'}. */
    private static final Pattern PARAMETER = Pattern.compile("(?:parameter|field)s? '([A-Za-z_0-9]+)'");

    private final Scheduler scheduler;

    JobRequests(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    JobSpec spec(JobRequest request) {
        String task = required("task", request.task());
        if (this.scheduler.taskRegistry().find(task).isEmpty()) {
            throw new InvalidRequestException("task", "unknown task '" + task + "' (registered: "
                    + String.join(", ", this.scheduler.taskRegistry().names()) + ")");
        }
        JobSpecBuilder spec = JobSpec.task(task);
        if (request.id() != null) {
            field("id", () -> spec.id(request.id()));
        }
        if (request.name() != null) {
            spec.name(required("name", request.name()));
        }
        Trigger trigger = trigger(request.trigger(), request.params());
        if (trigger != null) {
            spec.trigger(trigger);
        }
        if (request.args() != null) {
            spec.args(request.args());
        }
        if (request.kwargs() != null) {
            spec.kwargs(request.kwargs());
        }
        if (request.executor() != null) {
            spec.executor(executor(request.executor()));
        }
        if (request.jobstore() != null) {
            spec.jobstore(jobstore(request.jobstore()));
        }
        if (request.misfireGraceTime() != null) {
            spec.misfireGraceTime(misfireGraceTime(request.misfireGraceTime()));
        }
        if (request.coalesce() != null) {
            spec.coalesce(request.coalesce());
        }
        if (request.maxInstances() != null) {
            field("max_instances", () -> spec.maxInstances(request.maxInstances()));
        }
        if (Boolean.TRUE.equals(request.paused())) {
            spec.paused();
        }
        if (request.replaceExisting() != null) {
            spec.replaceExisting(request.replaceExisting());
        }
        return spec.build();
    }

    /**
     * Reads the option changes of a request: empty when it changes no option (it may still change the trigger).
     */
    @Nullable JobChanges changes(JobChangesRequest request) {
        JobChanges.Builder changes = JobChanges.builder();
        boolean changed = false;
        if (request.name() != null) {
            changes.name(required("name", request.name()));
            changed = true;
        }
        if (request.args() != null) {
            changes.args(request.args());
            changed = true;
        }
        if (request.kwargs() != null) {
            changes.kwargs(request.kwargs());
            changed = true;
        }
        if (request.executor() != null) {
            changes.executor(executor(request.executor()));
            changed = true;
        }
        if (request.misfireGraceTime() != null) {
            changes.misfireGraceTime(misfireGraceTime(request.misfireGraceTime()));
            changed = true;
        }
        if (request.coalesce() != null) {
            changes.coalesce(request.coalesce());
            changed = true;
        }
        if (request.maxInstances() != null) {
            field("max_instances", () -> changes.maxInstances(request.maxInstances()));
            changed = true;
        }
        return changed ? changes.build() : null;
    }

    /**
     * Builds the trigger of a request the way the scheduler would (its time zone and clock), so that a bad parameter
     * is reported before the job is touched.
     * @return the trigger, or {@code null} when the request has none
     */
    @Nullable Trigger trigger(@Nullable String alias, @Nullable Map<String, Object> params) {
        if (alias == null) {
            if (params != null && !params.isEmpty()) {
                throw new InvalidRequestException("trigger", "trigger parameters given without a trigger alias");
            }
            return null;
        }
        try {
            return this.scheduler.triggerRegistry().create(required("trigger", alias),
                    (params != null) ? params : Map.of(), this.scheduler.timezone(), this.scheduler.clock());
        }
        catch (IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            if (message.startsWith("unknown trigger alias")) {
                throw new InvalidRequestException("trigger", message);
            }
            Matcher parameter = PARAMETER.matcher(message);
            throw new InvalidRequestException(parameter.find() ? "params." + parameter.group(1) : "params", message);
        }
    }

    /**
     * Checks a job store alias, so that a name that is not configured is the request's fault (400) and not taken
     * for a store that fails.
     */
    String jobstore(String alias) {
        if (!this.scheduler.jobStores().containsKey(alias)) {
            throw new InvalidRequestException("jobstore", "unknown job store '" + alias + "' (configured: "
                    + String.join(", ", this.scheduler.jobStores().keySet()) + ")");
        }
        return alias;
    }

    private String executor(String alias) {
        if (!this.scheduler.executors().containsKey(alias)) {
            throw new InvalidRequestException("executor", "unknown executor '" + alias + "' (configured: "
                    + String.join(", ", this.scheduler.executors().keySet()) + ")");
        }
        return alias;
    }

    /**
     * Reads a misfire grace time with the core's parser, as configuration and annotations do: seconds ({@code 30},
     * {@code 0.5}), a duration ({@code 30s}, {@code PT1M}) or {@code "none"} for however late.
     */
    private static @Nullable Duration misfireGraceTime(Object value) {
        return field("misfire_grace_time", () -> ConfigValues.misfireGraceTime("misfire_grace_time", value))
            .orElse(null);
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' is required and must not be blank");
        }
        return value;
    }

    private static <T> T field(String field, Supplier<T> reader) {
        try {
            return reader.get();
        }
        catch (IllegalArgumentException | SchedulerException ex) {
            throw new InvalidRequestException(field, String.valueOf(ex.getMessage()));
        }
    }

}
