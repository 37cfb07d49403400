package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.spring.boot.MethodTask;
import dev.apscheduler.spring.boot.RunOptionDeclarations;
import dev.apscheduler.spring.boot.TriggerDeclarations;
import dev.apscheduler.trigger.TriggerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringValueResolver;

/**
 * One {@link ScheduledJob} annotation resolved against its bean: placeholders replaced, the trigger alias inferred and
 * its parameters validated by building the trigger once (for a kind registered with the scheduler alone, when the
 * scheduler is prepared), and the job options, retries and timeout included, parsed. Every problem is reported as
 * an {@link InvalidScheduledJobException} naming the bean, the method and the attribute. The trigger itself is built
 * by the scheduler when the job is added, in the scheduler's time zone and with its clock.
 *
 * @param id the job id
 * @param name the job name
 * @param triggerAlias the trigger alias
 * @param triggerParameters the trigger's parameters under APScheduler's names
 * @param options the job options given on the annotation
 * @param runOptions the retry policy and timeout given on the annotation
 */
record ScheduledJobDeclaration(String id, String name, String triggerAlias, Map<String, String> triggerParameters,
        JobOptions options, dev.apscheduler.job.JobOptions runOptions) {

    /**
     * The job options of a declaration; {@code null} (or {@code misfireGraceTimeSet == false}) means "not given", so
     * the scheduler's job defaults apply.
     *
     * @param misfireGraceTimeSet whether a misfire grace time was given
     * @param misfireGraceTime the grace time, or {@code null} for "however late" (when set)
     * @param coalesce whether to coalesce, or {@code null}
     * @param maxInstances the largest number of concurrent instances, or {@code null}
     * @param executor the executor alias, or {@code null}
     * @param jobstore the job store alias, or {@code null}
     */
    record JobOptions(boolean misfireGraceTimeSet, @Nullable Duration misfireGraceTime, @Nullable Boolean coalesce,
            @Nullable Integer maxInstances, @Nullable String executor, @Nullable String jobstore) {
    }

    static ScheduledJobDeclaration resolve(ScheduledJob annotation, String beanName, Method method,
            StringValueResolver resolver) {
        Resolver context = new Resolver(beanName, method, resolver);
        String id = context.value("id", annotation.id());
        if (id == null) {
            id = beanName + "." + method.getName();
        }
        String name = context.value("name", annotation.name());
        Map<String, String> parameters = context.triggerParameters(annotation);
        String alias = context.triggerAlias(context.value("trigger", annotation.trigger()), parameters);
        context.validateTrigger(alias, parameters);
        String misfireGraceTime = context.value("misfireGraceTime", annotation.misfireGraceTime());
        JobOptions options = new JobOptions(misfireGraceTime != null, context.misfireGraceTime(misfireGraceTime),
                context.bool("coalesce", annotation.coalesce()),
                context.positiveInt("maxInstances", annotation.maxInstances()),
                context.value("executor", annotation.executor()), context.value("jobstore", annotation.jobstore()));
        dev.apscheduler.job.JobOptions runOptions = RunOptionDeclarations.read(
                ScheduledJobAttributes.runOptions(annotation, context::value),
                new MethodDeclarationSource(beanName, method, null));
        return new ScheduledJobDeclaration(id, (name != null) ? name : id, alias,
                Collections.unmodifiableMap(parameters), options, runOptions);
    }

    /**
     * Returns the specification of the job, running the given task; it replaces a stored job of the same id.
     */
    JobSpec toSpec(String taskName) {
        JobSpecBuilder builder = JobSpec.task(taskName)
            .id(this.id)
            .name(this.name)
            .trigger(this.triggerAlias, this.triggerParameters)
            .options(this.runOptions)
            .replaceExisting(true);
        if (this.options.misfireGraceTimeSet()) {
            builder.misfireGraceTime(this.options.misfireGraceTime());
        }
        if (this.options.coalesce() != null) {
            builder.coalesce(this.options.coalesce());
        }
        if (this.options.maxInstances() != null) {
            builder.maxInstances(this.options.maxInstances());
        }
        if (this.options.executor() != null) {
            builder.executor(this.options.executor());
        }
        if (this.options.jobstore() != null) {
            builder.jobstore(this.options.jobstore());
        }
        return builder.build();
    }

    private record Resolver(String beanName, Method method, StringValueResolver resolver) {

        @Nullable String value(String attribute, String raw) {
            if (raw.isEmpty()) {
                return null;
            }
            String resolved;
            try {
                resolved = this.resolver.resolveStringValue(raw);
            }
            catch (IllegalArgumentException ex) {
                throw error(attribute, "cannot resolve '" + raw + "': " + ex.getMessage(), ex);
            }
            if (resolved != null && resolved.contains("${")) {
                // an environment without a strict placeholder configurer leaves unknown placeholders as they are
                throw error(attribute, "cannot resolve '" + raw + "': unknown placeholder in '" + resolved + "'",
                        null);
            }
            return (resolved == null || resolved.isBlank()) ? null : resolved.trim();
        }

        /** The trigger parameters given, under APScheduler's names, in attribute order. */
        Map<String, String> triggerParameters(ScheduledJob annotation) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String attribute : ScheduledJobAttributes.ORDER) {
                String raw = Objects.requireNonNull(ScheduledJobAttributes.TRIGGER_ATTRIBUTES.get(attribute), attribute)
                    .apply(annotation);
                String value = value(attribute, raw);
                if (value != null) {
                    values.put(ScheduledJobAttributes.TRIGGER_PARAMETERS.get(attribute), value);
                }
            }
            return values;
        }

        String triggerAlias(@Nullable String given, Map<String, String> parameters) {
            if (given != null) {
                String alias = given.toLowerCase(Locale.ROOT);
                if (parameters.containsKey("crontab") && !alias.equals("cron")) {
                    throw error("cron", "a crontab string needs trigger 'cron', not '" + given + "'", null);
                }
                return alias;
            }
            return TriggerDeclarations.inferAlias(parameters.keySet()).orElseThrow(() -> {
                if (onlyCommon(parameters)) {
                    return error(null, "no trigger: set 'cron', an interval unit ('seconds', 'minutes', ...), "
                            + "'runDate', or 'trigger' with its parameters", null);
                }
                return error("trigger", "cannot tell the trigger from the attributes " + attributes(parameters)
                        + ": set 'trigger' to 'cron', 'interval', 'date' or 'calendarinterval'", null);
            });
        }

        private static boolean onlyCommon(Map<String, String> parameters) {
            return parameters.keySet()
                .stream()
                .allMatch((name) -> name.equals("start_date") || name.equals("end_date") || name.equals("timezone")
                        || name.equals("jitter"));
        }

        private static String attributes(Map<String, String> parameters) {
            return parameters.keySet()
                .stream()
                .map((parameter) -> ScheduledJobAttributes.attributeFor(parameter).orElse(parameter))
                .toList()
                .toString();
        }

        /**
         * Builds the trigger once, when its kind is one every scheduler knows (built in or listed in
         * {@code META-INF/services}); other kinds (a {@code TriggerFactory} bean) are checked against the scheduler's
         * trigger registry before the scheduler starts.
         */
        void validateTrigger(String alias, Map<String, String> parameters) {
            TriggerRegistry triggers = TriggerRegistry.defaults();
            if (!triggers.contains(alias)) {
                return;
            }
            try {
                triggers.create(alias, parameters, ZoneId.systemDefault(), Clock.systemUTC());
            }
            catch (IllegalArgumentException ex) {
                String attribute = TriggerDeclarations.parameter(ex)
                    .flatMap(ScheduledJobAttributes::attributeFor)
                    .orElse(null);
                throw error(attribute, String.valueOf(ex.getMessage()), ex);
            }
        }

        @Nullable Duration misfireGraceTime(@Nullable String value) {
            if (value == null) {
                return null;
            }
            try {
                return ConfigValues.misfireGraceTime("misfireGraceTime", value).orElse(null);
            }
            catch (ConfigurationException ex) {
                throw error("misfireGraceTime", Objects.requireNonNullElse(ex.getMessage(), ex.toString()), ex);
            }
        }

        @Nullable Boolean bool(String attribute, String raw) {
            String value = value(attribute, raw);
            if (value == null) {
                return null;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(attribute, "invalid value '" + value + "': expected 'true' or 'false'", null);
            };
        }

        @Nullable Integer positiveInt(String attribute, String raw) {
            String value = value(attribute, raw);
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw error(attribute, "invalid value '" + value + "': expected a whole number of at least 1", null);
        }

        InvalidScheduledJobException error(@Nullable String attribute, String problem, @Nullable Throwable cause) {
            return new InvalidScheduledJobException(this.beanName, MethodTask.describe(this.method), attribute,
                    problem, cause);
        }

    }

}
