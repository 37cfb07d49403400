package dev.apscheduler.support;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A test trigger with APScheduler's interval arithmetic: fires at {@code start}, {@code start + interval}, ... up to
 * an optional end. Its alias, {@code every}, is not one {@code Triggers.create} knows, which tests of stored jobs
 * that cannot be restored rely on.
 */
public final class EveryTrigger implements Trigger {

    private final Duration interval;

    private final ZonedDateTime start;

    private final @Nullable ZonedDateTime end;

    private EveryTrigger(Duration interval, ZonedDateTime start, @Nullable ZonedDateTime end) {
        this.interval = interval;
        this.start = start;
        this.end = end;
    }

    public static EveryTrigger every(Duration interval, ZonedDateTime start) {
        return new EveryTrigger(interval, start, null);
    }

    public static EveryTrigger every(Duration interval, ZonedDateTime start, ZonedDateTime end) {
        return new EveryTrigger(interval, start, end);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        ZonedDateTime next;
        if (previousFireTime != null) {
            next = previousFireTime.plus(this.interval);
        }
        else if (this.start.isAfter(now)) {
            next = this.start;
        }
        else {
            long elapsed = Duration.between(this.start, now).toNanos();
            long steps = (elapsed + this.interval.toNanos() - 1) / this.interval.toNanos();
            next = this.start.plus(this.interval.multipliedBy(steps));
        }
        return (this.end != null && next.isAfter(this.end)) ? Optional.empty() : Optional.of(next);
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        return nextFireTime(null, time);
    }

    @Override
    public String alias() {
        return "every";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seconds", this.interval.toSeconds());
        parameters.put("start_date", this.start.toString());
        parameters.put("timezone", this.start.getZone().getId());
        return parameters;
    }

    @Override
    public ZoneId zone() {
        return this.start.getZone();
    }

    @Override
    public String describe() {
        return "every[" + this.interval + "]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EveryTrigger that && this.interval.equals(that.interval)
                && this.start.equals(that.start) && java.util.Objects.equals(this.end, that.end);
    }

    @Override
    public int hashCode() {
        return this.interval.hashCode() * 31 + this.start.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

}
