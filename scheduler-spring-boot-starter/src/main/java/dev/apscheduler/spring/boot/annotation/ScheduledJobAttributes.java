package dev.apscheduler.spring.boot.annotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The trigger attributes of {@link ScheduledJob} and the APScheduler parameter each one sets, in declaration order.
 */
final class ScheduledJobAttributes {

    /** Trigger attribute name → APScheduler parameter name. */
    static final Map<String, String> TRIGGER_PARAMETERS;

    /** Reads each trigger attribute from an annotation instance. */
    static final Map<String, Function<ScheduledJob, String>> TRIGGER_ATTRIBUTES;

    static final Set<String> INTERVAL_UNITS = Set.of("weeks", "days", "hours", "minutes", "seconds");

    static final Set<String> CRON_FIELDS = Set.of("year", "month", "day", "week", "dayOfWeek", "hour", "minute",
            "second");

    /** Parameters every time-based trigger accepts; they do not decide which trigger is meant. */
    static final Set<String> COMMON = Set.of("startDate", "endDate", "timezone", "jitter");

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
        TRIGGER_ATTRIBUTES = Map.copyOf(attributes);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String attribute : attributes.keySet()) {
            parameters.put(attribute, attribute.equals("cron") ? "crontab" : snakeCase(attribute));
        }
        TRIGGER_PARAMETERS = java.util.Collections.unmodifiableMap(parameters);
    }

    /** Attribute names in declaration order, for stable parameter maps and messages. */
    static final List<String> ORDER = List.copyOf(TRIGGER_PARAMETERS.keySet());

    private ScheduledJobAttributes() {
    }

    private static String snakeCase(String camel) {
        StringBuilder result = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                result.append('_').append(Character.toLowerCase(c));
            }
            else {
                result.append(c);
            }
        }
        return result.toString();
    }

}
