package dev.apscheduler.trigger;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires on every fire time of every one of its triggers, in order, each distinct time once: APScheduler 4's
 * {@code or} trigger. It is finished when all its triggers are.
 *
 * <p>Each combined trigger keeps its own next time: after firing at {@code t}, each one is asked for its first time
 * after {@code t}. Unlike APScheduler 3, a trigger that depends on the previous fire time (such as a date trigger)
 * is not confused by the times the others produced.
 */
public final class OrTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "or";

    private static final List<String> PARAMETERS = List.of("triggers", "timezone", "jitter");

    private final Combination combination;

    private OrTrigger(Combination combination) {
        this.combination = combination;
    }

    /**
     * Combines triggers; the result's zone (the default for its string form) is the first trigger's.
     * @param triggers the triggers to combine, at least one
     * @return the trigger
     */
    public static OrTrigger of(Trigger... triggers) {
        return new OrTrigger(Combination.of(ALIAS, triggers));
    }

    static OrTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        return new OrTrigger(Combination.read(parameters));
    }

    /**
     * Returns a copy of this trigger that delays each fire time by a random amount below {@code jitter}.
     * @param jitter the largest delay, at most one day
     * @return the new trigger
     */
    public OrTrigger withJitter(Duration jitter) {
        return new OrTrigger(this.combination.withJitter(jitter));
    }

    /**
     * Returns the combined triggers.
     * @return the triggers, in the order given
     */
    public List<Trigger> triggers() {
        return this.combination.triggers();
    }

    /**
     * Returns the largest random delay added to each fire time, if any.
     * @return the jitter, or empty
     */
    public Optional<Duration> jitter() {
        return Optional.ofNullable(this.combination.jitter());
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        ZonedDateTime from = (previousFireTime != null) ? Combination.justAfter(previousFireTime) : now;
        return fireTimeAtOrAfter(from).map(this.combination::finish);
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        ZonedDateTime earliest = null;
        for (Trigger trigger : this.combination.triggers()) {
            ZonedDateTime fireTime = trigger.fireTimeAtOrAfter(time).orElse(null);
            if (fireTime != null && (earliest == null || fireTime.isBefore(earliest))) {
                earliest = fireTime;
            }
        }
        return Optional.ofNullable(earliest).map((fireTime) -> fireTime.withZoneSameInstant(zone()));
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("triggers", this.combination.writeTriggers());
        this.combination.writeZoneAndJitter(parameters);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public ZoneId zone() {
        return this.combination.zone();
    }

    @Override
    public String describe() {
        return this.combination.describe();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof OrTrigger that && this.combination.equals(that.combination);
    }

    @Override
    public int hashCode() {
        return this.combination.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

}
