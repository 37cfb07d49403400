package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bounds of the interval and the jitter, checked where the trigger is built with an error naming the parameter,
 * and the promise that every trigger accepted can describe itself, give its parameters and compute fire times.
 */
class TriggerBoundsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final ZonedDateTime NOW = ZonedDateTime.now(CLOCK);

    @ParameterizedTest(name = "interval {0}={1} -> parameter {2}")
    @CsvSource({ "days, 1000000000, days, at most 999999999 days", "weeks, 200000000, weeks, at most 999999999 days",
            "seconds, 1e-9, seconds, at least 0.001 seconds", "seconds, 1e-10, seconds, at least 0.001 seconds",
            "seconds, 0.0009, seconds, at least 0.001 seconds", "minutes, 1e-6, minutes, at least 0.001 seconds",
            "seconds, -5, seconds, at least 0.001 seconds", "seconds, 1e-999999999, seconds, at least 0.001 seconds",
            "seconds, 1e999999999, seconds, out of range", "hours, 1e400, hours, out of range" })
    @Timeout(5)
    void anIntervalOutOfBoundsNamesTheParameter(String unit, String value, String parameter, String problem) {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("interval", Map.of(unit, value), ZoneOffset.UTC, CLOCK))
            .withMessageContaining("parameter '" + parameter + "'")
            .withMessageContaining(problem)
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void theMinimumIntervalIsCheckedAfterRoundingToNanoseconds() {
        assertThat(interval(Map.of("seconds", "0.0009999999999")).interval()).isEqualTo(Duration.ofMillis(1));
        assertThat(interval(Map.of("seconds", 0.001)).interval()).isEqualTo(IntervalTrigger.MIN_INTERVAL);
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.interval().every(Duration.ofNanos(999_999)).build())
            .withMessageContaining("at least 0.001 seconds");
    }

    @Test
    void severalUnitsNameTheOneThatCountsMost() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> interval(Map.of("weeks", 1, "days", "1e9")))
            .withMessageContaining("parameter 'days'")
            .withMessageContaining("weeks=1, days=1e9");
    }

    @ParameterizedTest(name = "{0} jitter={1}")
    @CsvSource({ "interval, 1e300", "interval, 86400.001", "cron, 1e300", "calendarinterval, 1e300", "or, 1e300",
            "interval, 1e999999999", "interval, -1" })
    @Timeout(5)
    void aJitterOutOfBoundsNamesTheParameter(String alias, String jitter) {
        Map<String, Object> params = new LinkedHashMap<>(switch (alias) {
            case "interval" -> Map.of("hours", 1);
            case "cron" -> Map.of("hour", 3);
            case "calendarinterval" -> Map.of("days", 1);
            default -> Map.of("triggers", java.util.List.of(Map.of("trigger", "interval", "params",
                    Map.of("hours", 1))));
        });
        params.put("jitter", jitter);
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create(alias, params, ZoneOffset.UTC, CLOCK))
            .withMessageContaining("parameter 'jitter'")
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void theLargestJitterIsOneDayAndTinyJittersRoundToNanoseconds() {
        assertThat(interval(Map.of("hours", 1, "jitter", 86400)).jitter()).contains(Duration.ofDays(1));
        assertThat(interval(Map.of("hours", 1, "jitter", "1e-12")).jitter()).isEmpty();
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.interval().hours(1).jitter(Duration.ofDays(2)))
            .withMessageContaining("jitter must be at most 1 day");
    }

    @Test
    void theLongestIntervalsDescribeThemselvesAndComputeFireTimes() {
        for (Map<String, ?> params : java.util.List.of(Map.of("days", 200_000), Map.of("days", 999_999_999),
                Map.of("weeks", 142_857_142, "days", 5, "jitter", 86_400), Map.of("seconds", "0.001"))) {
            IntervalTrigger trigger = interval(params);
            assertThat(trigger.describe()).startsWith("interval[");
            assertThat(Triggers.create("interval", trigger.parameters(), ZoneOffset.UTC, CLOCK)).isEqualTo(trigger);
            assertThat(trigger.nextFireTime(null, NOW)).isNotEmpty();
            trigger.nextFireTime(trigger.startDate(), NOW);
        }
        assertThat(interval(Map.of("days", 200_000)).describe()).isEqualTo("interval[200000 days, 0:00:00]");
        assertThat(interval(Map.of("days", 999_999_999)).describe()).isEqualTo("interval[999999999 days, 0:00:00]");
    }

    private static IntervalTrigger interval(Map<String, ?> params) {
        return (IntervalTrigger) Triggers.create("interval", params, ZoneOffset.UTC, CLOCK);
    }

}
