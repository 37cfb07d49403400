package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link CalendarIntervalTrigger}.
 */
class CalendarIntervalTriggerTests {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-10T22:30:00Z"), ZoneOffset.UTC);

    private static final ZonedDateTime FAR_FUTURE = ZonedDateTime.parse("2999-01-01T00:00:00Z");

    @Test
    void startsTodayInItsZoneAtMidnightByDefault() {
        CalendarIntervalTrigger trigger = create(Map.of("days", 1, "timezone", "Europe/Helsinki"));
        assertThat(trigger.startDate()).isEqualTo(LocalDate.of(2024, 5, 11));
        assertThat(trigger.time()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(trigger.endDate()).isEmpty();
        assertThat(trigger.jitter()).isEmpty();
        assertThat(List.of(trigger.years(), trigger.months(), trigger.weeks(), trigger.days()))
            .containsExactly(0, 0, 0, 1);
    }

    @Test
    void firesOnTheStartDateEvenWhenItIsPastAndIgnoresNow() {
        CalendarIntervalTrigger trigger = create(Map.of("weeks", 2, "hour", 9, "start_date", "2016-03-31",
                "timezone", "Europe/Helsinki"));
        assertThat(trigger.nextFireTime(null, FAR_FUTURE)).hasValueSatisfying(
                (time) -> assertThat(time.toOffsetDateTime()).hasToString("2016-03-31T09:00+03:00"));
        assertThat(trigger.nextFireTime(trigger.nextFireTime(null, FAR_FUTURE).orElseThrow(), FAR_FUTURE))
            .hasValueSatisfying((time) -> assertThat(time.toOffsetDateTime()).hasToString("2016-04-14T09:00+03:00"));
    }

    @Test
    void skipsMonthsThatLackTheDay() {
        assertThat(sequence(Map.of("months", 1, "start_date", "2024-01-31", "timezone", "UTC"), 4))
            .containsExactly("2024-01-31T00:00Z", "2024-03-31T00:00Z", "2024-05-31T00:00Z", "2024-07-31T00:00Z");
    }

    @Test
    void addsDaysAfterTheMonthsFromTheNextMonthThatHasTheDay() {
        assertThat(sequence(Map.of("months", 1, "days", 1, "start_date", "2024-01-31", "timezone", "UTC"), 3))
            .containsExactly("2024-01-31T00:00Z", "2024-04-01T00:00Z", "2024-05-02T00:00Z");
    }

    @Test
    void keepsTheLeapDayByWaitingForTheNextLeapYear() {
        assertThat(sequence(Map.of("years", 1, "hour", 12, "start_date", "2024-02-29", "timezone", "UTC"), 3))
            .containsExactly("2024-02-29T12:00Z", "2028-02-29T12:00Z", "2032-02-29T12:00Z");
    }

    @Test
    void skipsTheDayWhoseWallTimeFallsInTheHelsinkiGap() {
        // 2024-03-31 03:00 -> 04:00
        assertThat(sequence(Map.of("days", 1, "hour", 3, "minute", 30, "start_date", "2024-03-30", "timezone",
                "Europe/Helsinki"), 3))
            .containsExactly("2024-03-30T03:30+02:00", "2024-04-01T03:30+03:00", "2024-04-02T03:30+03:00");
    }

    @Test
    void skipsTheDayWhoseWallTimeFallsInTheNewYorkGap() {
        // 2024-03-10 02:00 -> 03:00
        assertThat(sequence(Map.of("days", 1, "hour", 2, "minute", 30, "start_date", "2024-03-09", "timezone",
                "America/New_York"), 2))
            .containsExactly("2024-03-09T02:30-05:00", "2024-03-11T02:30-04:00");
    }

    @Test
    void skipsTheDayWhoseWallTimeFallsInTheHalfHourLordHoweGap() {
        // 2024-10-06 02:00 -> 02:30
        assertThat(sequence(Map.of("days", 1, "hour", 2, "minute", 15, "start_date", "2024-10-05", "timezone",
                "Australia/Lord_Howe"), 2))
            .containsExactly("2024-10-05T02:15+10:30", "2024-10-07T02:15+11:00");
    }

    @Test
    void aDayTheZoneSkippedFiresOnTheDayAfterAtTheSameTime() {
        // Pacific/Apia went from 2011-12-29 23:59:59 (-10:00) to 2011-12-31 00:00 (+14:00). APScheduler resolves
        // 2011-12-30 10:00 to 2011-12-31 10:00 and, the time of day being right, fires there.
        assertThat(sequence(Map.of("days", 1, "hour", 10, "start_date", "2011-12-29", "timezone", "Pacific/Apia"), 3))
            .containsExactly("2011-12-29T10:00-10:00", "2011-12-31T10:00+14:00", "2012-01-01T10:00+14:00");
        assertThat(sequence(Map.of("days", 1, "hour", 10, "start_date", "2011-12-30", "timezone", "Pacific/Apia"), 2))
            .containsExactly("2011-12-31T10:00+14:00", "2012-01-01T10:00+14:00");
        assertThat(sequence(Map.of("weeks", 1, "hour", 10, "start_date", "2011-12-23", "timezone", "Pacific/Apia"), 3))
            .containsExactly("2011-12-23T10:00-10:00", "2011-12-31T10:00+14:00", "2012-01-07T10:00+14:00");
    }

    @Test
    void firesOnceAtTheEarlierOccurrenceOfAnAmbiguousWallTime() {
        // Helsinki repeats 03:00-04:00 on 2024-10-27, New York 01:00-02:00 on 2024-11-03,
        // Lord Howe 01:30-02:00 on 2025-04-06
        assertThat(sequence(Map.of("days", 1, "hour", 3, "minute", 30, "start_date", "2024-10-27", "timezone",
                "Europe/Helsinki"), 2))
            .containsExactly("2024-10-27T03:30+03:00", "2024-10-28T03:30+02:00");
        assertThat(sequence(Map.of("days", 1, "hour", 1, "minute", 30, "start_date", "2024-11-03", "timezone",
                "America/New_York"), 2))
            .containsExactly("2024-11-03T01:30-04:00", "2024-11-04T01:30-05:00");
        assertThat(sequence(Map.of("days", 1, "hour", 1, "minute", 45, "start_date", "2025-04-06", "timezone",
                "Australia/Lord_Howe"), 2))
            .containsExactly("2025-04-06T01:45+11:00", "2025-04-07T01:45+10:30");
    }

    @Test
    void endDateIsInclusive() {
        assertThat(sequence(Map.of("days", 2, "start_date", "2024-01-01", "end_date", "2024-01-05", "timezone",
                "UTC"), 4))
            .containsExactly("2024-01-01T00:00Z", "2024-01-03T00:00Z", "2024-01-05T00:00Z", "finished");
    }

    @Test
    void fireTimeAtOrAfterFindsTimesFarFromTheStartDate() {
        CalendarIntervalTrigger daily = create(Map.of("days", 1, "hour", 6, "start_date", "1990-01-01",
                "timezone", "UTC"));
        assertThat(daily.fireTimeAtOrAfter(ZonedDateTime.parse("2024-05-05T12:00:00Z")))
            .hasValueSatisfying((time) -> assertThat(time.toOffsetDateTime()).hasToString("2024-05-06T06:00Z"));
        assertThat(daily.fireTimeAtOrAfter(ZonedDateTime.parse("2024-05-05T06:00:00Z")))
            .hasValueSatisfying((time) -> assertThat(time.toOffsetDateTime()).hasToString("2024-05-05T06:00Z"));
        CalendarIntervalTrigger monthly = create(Map.of("months", 1, "start_date", "1990-01-31", "timezone", "UTC"));
        assertThat(monthly.fireTimeAtOrAfter(ZonedDateTime.parse("2024-04-15T00:00:00Z")))
            .hasValueSatisfying((time) -> assertThat(time.toOffsetDateTime()).hasToString("2024-05-31T00:00Z"));
        CalendarIntervalTrigger mixed = create(Map.of("months", 1, "weeks", 1, "start_date", "2024-01-01",
                "end_date", "2024-12-31", "timezone", "UTC"));
        assertThat(mixed.fireTimeAtOrAfter(ZonedDateTime.parse("2024-02-09T00:00:00Z")))
            .hasValueSatisfying((time) -> assertThat(time.toOffsetDateTime()).hasToString("2024-03-15T00:00Z"));
        assertThat(mixed.fireTimeAtOrAfter(ZonedDateTime.parse("2025-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void jitterDelaysEachFireTimeByLessThanTheJitterInTheTriggersZone() {
        CalendarIntervalTrigger trigger = create(Map.of("days", 1, "hour", 9, "start_date", "2024-01-01",
                "timezone", "Europe/Helsinki", "jitter", 60));
        ZonedDateTime exact = ZonedDateTime.parse("2024-01-02T09:00:00+02:00[Europe/Helsinki]");
        ZonedDateTime previous = ZonedDateTime.parse("2024-01-01T07:00:00Z[UTC]");
        Set<ZonedDateTime> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ZonedDateTime fireTime = trigger.nextFireTime(previous, FAR_FUTURE).orElseThrow();
            assertThat(fireTime).isAfterOrEqualTo(exact).isBefore(exact.plusSeconds(60));
            assertThat(fireTime.getZone()).isEqualTo(HELSINKI);
            seen.add(fireTime);
        }
        assertThat(seen).as("jittered fire times").hasSizeGreaterThan(1);
    }

    @Test
    void jitterNeverGoesPastTheEndOfTheEndDate() {
        CalendarIntervalTrigger trigger = create(Map.of("days", 1, "hour", 23, "minute", 59, "second", 50,
                "start_date", "2024-01-01", "end_date", "2024-01-01", "timezone", "UTC", "jitter", 3600));
        ZonedDateTime exact = ZonedDateTime.parse("2024-01-01T23:59:50Z[UTC]");
        for (int i = 0; i < 100; i++) {
            assertThat(trigger.nextFireTime(null, exact).orElseThrow())
                .isBetween(exact, ZonedDateTime.parse("2024-01-02T00:00:00Z[UTC]").minusNanos(1));
        }
    }

    @Test
    void rejectsAnEmptyInterval() {
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> create(Map.of("hour", 3)))
            .withMessageContaining("at least 1 day");
    }

    @Test
    void namesTheParameterAndValueThatIsWrong() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("days", 1, "start_date", "2024-03-04", "end_date", "2024-03-03")))
            .withMessageContaining("'end_date'")
            .withMessageContaining("'2024-03-03'")
            .withMessageContaining("2024-03-04");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("days", 1, "hour", 24)))
            .withMessageContaining("'hour'")
            .withMessageContaining("'24'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("months", -1)))
            .withMessageContaining("'months'")
            .withMessageContaining("'-1'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("months", 1.5)))
            .withMessageContaining("'months'")
            .withMessageContaining("'1.5'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("weeks", 6, "start_date", "2025-02-29")))
            .withMessageContaining("'start_date'")
            .withMessageContaining("'2025-02-29'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create(Map.of("days", 1, "hours", 3)))
            .withMessageContaining("'hours'");
    }

    @Test
    void describesItselfAsApschedulerPrintsIt() {
        assertThat(create(Map.of("months", 1, "hour", 2, "minute", 30, "start_date", "2016-03-31", "timezone",
                "Europe/Berlin")))
            .hasToString("CalendarIntervalTrigger(months=1, time='02:30:00', start_date='2016-03-31', "
                    + "timezone='Europe/Berlin')");
        assertThat(create(Map.of("years", 1, "weeks", 2, "days", 3, "second", 5, "start_date", "2020-01-01",
                "end_date", "2021-01-01", "timezone", "UTC")).describe())
            .isEqualTo("CalendarIntervalTrigger(years=1, weeks=2, days=3, time='00:00:05', start_date='2020-01-01', "
                    + "end_date='2021-01-01', timezone='UTC')");
    }

    @Test
    void writesItsParametersAndRebuildsAnEqualTriggerInAnyZone() {
        CalendarIntervalTrigger trigger = create(Map.of("years", 1, "months", 2, "days", 3, "hour", 4, "minute", 5,
                "second", 6, "start_date", "2020-01-31", "end_date", "2030-01-01", "timezone", "Europe/Helsinki",
                "jitter", 0.5));
        assertThat(trigger.parameters()).containsExactly(Map.entry("years", 1), Map.entry("months", 2),
                Map.entry("days", 3), Map.entry("hour", 4), Map.entry("minute", 5), Map.entry("second", 6),
                Map.entry("start_date", "2020-01-31"), Map.entry("end_date", "2030-01-01"),
                Map.entry("timezone", "Europe/Helsinki"), Map.entry("jitter", new java.math.BigDecimal("0.5")));
        for (CalendarIntervalTrigger original : List.of(trigger, create(Map.of("weeks", 1)))) {
            Trigger rebuilt = Triggers.create(original.alias(), original.parameters(), ZoneId.of("America/Denver"));
            assertThat(rebuilt).isEqualTo(original).hasSameHashCodeAs(original);
        }
    }

    @Test
    void builderMatchesTheStringForm() {
        CalendarIntervalTrigger built = Triggers.calendarInterval().months(1).days(2).at(LocalTime.of(3, 0))
            .startDate(LocalDate.of(2024, 1, 1)).endDate(LocalDate.of(2025, 1, 1)).timezone(HELSINKI)
            .jitter(Duration.ofSeconds(2)).build();
        assertThat(built).isEqualTo(Triggers.create("calendarinterval", Map.of("months", 1, "days", 2, "hour", 3,
                "start_date", "2024-01-01", "end_date", "2025-01-01", "timezone", "Europe/Helsinki", "jitter", 2)));
    }

    @Test
    void builderStartsTodayByItsClockAndRejectsBadValues() {
        assertThat(Triggers.calendarInterval().weeks(1).timezone(HELSINKI).clock(CLOCK).build().startDate())
            .isEqualTo(LocalDate.of(2024, 5, 11));
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.calendarInterval().build())
            .withMessageContaining("at least 1 day");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.calendarInterval().days(-2))
            .withMessageContaining("'days'")
            .withMessageContaining("'-2'");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.calendarInterval().at(LocalTime.of(3, 0, 0, 5)))
            .withMessageContaining("03:00:00.000000005");
    }

    private static CalendarIntervalTrigger create(Map<String, ?> params) {
        return (CalendarIntervalTrigger) Triggers.create("calendarinterval", params, null, CLOCK);
    }

    /**
     * Returns the first {@code count} fire times as a scheduler firing on time would see them, {@code finished}
     * once the trigger is.
     */
    private static List<String> sequence(Map<String, ?> params, int count) {
        Trigger trigger = create(params);
        List<String> times = new ArrayList<>();
        ZonedDateTime previous = null;
        for (int i = 0; i < count; i++) {
            ZonedDateTime next = trigger.nextFireTime(previous, (previous != null) ? previous : FAR_FUTURE)
                .orElse(null);
            times.add((next != null) ? next.toOffsetDateTime().toString() : "finished");
            if (next == null) {
                break;
            }
            previous = next;
        }
        return times;
    }

}
