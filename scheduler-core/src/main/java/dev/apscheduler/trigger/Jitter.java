package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * APScheduler's jitter: a fire time moved later by {@code uniform(0, jitter)} seconds, never past the trigger's end
 * date. Spreads the runs of many jobs that share a schedule.
 */
final class Jitter {

    private static final String NEGATIVE = "must not be negative";

    private static final String TOO_LONG = "must be at most 1 day (86400 seconds)";

    /** The largest jitter any trigger accepts: one day. */
    static final Duration MAX = Duration.ofDays(1);

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
        long delay = ThreadLocalRandom.current().nextLong(nanos(jitter));
        ZonedDateTime jittered = fireTime.plusNanos(delay);
        return (endDate != null && jittered.isAfter(endDate) && !fireTime.isAfter(endDate)) ? endDate : jittered;
    }

    /**
     * The jitter in nanoseconds, saturated rather than overflowing for a jitter a typed builder let through.
     */
    private static long nanos(Duration jitter) {
        return (jitter.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1) ? Long.MAX_VALUE : jitter.toNanos();
    }

    /**
     * Checks a jitter given to a typed builder.
     * @param jitter the jitter
     * @param alias the trigger's alias, for the message
     * @return the jitter
     * @throws InvalidTriggerException if it is negative or longer than {@link #MAX}
     */
    static Duration validate(Duration jitter, String alias) {
        if (Objects.requireNonNull(jitter, "jitter").isNegative() || jitter.compareTo(MAX) > 0) {
            throw new InvalidTriggerException("trigger '" + alias + "': jitter "
                    + (jitter.isNegative() ? NEGATIVE : TOO_LONG) + ", was " + jitter, "jitter", null);
        }
        return jitter;
    }

    /**
     * Reads the {@code jitter} parameter: seconds from 0 to 86400 (one day), fractions allowed and rounded to the
     * nanosecond, or absent.
     */
    static @Nullable Duration read(TriggerParameters parameters) {
        return parameters.decimal("jitter").map((seconds) -> {
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX.getSeconds())) > 0) {
                throw parameters.invalid("jitter", parameters.raw("jitter").orElseThrow(),
                        (seconds.signum() < 0) ? NEGATIVE : TOO_LONG);
            }
            return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
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
