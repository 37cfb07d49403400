package dev.apscheduler.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobBuilder;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerFactory;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a job into JSON text and back, for persistent job stores. Never Java serialization: the JSON holds the task's
 * name, the JSON arguments, the trigger's alias and parameters ({@link Trigger#parameters()}, rebuilt by the
 * scheduler's {@link TriggerRegistry}, which knows the kinds registered with {@link TriggerFactory}), the options and
 * the next run time. The job store alias is not part of it: a job belongs
 * to the store that restores it.
 *
 * <pre>{@code
 * {"version":1,"id":"report","name":"send-report","task":"send-report","args":[],"kwargs":{"to":"ops"},
 *  "trigger":{"alias":"interval","params":{"seconds":2,...}},"executor":"default","misfire_grace_time":1,
 *  "coalesce":true,"max_instances":1,"next_run_time":"2030-01-01T12:00:00Z[UTC]"}
 * }</pre>
 */
public final class JobCodec {

    /** The version of the JSON layout written by {@link #encode(Job)}. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ZoneId defaultZone;

    private final Clock clock;

    private final TriggerRegistry triggerRegistry;

    /**
     * Creates a codec that knows the trigger kinds of {@link TriggerRegistry#defaults()}: the built-in ones and those
     * listed in {@code META-INF/services}.
     * @param defaultZone the zone of restored triggers whose parameters name none
     * @param clock the clock triggers read defaults from when they are rebuilt
     */
    public JobCodec(ZoneId defaultZone, Clock clock) {
        this(defaultZone, clock, TriggerRegistry.defaults());
    }

    /**
     * Creates a codec.
     * @param defaultZone the zone of restored triggers whose parameters name none
     * @param clock the clock triggers read defaults from when they are rebuilt
     * @param triggerRegistry the trigger kinds jobs may be stored with and are restored by: the scheduler's
     */
    public JobCodec(ZoneId defaultZone, Clock clock, TriggerRegistry triggerRegistry) {
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.triggerRegistry = Objects.requireNonNull(triggerRegistry, "triggerRegistry");
    }

    /**
     * Returns the trigger kinds this codec stores and restores.
     * @return the registry
     */
    public TriggerRegistry triggerRegistry() {
        return this.triggerRegistry;
    }

    /**
     * Fails unless a job's task can be kept by a persistent store: it must be a registered task's name, not inline
     * code. {@link #encode(Job)} also checks the trigger; {@link #requirePersistable(Job, String, TriggerRegistry)}
     * checks both before a job reaches a store.
     * @param job the job
     * @param storeAlias the store's alias, for the message
     * @throws InvalidJobException naming the job and the store
     */
    public static void requirePersistable(Job job, String storeAlias) {
        if (job.task().isInline()) {
            throw new InvalidJobException("Job '" + job.id() + "' runs inline code (" + job.task().name()
                    + "), which job store '" + storeAlias + "' cannot persist: register the code as a task "
                    + "(TaskRegistry.register) and refer to it by name");
        }
    }

    /**
     * Fails unless a job can be kept by a persistent store and restored from it: its task must be a registered task's
     * name, and its trigger (and every trigger it combines) of a kind {@code triggerRegistry} can rebuild, so that
     * the job is refused now rather than stored and found unrestorable later.
     * @param job the job
     * @param storeAlias the store's alias, for the message
     * @param triggerRegistry the trigger kinds the store's jobs are restored by
     * @throws InvalidJobException naming the job, the store and, for a trigger, its alias and how to register it
     */
    public static void requirePersistable(Job job, String storeAlias, TriggerRegistry triggerRegistry) {
        requirePersistable(job, storeAlias);
        triggerRegistry.unregisteredAlias(job.trigger()).ifPresent((alias) -> {
            throw new InvalidJobException("Job '" + job.id() + "' has a trigger of kind '" + alias + "' ("
                    + job.describeTrigger() + ") that job store '" + storeAlias + "' could not restore, so it is "
                    + "not stored: " + triggerRegistry.unknownAliasMessage(alias));
        });
    }

    /**
     * Writes a job as JSON.
     * @param job the job, whose task must be a registered task's name and whose trigger kinds must be registered
     * @return the JSON text
     * @throws InvalidJobException if the job runs inline code or has a trigger this codec could not restore
     */
    public String encode(Job job) {
        requirePersistable(job, job.jobstore(), this.triggerRegistry);
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
        state.put("version", FORMAT_VERSION);
        state.put("id", job.id());
        state.put("name", job.name());
        state.put("task", job.task().name());
        state.put("args", job.args());
        state.put("kwargs", job.kwargs());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("alias", job.trigger().alias());
        trigger.put("params", job.trigger().parameters());
        state.put("trigger", trigger);
        state.put("executor", job.executor());
        state.put("misfire_grace_time", job.misfireGraceTime().map(JobCodec::seconds).orElse(null));
        state.put("coalesce", job.coalesce());
        state.put("max_instances", job.maxInstances());
        if (job.maxInstancesScope() != MaxInstancesScope.DEFAULT) {
            state.put("max_instances_scope", job.maxInstancesScope().value());
        }
        state.put("next_run_time", job.nextRunTime().map(DateTimeFormatter.ISO_ZONED_DATE_TIME::format).orElse(null));
        if (!job.retryPolicy().equals(RetryPolicy.NONE)) {
            state.put("retry", job.retryPolicy().toOptions());
        }
        job.timeout().ifPresent((timeout) -> state.put("timeout", seconds(timeout)));
        if (!job.pendingRetries().isEmpty()) {
            List<Map<String, Object>> retries = new ArrayList<>();
            for (PendingRetry retry : job.pendingRetries()) {
                Map<String, Object> pending = new LinkedHashMap<>();
                pending.put("fire_time", DateTimeFormatter.ISO_ZONED_DATE_TIME.format(retry.fireTime()));
                pending.put("attempt", retry.attempt());
                pending.put("due_at", DateTimeFormatter.ISO_ZONED_DATE_TIME.format(retry.dueAt()));
                retries.add(pending);
            }
            state.put("pending_retries", retries);
        }
        if (job.triggerFinished()) {
            state.put("trigger_finished", true);
        }
        return JSON.writeValueAsString(state);
    }

    /**
     * Restores a job from the JSON {@link #encode(Job)} wrote. A task name that is not registered is not an error
     * here: tasks are resolved when the job runs.
     * @param json the JSON text
     * @param jobstore the alias of the store the job belongs to
     * @return the job
     * @throws JobRestoreException (carrying the job's id) if the JSON is corrupt, the trigger alias is unknown or
     * the trigger's parameters are invalid
     */
    public Job decode(String json, String jobstore) {
        Map<?, ?> state;
        try {
            state = JSON.readValue(json, Map.class);
        }
        catch (JacksonException ex) {
            throw new JobRestoreException("?", "corrupt JSON: " + ex.getOriginalMessage(), ex);
        }
        String id = (state.get("id") instanceof String text) ? text : "?";
        try {
            return decode(new StoredState(state), id, jobstore);
        }
        catch (RuntimeException ex) {
            throw new JobRestoreException(id, Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
        }
    }

    private Job decode(StoredState state, String id, String jobstore) {
        JobBuilder builder = Job.builder()
            .id(state.string("id"))
            .name(state.string("name"))
            .task(TaskReference.named(state.string("task")))
            .args(state.list("args"))
            .kwargs(state.map("kwargs"))
            .trigger(trigger(state.map("trigger")))
            .executor(state.string("executor"))
            .jobstore(jobstore)
            .coalesce(state.bool("coalesce"))
            .maxInstances(state.integer("max_instances"));
        Object grace = state.nullable("misfire_grace_time");
        builder.misfireGraceTime((grace != null) ? duration(grace, "misfire_grace_time") : null);
        Object next = state.nullable("next_run_time");
        builder.nextRunTime((next != null) ? dateTime(next, "next_run_time") : null);
        if (state.nullable("retry") != null) {
            builder.retryPolicy(RetryPolicy.fromOptions(state.map("retry"), RetryPolicy.NONE));
        }
        if (state.nullable("max_instances_scope") != null) {
            builder.maxInstancesScope(MaxInstancesScope.of(state.string("max_instances_scope")));
        }
        Object timeout = state.nullable("timeout");
        builder.timeout((timeout != null) ? duration(timeout, "timeout") : null);
        if (state.nullable("pending_retries") != null) {
            List<PendingRetry> retries = new ArrayList<>();
            for (Object item : state.list("pending_retries")) {
                if (!(item instanceof Map<?, ?> values)) {
                    throw new IllegalArgumentException("field 'pending_retries' must hold objects, was '" + item + "'");
                }
                StoredState retry = new StoredState(values);
                retries.add(new PendingRetry(dateTime(retry.required("fire_time"), "fire_time"),
                        retry.integer("attempt"), dateTime(retry.required("due_at"), "due_at")));
            }
            builder.pendingRetries(retries);
        }
        builder.triggerFinished(Boolean.TRUE.equals(state.nullable("trigger_finished")));
        return builder.build();
    }

    private Trigger trigger(Map<String, Object> trigger) {
        StoredState state = new StoredState(trigger);
        return this.triggerRegistry.create(state.string("alias"), state.map("params"), this.defaultZone, this.clock);
    }

    private static Number seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
            .stripTrailingZeros();
    }

    private static Duration duration(Object seconds, String field) {
        if (!(seconds instanceof Number number)) {
            throw new IllegalArgumentException(field + " must be a number of seconds, was '" + seconds + "'");
        }
        BigDecimal nanos = new BigDecimal(number.toString()).movePointRight(9);
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static ZonedDateTime dateTime(Object text, String field) {
        try {
            return ZonedDateTime.parse(text.toString(), DateTimeFormatter.ISO_ZONED_DATE_TIME);
        }
        catch (DateTimeException ex) {
            throw new IllegalArgumentException(field + " is not an ISO date-time with zone: '" + text + "'", ex);
        }
    }

    /**
     * Typed reads of the stored map, failing with the field's name.
     */
    private record StoredState(Map<?, ?> values) {

        @Nullable Object nullable(String name) {
            return this.values.get(name);
        }

        Object required(String name) {
            Object value = this.values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("field '" + name + "' is missing");
            }
            return value;
        }

        String string(String name) {
            if (required(name) instanceof String text) {
                return text;
            }
            throw wrongType(name, "a string");
        }

        boolean bool(String name) {
            if (required(name) instanceof Boolean bool) {
                return bool;
            }
            throw wrongType(name, "a boolean");
        }

        int integer(String name) {
            if (required(name) instanceof Integer number) {
                return number;
            }
            throw wrongType(name, "a whole number");
        }

        List<?> list(String name) {
            if (required(name) instanceof List<?> list) {
                return list;
            }
            throw wrongType(name, "a list");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String name) {
            if (required(name) instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw wrongType(name, "an object");
        }

        private IllegalArgumentException wrongType(String name, String expected) {
            return new IllegalArgumentException("field '" + name + "' must be " + expected + ", was '"
                    + this.values.get(name) + "'");
        }

    }

}
