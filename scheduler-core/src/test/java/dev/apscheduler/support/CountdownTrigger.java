package dev.apscheduler.support;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A trigger kind that is not built in, {@code countdown}: {@code count} runs, {@code seconds} apart, from
 * {@code start_date}. Its factory is listed in the test class path's {@code META-INF/services}.
 */
public final class CountdownTrigger implements Trigger {

    public static final String ALIAS = "countdown";

    private final Duration interval;

    private final int count;

    private final ZonedDateTime start;

    public CountdownTrigger(Duration interval, int count, ZonedDateTime start) {
        this.interval = interval;
        this.count = count;
        this.start = start;
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        ZonedDateTime from = (previousFireTime != null) ? previousFireTime.plusNanos(1) : now;
        return fireTimeAtOrAfter(from);
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        long steps = 0;
        if (time.isAfter(this.start)) {
            long elapsed = Duration.between(this.start, time).toNanos();
            steps = (elapsed + this.interval.toNanos() - 1) / this.interval.toNanos();
        }
        return (steps < this.count) ? Optional.of(this.start.plus(this.interval.multipliedBy(steps)))
                : Optional.empty();
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seconds", this.interval.toSeconds());
        parameters.put("count", this.count);
        parameters.put("start_date", this.start.toOffsetDateTime().toString());
        parameters.put("timezone", this.start.getZone().getId());
        return parameters;
    }

    @Override
    public ZoneId zone() {
        return this.start.getZone();
    }

    @Override
    public String describe() {
        return ALIAS + "[" + this.count + " x " + this.interval + "]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CountdownTrigger that && this.interval.equals(that.interval)
                && this.count == that.count && this.start.equals(that.start);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.interval, this.count, this.start);
    }

    @Override
    public String toString() {
        return describe();
    }

}
