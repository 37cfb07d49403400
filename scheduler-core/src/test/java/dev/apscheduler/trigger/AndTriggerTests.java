package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link AndTrigger}, including the sequences of APScheduler 4's own tests.
 */
class AndTriggerTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void firesWhenTwoIntervalsCoincide() {
        Trigger trigger = Triggers.create("and", Map.of("triggers", List.of(
                child("interval", Map.of("hours", 6, "start_date", "2024-05-01T00:00:00+00:00")),
                child("interval", Map.of("hours", 12, "start_date", "2024-05-01T00:00:00+00:00")))), UTC);
        assertThat(sequence(trigger, utc("2024-05-01T00:00:00Z"), 3))
            .containsExactly("2024-05-01T00:00Z", "2024-05-01T12:00Z", "2024-05-02T00:00Z");
    }

    @Test
    void firesOnWeekdaysThatAFourDayIntervalHits() {
        Trigger trigger = Triggers.and(new Weekdays(ChronoUnit.DAYS),
                Triggers.interval().days(4).startDate(utc("2024-05-13T00:00:00Z")).build());
        assertThat(sequence(trigger, utc("2024-05-13T00:00:00Z"), 4))
            .containsExactly("2024-05-13T00:00Z", "2024-05-17T00:00Z", "2024-05-21T00:00Z", "2024-05-29T00:00Z");
    }

    @Test
    void firesOnWeekdayHoursThatATwelveHourIntervalHits() {
        Trigger trigger = Triggers.and(new Weekdays(ChronoUnit.HOURS),
                Triggers.interval().hours(12).startDate(utc("2024-05-03T00:00:00Z")).build());
        assertThat(sequence(trigger, utc("2024-05-03T00:00:00Z"), 3))
            .containsExactly("2024-05-03T00:00Z", "2024-05-03T12:00Z", "2024-05-06T00:00Z");
    }

    @Test
    void firesOnFirstsOfTheMonthThatAreWeekdays() {
        Trigger trigger = Triggers.and(Triggers.calendarInterval().months(1).startDate(utc("2024-01-01T00:00:00Z")
            .toLocalDate()).timezone(UTC).build(), new Weekdays(ChronoUnit.DAYS));
        assertThat(sequence(trigger, utc("2024-01-01T00:00:00Z"), 9)).containsExactly("2024-01-01T00:00Z",
                "2024-02-01T00:00Z", "2024-03-01T00:00Z", "2024-04-01T00:00Z", "2024-05-01T00:00Z",
                "2024-07-01T00:00Z", "2024-08-01T00:00Z", "2024-10-01T00:00Z", "2024-11-01T00:00Z");
    }

    @Test
    void treatsTimesWithinTheThresholdAsAgreeing() {
        ZonedDateTime first = utc("2020-05-16T12:17:30.254212Z");
        AndTrigger trigger = Triggers.and(Triggers.date(first), Triggers.date(first.plusSeconds(1)));
        assertThat(sequence(trigger, first, 2)).containsExactly("2020-05-16T12:17:30.254212Z", "finished");
        assertThat(sequence(trigger.withThreshold(Duration.ofMillis(999)), first, 1)).containsExactly("finished");
    }

    @Test
    void usesUpEachTriggersTimeThatTookPartInTheAgreement() {
        // APScheduler 4 moves every trigger past the time it contributed, so 00.5 cannot agree with 00.8 afterwards
        ZonedDateTime start = utc("2024-01-01T00:00:00Z");
        AndTrigger trigger = Triggers.and(
                Triggers.or(Triggers.date(start), Triggers.date(start.plusNanos(800_000_000))),
                Triggers.date(start.plusNanos(500_000_000)));
        assertThat(sequence(trigger, start, 2)).containsExactly("2024-01-01T00:00Z", "finished");
    }

    @Test
    void finishesWhenAnyTriggerFinishes() {
        AndTrigger trigger = Triggers.and(Triggers.interval().hours(1).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.date(utc("2024-01-01T05:00:00Z")));
        assertThat(sequence(trigger, utc("2024-01-01T00:00:00Z"), 3)).containsExactly("2024-01-01T05:00Z",
                "finished");
    }

    @Test
    void failsFastWhenSchedulesNeverCoincide() {
        AndTrigger trigger = Triggers.and(Triggers.interval().seconds(2).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.interval().seconds(2).startDate(utc("2024-01-01T00:00:01Z")).build())
            .withThreshold(Duration.ZERO);
        assertThatExceptionOfType(MaxIterationsReachedException.class)
            .isThrownBy(() -> trigger.nextFireTime(null, utc("2024-01-01T00:00:00Z")))
            .withMessageContaining("and[interval[0:00:02], interval[0:00:02]]")
            .withMessageContaining("10000 iterations")
            .withMessageContaining("2024-01-01 00:00:00 UTC");
        Trigger limited = Triggers.create("and", Map.of("threshold", 0, "max_iterations", "25", "triggers",
                List.of(child("interval", Map.of("seconds", 2, "start_date", "2024-01-01 00:00:00")),
                        child("interval", Map.of("seconds", 2, "start_date", "2024-01-01 00:00:01")))), UTC);
        assertThatExceptionOfType(MaxIterationsReachedException.class)
            .isThrownBy(() -> limited.fireTimeAtOrAfter(utc("2024-01-01T00:00:00Z")))
            .withMessageContaining("25 iterations");
    }

    @Test
    void readsThresholdAndIterationLimitWithDefaults() {
        AndTrigger defaults = (AndTrigger) Triggers.create("and", Map.of("triggers", List.of(child("interval",
                Map.of("seconds", 5)))), UTC);
        assertThat(defaults.threshold()).isEqualTo(AndTrigger.DEFAULT_THRESHOLD).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxIterations()).isEqualTo(AndTrigger.DEFAULT_MAX_ITERATIONS).isEqualTo(10_000);
        AndTrigger custom = (AndTrigger) Triggers.create("and", Map.of("threshold", "2.5", "maxIterations", 50,
                "triggers", List.of(child("interval", Map.of("seconds", 5)))), UTC);
        assertThat(custom.threshold()).isEqualTo(Duration.ofMillis(2500));
        assertThat(custom.maxIterations()).isEqualTo(50);
    }

    @Test
    void buildsChildrenInItsOwnZone() {
        AndTrigger trigger = (AndTrigger) Triggers.create("and", Map.of("timezone", "Asia/Tokyo", "triggers",
                List.of(child("interval", Map.of("hours", 1, "start_date", "2024-01-01 00:00:00")))), UTC);
        IntervalTrigger child = (IntervalTrigger) trigger.triggers().get(0);
        assertThat(trigger.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(child.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(child.startDate().toOffsetDateTime()).hasToString("2024-01-01T00:00+09:00");
    }

    @Test
    void describesItselfWithItsTriggers() {
        AndTrigger trigger = Triggers.and(Triggers.interval().seconds(2).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.date(utc("2024-01-01T00:00:00Z")));
        assertThat(trigger).hasToString("and[interval[0:00:02], date[2024-01-01 00:00:00 UTC]]");
    }

    @Test
    void writesItsParametersAndRebuildsAnEqualTriggerInAnyZone() {
        AndTrigger trigger = Triggers.and(Triggers.interval().seconds(2).startDate(utc("2024-01-01T00:00:00Z")).build(),
                Triggers.calendarInterval().days(1).startDate(utc("2024-01-01T00:00:00Z").toLocalDate())
                    .timezone(ZoneId.of("Europe/Helsinki")).build())
            .withThreshold(Duration.ofMillis(1500)).withMaxIterations(99).withJitter(Duration.ofSeconds(4));
        Map<String, Object> parameters = trigger.parameters();
        assertThat(parameters).containsOnlyKeys("triggers", "threshold", "max_iterations", "timezone", "jitter");
        assertThat(parameters.get("threshold")).isEqualTo(new BigDecimal("1.5"));
        assertThat(parameters.get("max_iterations")).isEqualTo(99);
        assertThat(parameters.get("timezone")).isEqualTo("UTC");
        assertThat(parameters.get("triggers")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2).first()
            .isEqualTo(Map.of("trigger", "interval", "params", trigger.triggers().get(0).parameters()));
        Trigger rebuilt = Triggers.create(trigger.alias(), parameters, ZoneId.of("America/Denver"));
        assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        assertThat(Triggers.create("and", parameters, UTC)).isNotEqualTo(trigger.withMaxIterations(98));
    }

    @Test
    void jitterDelaysTheAgreedTimeByLessThanItsLength() {
        AndTrigger trigger = Triggers.and(Triggers.interval().hours(1).startDate(utc("2024-01-01T00:00:00Z")).build())
            .withJitter(Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            assertThat(trigger.nextFireTime(null, utc("2024-01-01T00:30:00Z")).orElseThrow())
                .isBetween(utc("2024-01-01T01:00:00Z"), utc("2024-01-01T01:00:10Z"));
        }
    }

    @Test
    void namesTheParameterAndValueThatIsWrong() {
        List<Map<String, Object>> one = List.of(child("interval", Map.of("seconds", 5)));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", one, "threshold", -1), UTC))
            .withMessageContaining("'threshold'")
            .withMessageContaining("'-1'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", one, "max_iterations", 0), UTC))
            .withMessageContaining("'max_iterations'")
            .withMessageContaining("'0'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of(), UTC))
            .withMessageContaining("'triggers' is required");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", "interval"), UTC))
            .withMessageContaining("'triggers'")
            .withMessageContaining("list");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", List.of()), UTC))
            .withMessageContaining("at least one trigger");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", List.of(child("interval", Map.of()),
                    child("sometimes", Map.of()))), UTC))
            .withMessageContaining("'triggers[0]'")
            .withMessageContaining("interval");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", List.of(child("interval",
                    Map.of("seconds", 1)), child("sometimes", Map.of()))), UTC))
            .withMessageContaining("'triggers[1]'")
            .withMessageContaining("'sometimes'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.create("and", Map.of("triggers", List.of(Map.of("trigger", "date",
                    "parameters", Map.of()))), UTC))
            .withMessageContaining("'triggers[0]'")
            .withMessageContaining("unknown key 'parameters'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.and())
            .withMessageContaining("at least one trigger");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.and(Triggers.interval(Duration.ofSeconds(1))).withMaxIterations(0))
            .withMessageContaining("max_iterations");
    }

    static Map<String, Object> child(String alias, Map<String, ?> params) {
        return Map.of("trigger", alias, "params", params);
    }

    /**
     * Returns the first {@code count} fire times as a scheduler firing on time would see them, {@code finished}
     * once the trigger is.
     */
    static List<String> sequence(Trigger trigger, ZonedDateTime now, int count) {
        List<String> times = new ArrayList<>();
        ZonedDateTime previous = null;
        ZonedDateTime current = now;
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = trigger.nextFireTime(previous, current);
            times.add(next.map((time) -> time.toOffsetDateTime().toString()).orElse("finished"));
            if (next.isEmpty()) {
                break;
            }
            previous = next.get();
            current = next.get();
        }
        return times;
    }

    static ZonedDateTime utc(String text) {
        return ZonedDateTime.parse(text).withZoneSameInstant(UTC);
    }

    /**
     * Fires on Monday to Friday (UTC) at every whole day or hour, like a cron trigger with
     * {@code day_of_week='mon-fri'} (and {@code hour='*'}), so that the combination is tested on its own.
     */
    record Weekdays(ChronoUnit unit) implements Trigger {

        @Override
        public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
            return fireTimeAtOrAfter((previousFireTime != null) ? previousFireTime.plusNanos(1) : now);
        }

        @Override
        public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
            ZonedDateTime utc = time.withZoneSameInstant(ZoneOffset.UTC);
            ZonedDateTime candidate = utc.truncatedTo(this.unit);
            if (candidate.isBefore(utc)) {
                candidate = candidate.plus(1, this.unit);
            }
            while (candidate.getDayOfWeek() == DayOfWeek.SATURDAY || candidate.getDayOfWeek() == DayOfWeek.SUNDAY) {
                candidate = candidate.plus(1, this.unit);
            }
            return Optional.of(candidate);
        }

        @Override
        public String alias() {
            return "weekdays";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("unit", this.unit.name());
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }

        @Override
        public String describe() {
            return "weekdays[" + this.unit + "]";
        }

    }

}
