package dev.apscheduler.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Creates triggers: from APScheduler's string form ({@link #create(String, Map, ZoneId)}), and through typed builders
 * for Java callers. The string form knows the built-in kinds and those listed in {@code META-INF/services}
 * ({@link TriggerRegistry#defaults()}); a scheduler builds triggers with its own {@link TriggerRegistry}, which also
 * knows the kinds registered with its builder.
 */
public final class Triggers {

    /** The aliases of the built-in trigger kinds; {@link TriggerRegistry} knows the others. */
    public static final List<String> ALIASES = List.of("date", "interval", "cron", "calendarinterval", "and", "or");

    private Triggers() {
    }

    /**
     * Creates a trigger that fires once, at {@code runDate}.
     * @param runDate when to fire
     * @return the trigger
     */
    public static DateTrigger date(ZonedDateTime runDate) {
        return DateTrigger.of(runDate);
    }

    /**
     * Creates a trigger that fires every {@code interval}, first one interval from now, in the system's time zone.
     * @param interval the time between two runs
     * @return the trigger
     * @throws InvalidTriggerException if the interval is not longer than zero
     */
    public static IntervalTrigger interval(Duration interval) {
        return IntervalTrigger.builder().every(interval).build();
    }

    /**
     * Starts building an interval trigger: {@code Triggers.interval().minutes(5).startDate(start).build()}.
     * @return a new builder
     */
    public static IntervalTrigger.Builder interval() {
        return IntervalTrigger.builder();
    }

    /**
     * Starts building a calendar interval trigger:
     * {@code Triggers.calendarInterval().months(1).at(LocalTime.of(3, 0)).build()}.
     * @return a new builder
     */
    public static CalendarIntervalTrigger.Builder calendarInterval() {
        return CalendarIntervalTrigger.builder();
    }

    /**
     * Combines triggers into one that fires when all of them agree (within one second, by default; see
     * {@link AndTrigger#withThreshold(Duration)}).
     * @param triggers the triggers to combine, at least one
     * @return the trigger
     */
    public static AndTrigger and(Trigger... triggers) {
        return AndTrigger.of(triggers);
    }

    /**
     * Combines triggers into one that fires whenever any of them does.
     * @param triggers the triggers to combine, at least one
     * @return the trigger
     */
    public static OrTrigger or(Trigger... triggers) {
        return OrTrigger.of(triggers);
    }

    /**
     * Starts a cron trigger: {@code Triggers.cron().dayOfWeek("mon-fri").hour("9").build()}.
     * @return a new builder
     */
    public static CronTrigger.Builder cron() {
        return CronTrigger.builder();
    }

    /**
     * Creates a cron trigger from a crontab line ({@code minute hour day-of-month month day-of-week}, or a macro such
     * as {@code @daily}) with its POSIX meaning, in the system's default time zone.
     * @param expression the crontab line, for example {@code 0 0 * * 0} (Sundays at midnight)
     * @return the trigger
     * @throws InvalidTriggerException if the line is invalid, naming the crontab field and the value
     */
    public static CronTrigger crontab(String expression) {
        return crontab(expression, ZoneId.systemDefault());
    }

    /**
     * Creates a cron trigger from a crontab line with its POSIX meaning, in the given time zone.
     * @param expression the crontab line, for example {@code 15 9 * * 1-5} (weekdays at 9:15)
     * @param zone the zone whose wall-clock time the line is matched against
     * @return the trigger
     * @throws InvalidTriggerException if the line is invalid, naming the crontab field and the value
     */
    public static CronTrigger crontab(String expression, ZoneId zone) {
        return CronTrigger.create(TriggerParameters.of(CronTrigger.ALIAS,
                Map.of("crontab", expression, "timezone", zone), zone, Clock.systemUTC()));
    }

    /**
     * Builds a trigger from its alias and parameters, in the system's default time zone unless the parameters
     * name one ({@code timezone}) or a date parameter carries an offset.
     * @param alias the trigger alias, for example {@code cron}
     * @param params APScheduler's parameter names (snake_case, kebab-case or camelCase) with string or number values
     * @return the trigger
     * @throws InvalidTriggerException if the alias is not registered or a parameter is invalid
     */
    public static Trigger create(String alias, Map<String, ?> params) {
        return create(alias, params, null, Clock.systemUTC());
    }

    /**
     * Builds a trigger from its alias and parameters.
     * @param alias the trigger alias, for example {@code cron}
     * @param params APScheduler's parameter names (snake_case, kebab-case or camelCase) with string or number values
     * @param defaultZone the zone used when the parameters have no {@code timezone} (a scheduler's time zone)
     * @return the trigger
     * @throws InvalidTriggerException if the alias is not registered or a parameter is invalid
     */
    public static Trigger create(String alias, Map<String, ?> params, ZoneId defaultZone) {
        return create(alias, params, defaultZone, Clock.systemUTC());
    }

    /**
     * Builds a trigger from its alias and parameters, reading the current time (for defaults such as an interval's
     * start date) from {@code clock}.
     * @param alias the trigger alias, for example {@code cron}
     * @param params APScheduler's parameter names (snake_case, kebab-case or camelCase) with string or number values
     * @param defaultZone the zone used when the parameters have no {@code timezone}, or {@code null} for the zone of
     * a date parameter or the system's
     * @param clock the clock defaults are computed from
     * @return the trigger
     * @throws InvalidTriggerException if the alias is not registered or a parameter is invalid
     */
    public static Trigger create(String alias, Map<String, ?> params, @Nullable ZoneId defaultZone, Clock clock) {
        return TriggerRegistry.defaults().create(alias, params, defaultZone, clock);
    }

}
