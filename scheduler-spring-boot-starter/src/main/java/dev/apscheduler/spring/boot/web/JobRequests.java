package dev.apscheduler.spring.boot.web;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Supplier;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.trigger.InvalidTriggerException;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the API's requests into the scheduler's job specifications and changes, checking every field before anything
 * is changed, so that a bad request fails with the name of its bad field and leaves the job as it was.
 */
public final class JobRequests {

    private final Scheduler scheduler;

    private final RequestLimits limits;

    private final JsonMapper json;

    /**
     * Creates the reader of one scheduler's requests.
     * @param scheduler the scheduler whose tasks, triggers, stores and executors the requests name
     * @param limits the size limits of names and arguments
     * @param json the mapper that writes arguments as the job stores do, to measure them
     */
    public JobRequests(Scheduler scheduler, RequestLimits limits, JsonMapper json) {
        this.scheduler = scheduler;
        this.limits = limits;
        this.json = json;
    }

    /**
     * Reads a job to add, checking every field.
     * @param request the request
     * @return the job's specification
     * @throws InvalidRequestException naming the first bad field
     */
    public JobSpec spec(JobRequest request) {
        String task = required("task", request.task());
        if (this.scheduler.taskRegistry().find(task).isEmpty()) {
            throw new InvalidRequestException("task", "unknown task '" + task + "' (registered: "
                    + String.join(", ", this.scheduler.taskRegistry().names()) + ")");
        }
        JobSpecBuilder spec = JobSpec.task(task);
        String id = request.id();
        if (id != null) {
            field("id", () -> spec.id(id));
        }
        if (request.name() != null) {
            spec.name(name(request.name()));
        }
        Trigger trigger = trigger(request.trigger(), request.params());
        if (trigger != null) {
            spec.trigger(trigger);
        }
        if (request.args() != null) {
            spec.args(arguments("args", request.args()));
        }
        if (request.kwargs() != null) {
            spec.kwargs(arguments("kwargs", request.kwargs()));
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
        Integer maxInstances = request.maxInstances();
        if (maxInstances != null) {
            field("max_instances", () -> spec.maxInstances(maxInstances));
        }
        String maxInstancesScope = request.maxInstancesScope();
        if (maxInstancesScope != null) {
            field("max_instances_scope", () -> spec.maxInstancesScope(MaxInstancesScope.of(maxInstancesScope)));
        }
        if (Boolean.TRUE.equals(request.paused())) {
            spec.paused();
        }
        if (request.replaceExisting() != null) {
            spec.replaceExisting(request.replaceExisting());
        }
        RetryPolicy retryPolicy = RunOptions.retryPolicy(request, () -> RetryPolicy.NONE);
        if (retryPolicy != null) {
            spec.retryPolicy(retryPolicy);
        }
        Object timeout = request.timeout();
        if (timeout != null) {
            Duration limit = RunOptions.timeout(timeout);
            field("timeout", () -> spec.timeout(limit));
        }
        return spec.build();
    }

    /**
     * Reads the changes of a request, a new trigger included (APScheduler's {@code reschedule_job}: the next run time
     * is the new trigger's first fire time from now), so that the job is changed in one step. Retry options merge
     * with the job's policy: those left out keep its values.
     * @param request the request
     * @param retryPolicy the job's retry policy, asked for only when the request changes it
     * @return the changes, or {@code null} when the request changes nothing
     */
    public @Nullable JobChanges changes(JobChangesRequest request, Supplier<RetryPolicy> retryPolicy) {
        JobChanges.Builder changes = JobChanges.builder();
        boolean changed = false;
        if (request.name() != null) {
            changes.name(name(request.name()));
            changed = true;
        }
        if (request.args() != null) {
            changes.args(arguments("args", request.args()));
            changed = true;
        }
        if (request.kwargs() != null) {
            changes.kwargs(arguments("kwargs", request.kwargs()));
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
        Integer maxInstances = request.maxInstances();
        if (maxInstances != null) {
            field("max_instances", () -> changes.maxInstances(maxInstances));
            changed = true;
        }
        String maxInstancesScope = request.maxInstancesScope();
        if (maxInstancesScope != null) {
            field("max_instances_scope", () -> changes.maxInstancesScope(MaxInstancesScope.of(maxInstancesScope)));
            changed = true;
        }
        RetryPolicy changedPolicy = RunOptions.retryPolicy(request, retryPolicy);
        if (changedPolicy != null) {
            changes.retryPolicy(changedPolicy);
            changed = true;
        }
        Object timeout = request.timeout();
        if (timeout != null) {
            Duration limit = RunOptions.timeout(timeout);
            field("timeout", () -> changes.timeout(limit));
            changed = true;
        }
        Trigger trigger = trigger(request.trigger(), request.params());
        if (trigger != null) {
            ZonedDateTime now = ZonedDateTime.now(this.scheduler.clock());
            changes.trigger(trigger).nextRunTime(trigger.nextFireTime(null, now).orElse(null));
            changed = true;
        }
        return changed ? changes.build() : null;
    }

    /**
     * Builds the trigger of a request the way the scheduler would (its time zone and clock), so that a bad parameter
     * is reported before the job is touched.
     * @return the trigger, or {@code null} when the request has none
     */
    public @Nullable Trigger trigger(@Nullable String alias, @Nullable Map<String, Object> params) {
        if (alias == null) {
            if (params != null && !params.isEmpty()) {
                throw new InvalidRequestException("trigger", "trigger parameters given without a trigger alias");
            }
            return null;
        }
        TriggerRegistry triggers = this.scheduler.triggerRegistry();
        String kind = required("trigger", alias);
        if (!triggers.contains(kind)) {
            throw new InvalidRequestException("trigger", triggers.unknownAliasMessage(kind));
        }
        try {
            return triggers.create(kind, (params != null) ? params : Map.of(), this.scheduler.timezone(),
                    this.scheduler.clock());
        }
        catch (InvalidTriggerException ex) {
            throw new InvalidRequestException(ex.parameter().map((name) -> "params." + name).orElse("params"),
                    String.valueOf(ex.getMessage()));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException("params", String.valueOf(ex.getMessage()));
        }
    }

    /**
     * Checks a job store alias, so that a name that is not configured is the request's fault (400) and not taken
     * for a store that fails.
     * @param alias the alias
     * @return the alias
     * @throws InvalidRequestException naming {@code jobstore} if there is no such store
     */
    public String jobstore(String alias) {
        if (!this.scheduler.jobStoreAliases().contains(alias)) {
            throw new InvalidRequestException("jobstore", "unknown job store '" + alias + "' (configured: "
                    + String.join(", ", this.scheduler.jobStoreAliases()) + ")");
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

    private String name(String name) {
        required("name", name);
        if (name.length() > this.limits.maxNameLength()) {
            throw new InvalidRequestException("name", "'name' must be at most " + this.limits.maxNameLength()
                    + " characters long, was " + name.length() + " (" + this.limits.propertyPrefix()
                    + ".max-name-length)");
        }
        return name;
    }

    /**
     * Checks the size of {@code args} or {@code kwargs} as the job store will write them: JSON.
     */
    private <T> T arguments(String field, T arguments) {
        long size = this.json.writeValueAsBytes(arguments).length;
        DataSize limit = this.limits.maxArgumentsSize();
        if (size > limit.toBytes()) {
            throw new InvalidRequestException(field, "'" + field + "' must be at most " + RequestLimits.describe(limit)
                    + " written as JSON, was " + size + " bytes (" + this.limits.propertyPrefix()
                    + ".max-arguments-size)");
        }
        return arguments;
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
