package dev.apscheduler.spring.boot;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.trigger.InvalidTriggerException;

/**
 * What annotations and properties share about triggers given by parameters: telling the trigger alias from the
 * parameters when none is given, and which parameter a trigger error is about.
 */
public final class TriggerDeclarations {

    private static final Set<String> INTERVAL_UNITS = Set.of("weeks", "days", "hours", "minutes", "seconds");

    private static final Set<String> CRON_FIELDS = Set.of("year", "month", "day", "week", "day_of_week", "hour",
            "minute", "second");

    /** Parameters every time-based trigger accepts: they do not tell which trigger is meant. */
    private static final Set<String> COMMON = Set.of("start_date", "end_date", "timezone", "jitter");

    private TriggerDeclarations() {
    }

    /**
     * Tells the trigger alias from the parameters given: {@code crontab} alone or cron fields only mean
     * {@code cron}, interval units only mean {@code interval}, {@code run_date} alone means {@code date}.
     * @param parameterNames the parameter names given, in any spelling
     * @return the alias, or empty when the parameters do not tell (none given, or a mix)
     */
    public static Optional<String> inferAlias(Collection<String> parameterNames) {
        Set<String> decisive = parameterNames.stream()
            .map(ConfigValues::canonical)
            .filter((name) -> !COMMON.contains(name))
            .collect(Collectors.toSet());
        if (decisive.isEmpty()) {
            return Optional.empty();
        }
        if (decisive.equals(Set.of("crontab")) || CRON_FIELDS.containsAll(decisive)) {
            return Optional.of("cron");
        }
        if (INTERVAL_UNITS.containsAll(decisive)) {
            return Optional.of("interval");
        }
        if (decisive.equals(Set.of("run_date"))) {
            return Optional.of("date");
        }
        return Optional.empty();
    }

    /**
     * Returns the parameter a failure to build a trigger is about: {@link InvalidTriggerException#parameter()}.
     * @param failure what building the trigger threw (a trigger factory may throw any
     * {@link IllegalArgumentException})
     * @return the parameter's snake_case name, or empty when the failure names none
     */
    public static Optional<String> parameter(IllegalArgumentException failure) {
        return (failure instanceof InvalidTriggerException invalid) ? invalid.parameter() : Optional.empty();
    }

}
