package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link DateTrigger}.
 */
class DateTriggerTests {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void firesOnceAtItsRunDateEvenWhenItIsPast() {
        DateTrigger trigger = Triggers.date(ZonedDateTime.of(2020, 1, 1, 12, 0, 0, 0, HELSINKI));
        ZonedDateTime later = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, HELSINKI);
        assertThat(trigger.nextFireTime(null, later)).contains(trigger.runDate());
        assertThat(trigger.nextFireTime(trigger.runDate(), later)).isEmpty();
    }

    @Test
    void runsNowByDefault() {
        DateTrigger trigger = (DateTrigger) Triggers.create("date", Map.of("timezone", "Europe/Helsinki"), null, CLOCK);
        assertThat(trigger.runDate()).isEqualTo(ZonedDateTime.of(2024, 1, 1, 10, 0, 0, 0, HELSINKI));
    }

    @Test
    void fireTimeAtOrAfterIsTheRunDateUntilItPasses() {
        DateTrigger trigger = Triggers.date(ZonedDateTime.of(2020, 1, 1, 12, 0, 0, 0, HELSINKI));
        assertThat(trigger.fireTimeAtOrAfter(trigger.runDate())).contains(trigger.runDate());
        assertThat(trigger.fireTimeAtOrAfter(trigger.runDate().plusNanos(1))).isEmpty();
    }

    @Test
    void describesItselfAsApschedulerPrintsIt() {
        assertThat(Triggers.date(ZonedDateTime.of(2020, 1, 1, 12, 0, 0, 0, HELSINKI)))
            .hasToString("date[2020-01-01 12:00:00 EET]");
    }

    @Test
    void writesItsParametersAndRebuildsAnEqualTriggerInAnyZone() {
        DateTrigger trigger = (DateTrigger) Triggers.create("date", Map.of("run_date", "2020-07-01 12:00:00.25",
                "timezone", "Europe/Helsinki"));
        assertThat(trigger.parameters()).containsExactly(Map.entry("run_date", "2020-07-01T12:00:00.25+03:00"),
                Map.entry("timezone", "Europe/Helsinki"));
        Trigger rebuilt = Triggers.create(trigger.alias(), trigger.parameters(), ZoneId.of("America/Chicago"));
        assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
    }

    @Test
    void namesTheParameterAndValueThatIsWrong() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("date", Map.of("run_date", "2020-13-01")))
            .withMessageContaining("'run_date'")
            .withMessageContaining("'2020-13-01'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("date", Map.of("run_date", "2020-01-01", "seconds", 5)))
            .withMessageContaining("'seconds'")
            .withMessageContaining("run_date");
    }

}
