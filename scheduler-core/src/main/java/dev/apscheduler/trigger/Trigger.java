package dev.apscheduler.trigger;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Computes the fire times of a job: the counterpart of APScheduler's {@code BaseTrigger}.
 *
 * <p>Triggers are immutable values: they keep no state between calls, so one instance may serve any number of
 * jobs and threads, and {@link Triggers#create(String, Map, ZoneId)} rebuilds an equal trigger from
 * {@link #alias()} and {@link #parameters()}.
 */
public interface Trigger {

    /**
     * Returns the next time the job should run, or empty when the trigger is finished.
     * @param previousFireTime the job's previous fire time, or {@code null} when it never ran
     * @param now the current time
     * @return the next fire time (jitter applied, if the trigger has any), or empty when there is none
     */
    Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now);

    /**
     * Returns the earliest time of this trigger's own schedule (start and end dates included, jitter not applied)
     * that is at or after {@code time}: the stateless primitive that lets {@code and} and {@code or} combine
     * triggers.
     * @param time the instant to search from
     * @return the first scheduled time at or after {@code time}, or empty when the schedule has none
     */
    Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time);

    /**
     * Returns the alias this trigger is registered under: {@code date}, {@code interval}, {@code cron},
     * {@code calendarinterval}, {@code and}, {@code or}, or the alias of the {@link TriggerFactory} that builds it.
     * @return the alias
     */
    String alias();

    /**
     * Returns this trigger's parameters under APScheduler's names, with string, number or list values, such that
     * {@code Triggers.create(alias(), parameters(), anyZone)} (for a kind of one's own, its {@link TriggerFactory})
     * returns a trigger equal to this one.
     * @return an ordered, unmodifiable map of parameters
     */
    Map<String, Object> parameters();

    /**
     * Returns the time zone the trigger computes wall-clock times in.
     * @return the time zone
     */
    ZoneId zone();

    /**
     * Describes the trigger the way APScheduler prints it, for example {@code cron[hour='3', minute='30']},
     * {@code interval[0:00:02]} or {@code date[2020-01-01 12:00:00 UTC]}. {@code toString()} returns the same.
     * @return the description
     */
    String describe();

}
