package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires when all its triggers agree: APScheduler 4's {@code and} trigger. It is finished when any of its triggers
 * is.
 *
 * <p>Each combined trigger keeps its own next time. When those times all lie within {@code threshold} of the
 * earliest, the earliest is the fire time; otherwise every trigger whose time is within the threshold of the earliest
 * moves on to its next time, and the search repeats. After {@code max_iterations} rounds without agreement the search
 * fails with a {@link MaxIterationsReachedException} instead of looping forever, as APScheduler 3 could.
 */
public final class AndTrigger implements Trigger {

    /** This trigger's alias. */
    public static final String ALIAS = "and";

    /** The default largest difference between the triggers' times for them to count as agreeing: one second. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(1);

    /** The default number of search rounds before giving up. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;

    private static final List<String> PARAMETERS = List.of("triggers", "threshold", "max_iterations", "timezone",
            "jitter");

    private final Combination combination;

    private final Duration threshold;

    private final int maxIterations;

    private AndTrigger(Combination combination, Duration threshold, int maxIterations) {
        this.combination = combination;
        this.threshold = threshold;
        this.maxIterations = maxIterations;
    }

    /**
     * Combines triggers with the default threshold and iteration limit; the result's zone (the default for its
     * string form) is the first trigger's.
     * @param triggers the triggers to combine, at least one
     * @return the trigger
     */
    public static AndTrigger of(Trigger... triggers) {
        return new AndTrigger(Combination.of(ALIAS, triggers), DEFAULT_THRESHOLD, DEFAULT_MAX_ITERATIONS);
    }

    static AndTrigger create(TriggerParameters parameters) {
        parameters.requireOnly(PARAMETERS);
        Duration threshold = parameters.decimal("threshold").map((seconds) -> {
            if (seconds.signum() < 0) {
                throw parameters.invalid("threshold", parameters.raw("threshold").orElseThrow(),
                        "must not be negative");
            }
            return toDuration(seconds);
        }).orElse(DEFAULT_THRESHOLD);
        int maxIterations = parameters.integer("max_iterations").orElse(DEFAULT_MAX_ITERATIONS);
        if (maxIterations < 1) {
            throw parameters.invalid("max_iterations", parameters.raw("max_iterations").orElseThrow(),
                    "must be at least 1");
        }
        return new AndTrigger(Combination.read(parameters), threshold, maxIterations);
    }

    private static Duration toDuration(BigDecimal seconds) {
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValue());
    }

    /**
     * Returns a copy of this trigger that treats times up to {@code threshold} apart as agreeing.
     * @param threshold the largest difference, not negative
     * @return the new trigger
     */
    public AndTrigger withThreshold(Duration threshold) {
        if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
            throw new InvalidTriggerException("trigger 'and': threshold must not be negative, was " + threshold,
                    "threshold", null);
        }
        return new AndTrigger(this.combination, threshold, this.maxIterations);
    }

    /**
     * Returns a copy of this trigger that gives up after {@code maxIterations} search rounds.
     * @param maxIterations the number of rounds, at least 1
     * @return the new trigger
     */
    public AndTrigger withMaxIterations(int maxIterations) {
        if (maxIterations < 1) {
            throw new InvalidTriggerException("trigger 'and': max_iterations must be at least 1, was "
                    + maxIterations, "max_iterations", null);
        }
        return new AndTrigger(this.combination, this.threshold, maxIterations);
    }

    /**
     * Returns a copy of this trigger that delays each fire time by a random amount below {@code jitter}.
     * @param jitter the largest delay, at most one day
     * @return the new trigger
     */
    public AndTrigger withJitter(Duration jitter) {
        return new AndTrigger(this.combination.withJitter(jitter), this.threshold, this.maxIterations);
    }

    /**
     * Returns the combined triggers.
     * @return the triggers, in the order given
     */
    public List<Trigger> triggers() {
        return this.combination.triggers();
    }

    /**
     * Returns the largest difference between the triggers' times for them to count as agreeing.
     * @return the threshold
     */
    public Duration threshold() {
        return this.threshold;
    }

    /**
     * Returns the number of search rounds before the trigger gives up.
     * @return the iteration limit
     */
    public int maxIterations() {
        return this.maxIterations;
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
        List<Trigger> triggers = this.combination.triggers();
        ZonedDateTime[] times = new ZonedDateTime[triggers.size()];
        for (int i = 0; i < times.length; i++) {
            Optional<ZonedDateTime> time = (previousFireTime != null)
                    ? timeAfterPrevious(triggers.get(i), previousFireTime) : triggers.get(i).fireTimeAtOrAfter(now);
            if (time.isEmpty()) {
                return Optional.empty();
            }
            times[i] = time.get();
        }
        return search(times).map(this.combination::finish);
    }

    /**
     * Returns the trigger's next time after it agreed on {@code previous}. APScheduler 4 moves each trigger past the
     * time it contributed to the agreement, which may lie up to the threshold after {@code previous}.
     */
    private Optional<ZonedDateTime> timeAfterPrevious(Trigger trigger, ZonedDateTime previous) {
        Optional<ZonedDateTime> time = trigger.fireTimeAtOrAfter(previous);
        if (time.isPresent() && !time.get().isAfter(previous.plus(this.threshold))) {
            return trigger.fireTimeAtOrAfter(Combination.justAfter(time.get()));
        }
        return time;
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        List<Trigger> triggers = this.combination.triggers();
        ZonedDateTime[] times = new ZonedDateTime[triggers.size()];
        for (int i = 0; i < times.length; i++) {
            Optional<ZonedDateTime> first = triggers.get(i).fireTimeAtOrAfter(time);
            if (first.isEmpty()) {
                return Optional.empty();
            }
            times[i] = first.get();
        }
        return search(times);
    }

    private Optional<ZonedDateTime> search(ZonedDateTime[] times) {
        List<Trigger> triggers = this.combination.triggers();
        ZonedDateTime searchedFrom = earliest(times);
        for (int iteration = 0; iteration < this.maxIterations; iteration++) {
            ZonedDateTime earliest = earliest(times);
            ZonedDateTime agreeingUntil = earliest.plus(this.threshold);
            if (!latest(times).isAfter(agreeingUntil)) {
                return Optional.of(earliest.withZoneSameInstant(zone()));
            }
            for (int i = 0; i < times.length; i++) {
                if (!times[i].isAfter(agreeingUntil)) {
                    Optional<ZonedDateTime> next = triggers.get(i).fireTimeAtOrAfter(Combination.justAfter(times[i]));
                    if (next.isEmpty()) {
                        return Optional.empty();
                    }
                    times[i] = next.get();
                }
            }
        }
        throw new MaxIterationsReachedException("trigger " + describe() + ": its triggers found no common fire time "
                + "within " + Durations.timedelta(this.threshold) + " of each other in " + this.maxIterations
                + " iterations (searched from " + DateTimes.describe(searchedFrom) + " to "
                + DateTimes.describe(earliest(times)) + "); they may never coincide");
    }

    private static ZonedDateTime earliest(ZonedDateTime[] times) {
        ZonedDateTime earliest = times[0];
        for (ZonedDateTime time : times) {
            earliest = time.isBefore(earliest) ? time : earliest;
        }
        return earliest;
    }

    private static ZonedDateTime latest(ZonedDateTime[] times) {
        ZonedDateTime latest = times[0];
        for (ZonedDateTime time : times) {
            latest = time.isAfter(latest) ? time : latest;
        }
        return latest;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("triggers", this.combination.writeTriggers());
        parameters.put("threshold", Durations.seconds(this.threshold));
        parameters.put("max_iterations", this.maxIterations);
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
        return other instanceof AndTrigger that && this.combination.equals(that.combination)
                && this.threshold.equals(that.threshold) && this.maxIterations == that.maxIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.combination, this.threshold, this.maxIterations);
    }

    @Override
    public String toString() {
        return describe();
    }

}
