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
        long totalMicros = Math.floorDiv(duration.toNanos(), 1000);
        long days = Math.floorDiv(totalMicros, 86_400_000_000L);
        long rest = totalMicros - days * 86_400_000_000L;
        long hours = rest / 3_600_000_000L;
        long minutes = rest / 60_000_000L % 60;
        long seconds = rest / 1_000_000L % 60;
        long micros = rest % 1_000_000L;
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
