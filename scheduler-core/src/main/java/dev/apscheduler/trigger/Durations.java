package dev.apscheduler.trigger;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Writes durations the way APScheduler and Python print them.
 */
final class Durations {

    private Durations() {
    }

    /**
     * Returns the duration in seconds: a {@code Long} when whole, else a {@code BigDecimal} with the fraction.
     */
    static Number seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
            .stripTrailingZeros();
    }

    /**
     * Formats like Python's {@code str(timedelta)}: {@code 0:00:02}, {@code 1 day, 2:03:04},
     * {@code -1 day, 23:59:59}, {@code 0:00:00.500000}.
     */
    static String timedelta(Duration duration) {
        // From the seconds and the nanosecond part, never the total in nanoseconds, which overflows a long beyond
        // 292 years: describing a trigger must work for every interval it accepts. The nanosecond part is never
        // negative, so whole seconds and microseconds round down as Python's floor division does.
        long days = Math.floorDiv(duration.getSeconds(), 86_400L);
        long rest = Math.floorMod(duration.getSeconds(), 86_400L);
        long hours = rest / 3_600L;
        long minutes = rest / 60L % 60;
        long seconds = rest % 60;
        long micros = duration.getNano() / 1_000L;
        StringBuilder text = new StringBuilder();
        if (days != 0) {
            text.append(days).append((Math.abs(days) == 1) ? " day, " : " days, ");
        }
        text.append(hours).append(':').append(String.format("%02d:%02d", minutes, seconds));
        if (micros != 0) {
            text.append(String.format(".%06d", micros));
        }
        return text.toString();
    }

}
