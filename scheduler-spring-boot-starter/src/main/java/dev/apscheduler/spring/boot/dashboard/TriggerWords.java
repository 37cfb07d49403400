package dev.apscheduler.spring.boot.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Says what a trigger does in plain words ({@code every 5 minutes}, {@code at 03:30:00 on mon-fri}), from its alias
 * and parameters, for people who do not read APScheduler's descriptions. An unknown kind of trigger is shown by its
 * own description.
 */
final class TriggerWords {

    private static final List<String> INTERVAL_UNITS = List.of("weeks", "days", "hours", "minutes", "seconds");

    private static final List<String> CALENDAR_UNITS = List.of("years", "months", "weeks", "days");

    private static final List<String> CRON_FIELDS = List.of("second", "minute", "hour", "day", "week", "month",
            "day_of_week", "year");

    private TriggerWords() {
    }

    static String describe(Trigger trigger) {
        try {
            return describe(trigger.alias(), trigger.parameters(), trigger.describe());
        }
        catch (RuntimeException ex) {
            return "a trigger that cannot describe itself (" + ex.getMessage() + ")";
        }
    }

    private static String describe(String alias, Map<String, Object> params, String fallback) {
        return switch (alias) {
            case "interval" -> "every " + units(params, INTERVAL_UNITS) + bounds(params);
            case "calendarinterval" -> "every " + units(params, CALENDAR_UNITS) + " at " + wallTime(params)
                    + bounds(params);
            case "date" -> "once, at " + params.getOrDefault("run_date", "?");
            case "cron" -> cron(params) + bounds(params);
            default -> fallback;
        };
    }

    private static String units(Map<String, Object> params, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String unit : names) {
            Object value = params.get(unit);
            if (value instanceof Number number && number.doubleValue() != 0) {
                String text = (number.doubleValue() == Math.rint(number.doubleValue()))
                        ? Long.toString(number.longValue()) : number.toString();
                parts.add("1".equals(text) ? unit.substring(0, unit.length() - 1) : text + " " + unit);
            }
        }
        return parts.isEmpty() ? "moment" : String.join(" ", parts);
    }

    private static String wallTime(Map<String, Object> params) {
        return "%02d:%02d:%02d".formatted(number(params.get("hour")), number(params.get("minute")),
                number(params.get("second")));
    }

    private static int number(@Nullable Object value) {
        return (value instanceof Number number) ? number.intValue() : 0;
    }

    private static String cron(Map<String, Object> params) {
        Object crontab = params.get("crontab");
        if (crontab != null) {
            return "as the crontab line '" + crontab + "'";
        }
        boolean dayGiven = CRON_FIELDS.subList(3, CRON_FIELDS.size()).stream()
            .anyMatch((name) -> params.get(name) != null);
        String hour = (params.get("hour") == null && dayGiven) ? "0" : field(params, "hour");
        // fields less significant than the least significant one given take their minimum, as the trigger does
        String minute = (params.get("minute") == null && !"*".equals(hour)) ? "0" : field(params, "minute");
        String second = (params.get("second") == null && !("*".equals(minute) && "*".equals(hour))) ? "0"
                : field(params, "second");
        List<String> parts = new ArrayList<>();
        if (isNumber(second) && isNumber(minute) && isNumber(hour)) {
            parts.add("at %02d:%02d:%02d".formatted(Integer.parseInt(hour), Integer.parseInt(minute),
                    Integer.parseInt(second)));
        }
        else {
            if (!"*".equals(second)) {
                parts.add("second " + second);
            }
            if (!"*".equals(minute)) {
                parts.add("minute " + minute);
            }
            if (!"*".equals(hour)) {
                parts.add("hour " + hour);
            }
            if (parts.isEmpty()) {
                parts.add("every second");
            }
        }
        for (String name : CRON_FIELDS.subList(3, CRON_FIELDS.size())) {
            String value = field(params, name);
            if (!"*".equals(value)) {
                parts.add("on " + name.replace('_', ' ') + " " + value);
            }
        }
        if (parts.size() == 1 && parts.get(0).startsWith("at ")) {
            parts.add("every day");
        }
        return String.join(", ", parts);
    }

    private static String field(Map<String, Object> params, String name) {
        Object value = params.get(name);
        return (value != null) ? value.toString() : "*";
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.length() <= 2 && value.chars().allMatch(Character::isDigit);
    }

    private static String bounds(Map<String, Object> params) {
        StringBuilder bounds = new StringBuilder();
        if (params.get("start_date") != null) {
            bounds.append(", from ").append(params.get("start_date"));
        }
        if (params.get("end_date") != null) {
            bounds.append(", until ").append(params.get("end_date"));
        }
        if (params.get("timezone") != null) {
            bounds.append(" (").append(params.get("timezone")).append(')');
        }
        return bounds.toString();
    }

}
