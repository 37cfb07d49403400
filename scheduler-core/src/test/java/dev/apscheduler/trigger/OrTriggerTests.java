package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.AndTriggerTests.child;
import static dev.apscheduler.trigger.AndTriggerTests.sequence;
import static dev.apscheduler.trigger.AndTriggerTests.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link OrTrigger}, including the sequences of APScheduler 4's own tests.
 */
class OrTriggerTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void firesOnEveryTimeOfEitherIntervalOnceUntilBothEnd() {
        Trigger trigger = Triggers.create("or", Map.of("triggers", List.of(
                child("interval", Map.of("seconds", 4, "start_date", "2020-05-16T14:17:30.254212+02:00", "end_date",
                        "2020-05-16T14:17:46.254212+02:00")),
                child("interval", Map.of("seconds", 6, "start_date", "2020-05-16T14:17:30.254212+02:00", "end_date",
                        "2020-05-16T14:17:48.254212+02:00")))), BERLIN);
        assertThat(sequence(trigger, utc("2020-05-16T12:17:30.254212Z"), 9)).containsExactly(
                "2020-05-16T14:17:30.254212+02:00", "2020-05-16T14:17:34.254212+02:00",
                "2020-05-16T14:17:36.254212+02:00", "2020-05-16T14:17:38.254212+02:00",
                "2020-05-16T14:17:42.254212+02:00", "2020-05-16T14:17:46.254212+02:00",
                "2020-05-16T14:17:48.254212+02:00", "finished");
    }

    @Test
    void firesEachDateOnceEvenWhenTheOtherFiredInBetween() {
        ZonedDateTime first = utc("2020-05-16T12:17:30Z");
        OrTrigger trigger = Triggers.or(Triggers.date(first.plusDays(2)), Triggers.date(first));
        assertThat(sequence(trigger, first, 3)).containsExactly("2020-05-16T12:17:30Z", "2020-05-18T12:17:30Z",
                "finished");
    }

    @Test
    void fireTimeAtOrAfterIsTheEarliestOfItsTriggers() {
        OrTrigger trigger = Triggers.or(Triggers.date(utc("2024-01-01T10:00:00Z")),
                Triggers.interval().hours(1).startDate(utc("2024-01-01T00:30:00Z")).build());
        assertThat(trigger.fireTimeAtOrAfter(utc("2024-01-01T09:45:00Z"))).contains(utc("2024-01-01T10:00:00Z"));
        assertThat(trigger.fireTimeAtOrAfter(utc("2024-01-01T10:00:01Z"))).contains(utc("2024-01-01T10:30:00Z"));
    }

    @Test
    void letsItsTriggersResolveTheirOwnZonesWhenNoneIsGiven() {
        OrTrigger trigger = (OrTrigger) Triggers.create("or", Map.of("triggers", List.of(
                child("date", Map.of("run_date", "2024-01-01T12:00:00+05:00")),
                child("interval", Map.of("hours", 1, "start_date", "2024-01-01T12:00:00-03:00")))));
        assertThat(trigger.triggers()).extracting(Trigger::zone)
            .containsExactly(ZoneOffset.ofHours(5), ZoneOffset.ofHours(-3));
        assertThat(trigger.zone()).isEqualTo(ZoneOffset.ofHours(5));
        assertThat(Triggers.create(trigger.alias(), trigger.parameters())).isEqualTo(trigger);
    }

    @Test
    void describesItselfWithItsTriggers() {
        OrTrigger trigger = Triggers.or(Triggers.interval().minutes(1).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.date(utc("2024-01-01T00:00:00Z")));
        assertThat(trigger).hasToString("or[interval[0:01:00], date[2024-01-01 00:00:00 UTC]]");
    }

    @Test
    void writesItsParametersAndRebuildsAnEqualTriggerInAnyZone() {
        OrTrigger trigger = Triggers.or(Triggers.interval().minutes(1).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.date(utc("2024-01-01T00:00:00Z"))).withJitter(Duration.ofMillis(250));
        assertThat(trigger.parameters()).containsOnlyKeys("triggers", "timezone", "jitter");
        Trigger rebuilt = Triggers.create(trigger.alias(), trigger.parameters(), ZoneId.of("Asia/Kolkata"));
        assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(rebuilt).isNotEqualTo(trigger.withJitter(Duration.ofMillis(251)));
    }

    @Test
    void jitterDelaysTheEarliestTimeByLessThanItsLength() {
        OrTrigger trigger = Triggers.or(Triggers.date(utc("2024-01-01T10:00:00Z"))).withJitter(Duration.ofSeconds(3));
        for (int i = 0; i < 50; i++) {
            assertThat(trigger.nextFireTime(null, utc("2024-01-01T09:00:00Z")).orElseThrow())
                .isBetween(utc("2024-01-01T10:00:00Z"), utc("2024-01-01T10:00:03Z"));
        }
        assertThat(trigger.jitter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void namesTheParameterAndValueThatIsWrong() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("or", Map.of("triggers", List.of(child("date", Map.of())),
                    "threshold", 1), BERLIN))
            .withMessageContaining("'threshold'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("or", Map.of("triggers", List.of(Map.of("params", Map.of()))), BERLIN))
            .withMessageContaining("'triggers[0]'")
            .withMessageContaining("'trigger' must name");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("or", Map.of("triggers", List.of(Map.of("trigger", "date", "params",
                    "tomorrow"))), BERLIN))
            .withMessageContaining("'triggers[0]'")
            .withMessageContaining("'params' must be a map");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("or", Map.of("triggers", List.of(child("date",
                    Map.of("run_date", "soon")))), BERLIN))
            .withMessageContaining("'triggers[0]'")
            .withMessageContaining("'run_date'")
            .withMessageContaining("'soon'");
    }

}
