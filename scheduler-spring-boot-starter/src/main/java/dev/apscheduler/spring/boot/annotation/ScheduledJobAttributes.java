package dev.apscheduler.spring.boot.annotation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.spring.boot.RunOptionDeclarations;
import org.jspecify.annotations.Nullable;

/**
 * The trigger attributes of {@link ScheduledJob} and the APScheduler parameter each one sets, in declaration order,
 * and its run option attributes (retries and timeout).
 */
final class ScheduledJobAttributes {

    /** Trigger attribute name → APScheduler parameter name. */
    static final Map<String, String> TRIGGER_PARAMETERS;

    /** Reads each trigger attribute from an annotation instance. */
    static final Map<String, Function<ScheduledJob, String>> TRIGGER_ATTRIBUTES;

    static {
        Map<String, Function<ScheduledJob, String>> attributes = new LinkedHashMap<>();
        attributes.put("cron", ScheduledJob::cron);
        attributes.put("years", ScheduledJob::years);
        attributes.put("months", ScheduledJob::months);
        attributes.put("weeks", ScheduledJob::weeks);
        attributes.put("days", ScheduledJob::days);
        attributes.put("hours", ScheduledJob::hours);
        attributes.put("minutes", ScheduledJob::minutes);
        attributes.put("seconds", ScheduledJob::seconds);
        attributes.put("year", ScheduledJob::year);
        attributes.put("month", ScheduledJob::month);
        attributes.put("day", ScheduledJob::day);
        attributes.put("week", ScheduledJob::week);
        attributes.put("dayOfWeek", ScheduledJob::dayOfWeek);
        attributes.put("hour", ScheduledJob::hour);
        attributes.put("minute", ScheduledJob::minute);
        attributes.put("second", ScheduledJob::second);
        attributes.put("runDate", ScheduledJob::runDate);
        attributes.put("startDate", ScheduledJob::startDate);
        attributes.put("endDate", ScheduledJob::endDate);
        attributes.put("timezone", ScheduledJob::timezone);
        attributes.put("jitter", ScheduledJob::jitter);
        TRIGGER_ATTRIBUTES = Collections.unmodifiableMap(attributes);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String attribute : attributes.keySet()) {
            parameters.put(attribute, attribute.equals("cron") ? "crontab" : ConfigValues.canonical(attribute));
        }
        TRIGGER_PARAMETERS = Collections.unmodifiableMap(parameters);
    }

    /** Attribute names in declaration order, for stable parameter maps and messages. */
    static final List<String> ORDER = List.copyOf(TRIGGER_PARAMETERS.keySet());

    /** Reads each run option attribute given as text (all but {@code retryOn}), by its name. */
    static final Map<String, Function<ScheduledJob, String>> RUN_OPTION_ATTRIBUTES;

    static {
        Map<String, Function<ScheduledJob, String>> attributes = new LinkedHashMap<>();
        attributes.put("maxAttempts", ScheduledJob::maxAttempts);
        attributes.put("retryBackoff", ScheduledJob::retryBackoff);
        attributes.put("retryMultiplier", ScheduledJob::retryMultiplier);
        attributes.put("retryMaxBackoff", ScheduledJob::retryMaxBackoff);
        attributes.put("retryJitter", ScheduledJob::retryJitter);
        attributes.put("timeout", ScheduledJob::timeout);
        attributes.put("maxInstancesScope", ScheduledJob::maxInstancesScope);
        RUN_OPTION_ATTRIBUTES = Collections.unmodifiableMap(attributes);
    }

    private ScheduledJobAttributes() {
    }

    /**
     * Returns the run option attributes given (retries and timeout), by name, each text value resolved by
     * {@code resolve} (attribute name, raw value → value, or {@code null} when not given), for
     * {@link RunOptionDeclarations#read}.
     */
    static Map<String, Object> runOptions(ScheduledJob annotation,
            BiFunction<String, String, @Nullable String> resolve) {
        Map<String, Object> values = new LinkedHashMap<>();
        RUN_OPTION_ATTRIBUTES.forEach((attribute, reader) -> {
            String value = resolve.apply(attribute, reader.apply(annotation));
            if (value != null) {
                values.put(attribute, value);
            }
        });
        if (annotation.retryOn().length > 0) {
            values.put("retryOn", List.of(annotation.retryOn()));
        }
        return values;
    }

    /**
     * Returns the attribute that sets an APScheduler parameter.
     */
    static Optional<String> attributeFor(String parameter) {
        return TRIGGER_PARAMETERS.entrySet()
            .stream()
            .filter((entry) -> entry.getValue().equals(parameter))
            .map(Map.Entry::getKey)
            .findFirst();
    }

}
