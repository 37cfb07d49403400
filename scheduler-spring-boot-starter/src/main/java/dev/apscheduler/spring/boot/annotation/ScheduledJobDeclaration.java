package dev.apscheduler.spring.boot.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringValueResolver;

/**
 * One {@link ScheduledJob} annotation resolved against its bean: placeholders replaced, the trigger inferred, built
 * and validated, and the job options parsed. Every problem is reported as an {@link InvalidScheduledJobException}
 * naming the bean, the method and the attribute.
 *
 * @param beanName the bean that declares the job
 * @param method the annotated method
 * @param id the job id
 * @param name the job name, or {@code null} for the default
 * @param trigger the trigger built from the attributes
 * @param options the job options given on the annotation
 */
record ScheduledJobDeclaration(String beanName, Method method, String id, @Nullable String name, Trigger trigger,
        JobOptions options) {

    /**
     * The job options of a declaration; {@code null} (or {@code misfireGraceTimeSet == false}) means "not given",
     * so the scheduler's job defaults apply.
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
            StringValueResolver resolver, ZoneId defaultZone) {
        Resolver context = new Resolver(beanName, method, resolver);
        String id = context.value("id", annotation.id());
        if (id == null) {
            id = beanName + "." + method.getName();
        }
        String name = context.value("name", annotation.name());
        Map<String, String> attributes = context.triggerAttributes(annotation);
        String alias = context.triggerAlias(context.value("trigger", annotation.trigger()), attributes);
        Trigger trigger = context.buildTrigger(alias, attributes, defaultZone);
        JobOptions options = new JobOptions(context.value("misfireGraceTime", annotation.misfireGraceTime()) != null,
                context.misfireGraceTime(annotation.misfireGraceTime()), context.bool("coalesce", annotation.coalesce()),
                context.positiveInt("maxInstances", annotation.maxInstances()),
                context.value("executor", annotation.executor()), context.value("jobstore", annotation.jobstore()));
        return new ScheduledJobDeclaration(beanName, method, id, name, trigger, options);
    }

    /**
     * Describes a method for messages: {@code ClassName.methodName(ParameterTypes)}.
     */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
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
            return (resolved == null || resolved.isBlank()) ? null : resolved.trim();
        }

        Map<String, String> triggerAttributes(ScheduledJob annotation) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String attribute : ScheduledJobAttributes.ORDER) {
                String value = value(attribute, ScheduledJobAttributes.TRIGGER_ATTRIBUTES.get(attribute).apply(annotation));
                if (value != null) {
                    values.put(attribute, value);
                }
            }
            return values;
        }

        String triggerAlias(@Nullable String given, Map<String, String> attributes) {
            if (given != null) {
                String alias = given.toLowerCase(Locale.ROOT);
                if (attributes.containsKey("cron") && !alias.equals("cron")) {
                    throw error("cron", "a crontab string needs trigger 'cron', not '" + given + "'", null);
                }
                return alias;
            }
            Set<String> decisive = attributes.keySet().stream()
                .filter((attribute) -> !ScheduledJobAttributes.COMMON.contains(attribute))
                .collect(Collectors.toSet());
            if (decisive.isEmpty()) {
                throw error(null, "no trigger: set 'cron', an interval unit ('seconds', 'minutes', ...), 'runDate', "
                        + "or 'trigger' with its parameters", null);
            }
            if (decisive.equals(Set.of("cron")) || ScheduledJobAttributes.CRON_FIELDS.containsAll(decisive)) {
                return "cron";
            }
            if (ScheduledJobAttributes.INTERVAL_UNITS.containsAll(decisive)) {
                return "interval";
            }
            if (decisive.equals(Set.of("runDate"))) {
                return "date";
            }
            throw error("trigger", "cannot tell the trigger from the attributes " + decisive
                    + ": set 'trigger' to 'cron', 'interval', 'date' or 'calendarinterval'", null);
        }

        Trigger buildTrigger(String alias, Map<String, String> attributes, ZoneId defaultZone) {
            Map<String, String> parameters = new LinkedHashMap<>();
            attributes.forEach((attribute, value) -> parameters.put(ScheduledJobAttributes.TRIGGER_PARAMETERS.get(attribute), value));
            try {
                return Triggers.create(alias, parameters, defaultZone);
            }
            catch (IllegalArgumentException ex) {
                throw error(attributeNamedIn(ex.getMessage(), attributes), ex.getMessage(), ex);
            }
        }

        /**
         * Finds the attribute whose parameter an error message names, so the message can point at it.
         */
        private @Nullable String attributeNamedIn(@Nullable String message, Map<String, String> attributes) {
            if (message == null) {
                return null;
            }
            for (String attribute : attributes.keySet()) {
                String parameter = ScheduledJobAttributes.TRIGGER_PARAMETERS.get(attribute);
                if (message.contains("'" + parameter + "'") || message.contains("'" + attribute + "'")) {
                    return attribute;
                }
            }
            return message.contains("unknown trigger alias") ? "trigger" : null;
        }

        @Nullable Duration misfireGraceTime(String raw) {
            String value = value("misfireGraceTime", raw);
            if (value == null || value.equalsIgnoreCase("none")) {
                return null;
            }
            try {
                Duration duration = MisfireGraceTimes.parse(value);
                if (duration.isNegative() || duration.isZero()) {
                    throw error("misfireGraceTime", "must be positive or 'none', was '" + value + "'", null);
                }
                return duration;
            }
            catch (IllegalArgumentException ex) {
                throw error("misfireGraceTime", "invalid value '" + value
                        + "': expected seconds ('30'), a duration ('30s', 'PT30S') or 'none'", ex);
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
            return new InvalidScheduledJobException(this.beanName, describe(this.method), attribute, problem, cause);
        }

    }

}
