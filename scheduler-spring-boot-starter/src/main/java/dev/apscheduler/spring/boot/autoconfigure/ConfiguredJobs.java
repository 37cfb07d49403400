package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.spring.boot.DeclaredJob;
import dev.apscheduler.spring.boot.JobDeclarations;
import dev.apscheduler.spring.boot.RunOptionDeclarations;
import dev.apscheduler.spring.boot.TriggerDeclarations;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Declares the jobs of {@code apscheduler.jobs.<id>}, checking each one as far as configuration alone allows (task
 * given, trigger known to the scheduler's {@link TriggerRegistry} and its parameters valid, options valid); its task,
 * executor, job store and arguments are checked against the scheduler before it starts. Errors name the property
 * key.
 */
final class ConfiguredJobs {

    private ConfiguredJobs() {
    }

    static void declare(Map<String, JobProperties> jobs, JobDeclarations declarations, TriggerRegistry triggers) {
        jobs.forEach((id, job) -> declarations.addJob(toDeclaredJob(id, job, triggers)));
    }

    static DeclaredJob toDeclaredJob(String id, JobProperties job, TriggerRegistry triggers) {
        PropertyDeclarationSource source = new PropertyDeclarationSource(id);
        String task = job.getTask();
        if (task == null || task.isBlank()) {
            throw source.invalid("task", "a task is required: the name of a @JobTask or of a task registered in the "
                    + "TaskRegistry", null);
        }
        String alias = triggerAlias(job, source, triggers);
        try {
            JobSpecBuilder builder = JobSpec.task(task.trim())
                .id(id)
                .name((job.getName() != null) ? job.getName() : id)
                .trigger(alias, job.getParams())
                .args(job.getArgs())
                .kwargs(job.getKwargs())
                .replaceExisting(true);
            applyOptions(job, builder, source);
            return new DeclaredJob(builder.build(), source);
        }
        catch (IllegalArgumentException ex) {
            throw source.invalid(null, Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
        }
    }

    private static String triggerAlias(JobProperties job, PropertyDeclarationSource source,
            TriggerRegistry triggers) {
        Map<String, Object> params = job.getParams();
        String alias = (job.getTrigger() != null && !job.getTrigger().isBlank()) ? job.getTrigger().trim()
                : TriggerDeclarations.inferAlias(params.keySet())
                    .orElseThrow(() -> source.invalid("trigger", params.isEmpty()
                            ? "no trigger: set 'trigger' and its 'params', or params that tell the trigger "
                                    + "('crontab', interval units such as 'seconds', 'run-date')"
                            : "cannot tell the trigger from the params " + params.keySet() + ": set 'trigger'",
                            null));
        if (!triggers.contains(alias)) {
            throw source.invalid("trigger", triggers.unknownAliasMessage(alias), null);
        }
        try {
            triggers.create(alias, params, ZoneId.systemDefault(), Clock.systemUTC());
        }
        catch (IllegalArgumentException ex) {
            String part = TriggerDeclarations.parameter(ex)
                .flatMap((parameter) -> givenAs(parameter, params.keySet()))
                .map((name) -> "params." + name)
                .orElse("params");
            throw source.invalid(part, String.valueOf(ex.getMessage()), ex);
        }
        return alias;
    }

    /**
     * Returns the key a parameter was given under in {@code params} ({@code day-of-week} for {@code day_of_week});
     * a combination's child ({@code triggers[1]}) is given under its list's key.
     */
    private static Optional<String> givenAs(String parameter, Collection<String> given) {
        String name = parameter.replaceFirst("\\[.*", "");
        return given.stream().filter((key) -> ConfigValues.canonical(key).equals(name)).findFirst();
    }

    private static String requireAlias(String alias, String part, PropertyDeclarationSource source) {
        if (alias.isBlank()) {
            throw source.invalid(part, "must not be blank", null);
        }
        return alias.trim();
    }

    private static void applyOptions(JobProperties job, JobSpecBuilder builder, PropertyDeclarationSource source) {
        if (job.getExecutor() != null) {
            builder.executor(requireAlias(job.getExecutor(), "executor", source));
        }
        if (job.getJobstore() != null) {
            builder.jobstore(requireAlias(job.getJobstore(), "jobstore", source));
        }
        if (job.getCoalesce() != null) {
            builder.coalesce(job.getCoalesce());
        }
        if (job.getMaxInstances() != null) {
            if (job.getMaxInstances() < 1) {
                throw source.invalid("maxInstances", "invalid value '" + job.getMaxInstances()
                        + "': expected a number >= 1", null);
            }
            builder.maxInstances(job.getMaxInstances());
        }
        if (job.getMisfireGraceTime() != null) {
            builder.misfireGraceTime(ConfigValues
                .misfireGraceTime(source.key("misfireGraceTime"), job.getMisfireGraceTime())
                .orElse(null));
        }
        builder.options(RunOptionDeclarations.read(runOptions(job), source));
    }

    /** The run options given, by the names {@link RunOptionDeclarations} reads; those not set are {@code null}. */
    private static Map<String, @Nullable Object> runOptions(JobProperties job) {
        Map<String, @Nullable Object> options = new LinkedHashMap<>();
        options.put("maxAttempts", job.getMaxAttempts());
        options.put("retryBackoff", job.getRetryBackoff());
        options.put("retryMultiplier", job.getRetryMultiplier());
        options.put("retryMaxBackoff", job.getRetryMaxBackoff());
        options.put("retryJitter", job.getRetryJitter());
        options.put("retryOn", job.getRetryOn());
        options.put(RunOptionDeclarations.TIMEOUT, job.getTimeout());
        options.put(RunOptionDeclarations.MAX_INSTANCES_SCOPE, job.getMaxInstancesScope());
        return options;
    }

}
