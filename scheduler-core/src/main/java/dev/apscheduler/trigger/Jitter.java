package dev.apscheduler.trigger;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * APScheduler's jitter: a fire time moved later by {@code uniform(0, jitter)} seconds, never past the trigger's end
 * date. Spreads the runs of many jobs that share a schedule.
 */
final class Jitter {

    private Jitter() {
    }

    /**
     * Returns {@code fireTime} moved later by a random amount below {@code jitter}, but not past {@code endDate}.
     * @param fireTime the exact fire time
     * @param jitter the largest delay, or {@code null} for none
     * @param endDate the trigger's last allowed time, or {@code null}
     * @return the jittered fire time
     */
    static ZonedDateTime apply(ZonedDateTime fireTime, @Nullable Duration jitter, @Nullable ZonedDateTime endDate) {
        if (jitter == null || jitter.isZero()) {
            return fireTime;
        }
        long delay = ThreadLocalRandom.current().nextLong(jitter.toNanos());
        ZonedDateTime jittered = fireTime.plusNanos(delay);
        return (endDate != null && jittered.isAfter(endDate) && !fireTime.isAfter(endDate)) ? endDate : jittered;
    }

    /**
     * Reads the {@code jitter} parameter: a non-negative number of seconds (fractions allowed), or absent.
     */
    static @Nullable Duration read(TriggerParameters parameters) {
        return parameters.decimal("jitter").map((seconds) -> {
            if (seconds.signum() < 0) {
                throw parameters.invalid("jitter", seconds, "must not be negative");
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
        }).orElse(null);
    }

    /**
     * Writes a jitter the way {@link #read(TriggerParameters)} reads it back: seconds, with a fraction only when
     * needed.
     */
    static Object write(Duration jitter) {
        return Durations.seconds(jitter);
    }

}
