package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link IntervalTrigger}.
 */
class IntervalTriggerTests {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void addsUpAllUnitsIncludingFractions() {
        IntervalTrigger trigger = create(Map.of("weeks", 1, "days", "2", "hours", 3, "minutes", 4.5, "seconds",
                "5.25"));
        assertThat(trigger.interval()).isEqualTo(Duration.ofDays(9).plusHours(3).plusMinutes(4).plusSeconds(35)
            .plusMillis(250));
    }

    @Test
    void startsOneIntervalFromNowByDefault() {
        IntervalTrigger trigger = create(Map.of("minutes", 5, "timezone", "UTC"));
        assertThat(trigger.startDate()).isEqualTo(ZonedDateTime.parse("2024-01-01T00:05:00Z[UTC]"));
        assertThat(trigger.endDate()).isEmpty();
        assertThat(trigger.jitter()).isEmpty();
    }

    @Test
    void firesAtStartDateWhenItIsStillAhead() {
        IntervalTrigger trigger = create(Map.of("hours", 1, "start_date", "2024-01-01 10:00:00", "timezone", "UTC"));
        assertThat(trigger.nextFireTime(null, utc("2024-01-01T08:00:00Z")))
            .contains(utc("2024-01-01T10:00:00Z"));
    }

    @Test
    void catchesUpToTheFirstTickAtOrAfterNowWithoutPreviousRun() {
        IntervalTrigger trigger = create(Map.of("hours", 1, "start_date", "2024-01-01 10:00:00", "timezone", "UTC"));
        assertThat(trigger.nextFireTime(null, utc("2024-01-01T12:30:00Z"))).contains(utc("2024-01-01T13:00:00Z"));
        assertThat(trigger.nextFireTime(null, utc("2024-01-01T13:00:00Z"))).contains(utc("2024-01-01T13:00:00Z"));
    }

    @Test
    void aFixedOffsetZoneAddsIntervalsToTheInstant() {
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(5, 30);
        ZonedDateTime start = ZonedDateTime.of(2024, 3, 10, 1, 15, 0, 0, offset);
        IntervalTrigger trigger = Triggers.interval().every(Duration.ofMinutes(90)).startDate(start)
            .timezone(offset).build();
        ZonedDateTime previous = start.plusDays(3);
        ZonedDateTime afterPrevious = trigger.nextFireTime(previous, previous).orElseThrow();
        assertThat(afterPrevious.toInstant()).isEqualTo(previous.toInstant().plus(Duration.ofMinutes(90)));
        assertThat(afterPrevious.getZone()).isEqualTo(offset);
        // a previous run in another zone is followed in the trigger's offset
        ZonedDateTime inUtc = previous.withZoneSameInstant(ZoneOffset.UTC);
        assertThat(trigger.nextFireTime(inUtc, inUtc)).contains(afterPrevious);
        // without a previous run: the first start + k * 90 minutes at or after now (k = 161 here)
        ZonedDateTime now = start.plusDays(10).plusSeconds(1);
        ZonedDateTime caughtUp = trigger.nextFireTime(null, now).orElseThrow();
        assertThat(caughtUp.toInstant()).isEqualTo(start.toInstant().plus(Duration.ofMinutes(90 * 161)));
        assertThat(caughtUp.getZone()).isEqualTo(offset);
    }

    @Test
    void followsThePreviousRunByOneIntervalEvenWhenLate() {
        IntervalTrigger trigger = create(Map.of("hours", 1, "start_date", "2024-01-01 10:00:00", "timezone", "UTC"));
        assertThat(trigger.nextFireTime(utc("2024-01-01T10:00:00Z"), utc("2024-01-05T00:00:00Z")))
            .contains(utc("2024-01-01T11:00:00Z"));
    }

    @Test
    void endDateIsInclusive() {
        IntervalTrigger trigger = create(Map.of("minutes", 5, "start_date", "2024-01-01 10:00:00", "end_date",
                "2024-01-01 10:10:00", "timezone", "UTC"));
        assertThat(trigger.nextFireTime(utc("2024-01-01T10:05:00Z"), utc("2024-01-01T10:05:00Z")))
            .contains(utc("2024-01-01T10:10:00Z"));
        assertThat(trigger.nextFireTime(utc("2024-01-01T10:10:00Z"), utc("2024-01-01T10:10:00Z"))).isEmpty();
        assertThat(trigger.nextFireTime(null, utc("2024-01-01T10:10:01Z"))).isEmpty();
    }

    @Test
    void finishesWhenTheNextTimeIsBeyondTheLastRepresentableInstant() {
        IntervalTrigger trigger = create(Map.of("days", 2, "start_date", "2024-01-01", "timezone", "UTC"));
        ZonedDateTime last = ZonedDateTime.of(LocalDateTime.MAX.minusDays(1), ZoneId.of("UTC"));
        assertThat(trigger.nextFireTime(last, last)).isEmpty();
        assertThat(trigger.fireTimeAtOrAfter(ZonedDateTime.of(LocalDateTime.MAX, ZoneId.of("UTC")))).isEmpty();
    }

    @Test
    void fireTimeAtOrAfterWalksTheScheduleWithoutJitter() {
        IntervalTrigger trigger = create(Map.of("minutes", 5, "start_date", "2024-01-01 10:00:00", "end_date",
                "2024-01-01 11:00:00", "timezone", "UTC", "jitter", 30));
        assertThat(trigger.fireTimeAtOrAfter(utc("2023-01-01T00:00:00Z"))).contains(utc("2024-01-01T10:00:00Z"));
        assertThat(trigger.fireTimeAtOrAfter(utc("2024-01-01T10:05:00Z"))).contains(utc("2024-01-01T10:05:00Z"));
        assertThat(trigger.fireTimeAtOrAfter(utc("2024-01-01T10:05:00.001Z")))
            .contains(utc("2024-01-01T10:10:00Z"));
        assertThat(trigger.fireTimeAtOrAfter(utc("2024-01-01T11:00:00.001Z"))).isEmpty();
    }

    @Test
    void movesByElapsedTimeAcrossTheSpringChangeInHelsinki() {
        IntervalTrigger trigger = create(Map.of("days", 1, "start_date", "2024-03-30 12:00:00", "timezone",
                "Europe/Helsinki"));
        ZonedDateTime first = trigger.nextFireTime(null, ZonedDateTime.of(2024, 3, 30, 0, 0, 0, 0, HELSINKI))
            .orElseThrow();
        ZonedDateTime second = trigger.nextFireTime(first, first).orElseThrow();
        assertThat(second.toOffsetDateTime()).hasToString("2024-03-31T13:00+03:00");
        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void firesInBothRealHoursOfTheNewYorkFallBackOverlap() {
        IntervalTrigger trigger = create(Map.of("hours", 1, "start_date", "2024-11-03T00:30:00-04:00", "timezone",
                "America/New_York"));
        ZonedDateTime time = trigger.nextFireTime(null, ZonedDateTime.of(2024, 11, 3, 0, 0, 0, 0, NEW_YORK))
            .orElseThrow();
        StringBuilder offsets = new StringBuilder(time.toOffsetDateTime().toString());
        for (int i = 0; i < 3; i++) {
            time = trigger.nextFireTime(time, time).orElseThrow();
            offsets.append(' ').append(time.toOffsetDateTime());
        }
        assertThat(offsets).hasToString(
                "2024-11-03T00:30-04:00 2024-11-03T01:30-04:00 2024-11-03T01:30-05:00 2024-11-03T02:30-05:00");
    }

    @Test
    void followsTheHalfHourShiftOfLordHowe() {
        // DST ends on 2024-04-07 at 02:00, when clocks go back 30 minutes (+11:00 to +10:30)
        IntervalTrigger trigger = create(Map.of("days", 1, "start_date", "2024-04-06 12:00:00", "timezone",
                "Australia/Lord_Howe"));
        ZonedDateTime first = trigger.nextFireTime(null, ZonedDateTime.of(2024, 4, 6, 0, 0, 0, 0, LORD_HOWE))
            .orElseThrow();
        assertThat(trigger.nextFireTime(first, first).orElseThrow().toOffsetDateTime())
            .hasToString("2024-04-07T11:30+10:30");
    }

    @Test
    void rejectsAnIntervalThatIsNotLongerThanZero() {
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> create(Map.of()))
            .withMessageContaining("interval")
            .withMessageContaining("no weeks, days, hours, minutes or seconds");
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> create(Map.of("seconds", -5)))
            .withMessageContaining("seconds=-5");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("hours", 1, "minutes", -60)))
            .withMessageContaining("hours=1, minutes=-60");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.interval().every(Duration.ZERO).build())
            .withMessageContaining("seconds=0");
    }

    @Test
    void builderUnitsSetTwiceKeepTheLastValueAsInTheStringForm() {
        ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 10, 0, 0, 0, HELSINKI);
        IntervalTrigger built = Triggers.interval().hours(1).hours(2).minutes(5).startDate(start).build();
        assertThat(built.interval()).isEqualTo(Duration.ofMinutes(125));
        assertThat(built).isEqualTo(Triggers.create("interval", Map.of("hours", 2, "minutes", 5, "start_date",
                "2024-01-01 10:00:00"), HELSINKI));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.interval().days(1_000_000_000).build())
            .satisfies((ex) -> assertThat(ex.parameter()).contains("days"));
    }

    @Test
    void namesTheParameterAndValueThatIsNotANumber() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("minutes", "five")))
            .withMessageContaining("'minutes'")
            .withMessageContaining("'five'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("minutes", 5, "start_date", "yesterday")))
            .withMessageContaining("'start_date'")
            .withMessageContaining("'yesterday'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("minutes", 5, "jitter", -1)))
            .withMessageContaining("'jitter'")
            .withMessageContaining("'-1'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("minutes", 5, "timezone", "Mars/Olympus")))
            .withMessageContaining("'timezone'")
            .withMessageContaining("Mars/Olympus");
    }

    @Test
    void rejectsParametersOfOtherTriggers() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("minutes", 5, "run_date", "2024-01-01")))
            .withMessageContaining("'run_date'")
            .withMessageContaining("start_date");
    }

    @Test
    void describesItselfAsPythonPrintsATimedelta() {
        assertThat(create(Map.of("seconds", 2))).hasToString("interval[0:00:02]");
        assertThat(create(Map.of("days", 1, "hours", 2))).hasToString("interval[1 day, 2:00:00]");
        assertThat(create(Map.of("weeks", 2, "seconds", 0.5)).describe())
            .isEqualTo("interval[14 days, 0:00:00.500000]");
    }

    @Test
    void writesParametersInCanonicalUnitsWithEveryDate() {
        IntervalTrigger trigger = create(Map.of("minutes", 90, "seconds", "0.25", "start_date",
                "2024-01-01 10:00:00", "end_date", "2024-02-01", "timezone", "Europe/Helsinki", "jitter", 1.5));
        assertThat(trigger.parameters()).containsExactly(Map.entry("hours", 1L), Map.entry("minutes", 30L),
                Map.entry("seconds", new BigDecimal("0.25")), Map.entry("start_date", "2024-01-01T10:00:00+02:00"),
                Map.entry("end_date", "2024-02-01T00:00:00+02:00"), Map.entry("timezone", "Europe/Helsinki"),
                Map.entry("jitter", new BigDecimal("1.5")));
    }

    @Test
    void rebuildsAnEqualTriggerFromItsParametersInAnyZone() {
        for (IntervalTrigger trigger : List.of(create(Map.of("seconds", 7)),
                create(Map.of("weeks", 3, "days", 1, "seconds", "0.000001", "start_date", "2020-02-29T23:59:59.5Z",
                        "end_date", "2030-01-01 00:00:00", "timezone", "Australia/Lord_Howe", "jitter", 10)))) {
            Trigger rebuilt = Triggers.create(trigger.alias(), trigger.parameters(), ZoneId.of("Asia/Tokyo"));
            assertThat(rebuilt).isEqualTo(trigger).hasSameHashCodeAs(trigger);
        }
    }

    @Test
    void jitterDelaysByLessThanItsLengthAndNeverPastTheEndDate() {
        IntervalTrigger trigger = create(Map.of("minutes", 1, "start_date", "2024-01-01 10:00:00", "end_date",
                "2024-01-01 10:01:02", "timezone", "UTC", "jitter", 5));
        Set<ZonedDateTime> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ZonedDateTime first = trigger.nextFireTime(null, utc("2024-01-01T09:00:00Z")).orElseThrow();
            assertThat(first).isBetween(utc("2024-01-01T10:00:00Z"), utc("2024-01-01T10:00:05Z"));
            seen.add(first);
            ZonedDateTime last = trigger.nextFireTime(utc("2024-01-01T10:00:00Z"), utc("2024-01-01T10:00:00Z"))
                .orElseThrow();
            assertThat(last).isBetween(utc("2024-01-01T10:01:00Z"), utc("2024-01-01T10:01:02Z"));
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }

    @Test
    void builderMatchesTheStringForm() {
        ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 10, 0, 0, 0, HELSINKI);
        IntervalTrigger built = Triggers.interval().hours(1).minutes(30).every(Duration.ofMillis(250))
            .startDate(start).endDate(start.plusDays(1)).jitter(Duration.ofSeconds(3)).build();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("hours", 1);
        params.put("minutes", 30);
        params.put("seconds", 0.25);
        params.put("start_date", "2024-01-01 10:00:00");
        params.put("end_date", "2024-01-02 10:00:00");
        params.put("jitter", 3);
        assertThat(built).isEqualTo(Triggers.create("interval", params, HELSINKI));
        assertThat(built.zone()).isEqualTo(HELSINKI);
    }

    @Test
    void builderStartsOneIntervalAfterItsClockInTheGivenZone() {
        IntervalTrigger trigger = Triggers.interval().weeks(1).clock(CLOCK).timezone(NEW_YORK).build();
        assertThat(trigger.startDate()).isEqualTo(ZonedDateTime.parse("2024-01-08T00:00:00Z").withZoneSameInstant(
                NEW_YORK));
    }

    @Test
    void shortcutStartsOneIntervalFromNowInTheSystemZone() {
        ZonedDateTime before = ZonedDateTime.now();
        IntervalTrigger trigger = Triggers.interval(Duration.ofMinutes(5));
        ZonedDateTime after = ZonedDateTime.now();
        assertThat(trigger.zone()).isEqualTo(ZoneId.systemDefault());
        assertThat(trigger.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(trigger.startDate()).isBetween(before.plusMinutes(5), after.plusMinutes(5));
    }

    private static IntervalTrigger create(Map<String, ?> params) {
        return (IntervalTrigger) Triggers.create("interval", params, null, CLOCK);
    }

    private static ZonedDateTime utc(String text) {
        return ZonedDateTime.parse(text).withZoneSameInstant(ZoneId.of("UTC"));
    }

}
