package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.at;
import static dev.apscheduler.trigger.CronFireTimes.cron;
import static dev.apscheduler.trigger.CronFireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Calendar edge cases (leap years, month ends), start and end dates, the previous fire time and the current time,
 * and jitter.
 */
class CronTriggerCalendarTests {

    @Test
    void february29thFiresInLeapYearsOnly() {
        assertThat(fireTimes(cron(Map.of("month", "2", "day", "29"), "UTC"), "2024-03-01 00:00:00", 2))
            .containsExactly("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z");
    }

    @Test
    void day31SkipsShorterMonths() {
        assertThat(fireTimes(cron(Map.of("day", "31"), "UTC"), "2024-01-31 12:00:00", 4)).containsExactly(
                "2024-03-31T00:00:00Z", "2024-05-31T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-31T00:00:00Z");
    }

    @Test
    void lastDayFollowsTheLengthOfEachMonth() {
        assertThat(fireTimes(cron(Map.of("day", "last", "hour", "12"), "UTC"), "2024-02-01 00:00:00", 3))
            .containsExactly("2024-02-29T12:00:00Z", "2024-03-31T12:00:00Z", "2024-04-30T12:00:00Z");
        assertThat(fireTimes(cron(Map.of("day", "last", "hour", "12"), "UTC"), "2023-02-01 00:00:00", 1))
            .containsExactly("2023-02-28T12:00:00Z");
    }

    @Test
    void impossibleDateNeverFires() {
        CronTrigger trigger = cron(Map.of("month", "2", "day", "30"), "UTC");
        assertThat(trigger.nextFireTime(null, at(trigger, "2024-01-01 00:00:00"))).isEmpty();
    }

    @Test
    void pastYearNeverFires() {
        CronTrigger trigger = cron(Map.of("year", "2023"), "UTC");
        assertThat(trigger.nextFireTime(null, at(trigger, "2024-01-01 00:00:00"))).isEmpty();
    }

    @Test
    void startDateIsInclusive() {
        assertThat(fireTimes(cron(Map.of("hour", "9", "start_date", "2024-06-01 09:00:00"), "UTC"),
                "2024-01-01 00:00:00", 2))
            .containsExactly("2024-06-01T09:00:00Z", "2024-06-02T09:00:00Z");
    }

    @Test
    void startDateIsOnlyConsultedWithoutAPreviousFireTime() {
        // As in APScheduler 3.11: once the job has run, the search starts after its previous fire time.
        CronTrigger trigger = cron(Map.of("hour", "9", "start_date", "2024-06-01"), "UTC");
        assertThat(trigger.nextFireTime(at(trigger, "2024-01-01 09:00:00"), at(trigger, "2024-01-01 09:00:00"))
            .map(DateTimes::format)).contains("2024-01-02T09:00:00Z");
    }

    @Test
    void endDateIsInclusive() {
        assertThat(fireTimes(cron(Map.of("hour", "9", "end_date", "2024-01-03 09:00:00"), "UTC"),
                "2024-01-01 00:00:00", 5))
            .containsExactly("2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z", "2024-01-03T09:00:00Z");
    }

    @Test
    void nextFireTimeIsStrictlyAfterThePreviousOne() {
        CronTrigger trigger = cron(Map.of("hour", "9"), "UTC");
        ZonedDateTime previous = at(trigger, "2024-01-01 09:00:00");
        assertThat(trigger.nextFireTime(previous, previous).map(DateTimes::format)).contains("2024-01-02T09:00:00Z");
    }

    @Test
    void catchingUpReturnsTheFireTimeAfterThePreviousOne() {
        CronTrigger trigger = cron(Map.of("hour", "9"), "UTC");
        assertThat(trigger.nextFireTime(at(trigger, "2024-01-01 09:00:00"), at(trigger, "2024-01-05 12:00:00"))
            .map(DateTimes::format)).contains("2024-01-02T09:00:00Z");
    }

    @Test
    void clockThatWentBackSearchesFromNow() {
        CronTrigger trigger = cron(Map.of("hour", "9"), "UTC");
        assertThat(trigger.nextFireTime(at(trigger, "2024-01-05 09:00:00"), at(trigger, "2024-01-02 10:00:00"))
            .map(DateTimes::format)).contains("2024-01-03T09:00:00Z");
    }

    @Test
    void fireTimeAtOrAfterIncludesTheGivenTimeAndKeepsToTheDates() {
        CronTrigger trigger = cron(Map.of("hour", "9", "start_date", "2024-06-01", "end_date", "2024-06-30"), "UTC");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-06-10 09:00:00")).map(DateTimes::format))
            .contains("2024-06-10T09:00:00Z");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-06-10 09:00:00.1")).map(DateTimes::format))
            .contains("2024-06-11T09:00:00Z");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-01-01 00:00:00")).map(DateTimes::format))
            .contains("2024-06-01T09:00:00Z");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-06-29 09:00:01"))).isEmpty();
    }

    @Test
    void jitterDelaysEachFireTimeByLessThanTheJitter() {
        CronTrigger trigger = cron(Map.of("second", "*/10", "jitter", 3), "UTC");
        ZonedDateTime now = at(trigger, "2024-01-01 00:00:01");
        ZonedDateTime exact = trigger.fireTimeAtOrAfter(now).orElseThrow();
        Set<ZonedDateTime> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ZonedDateTime fireTime = trigger.nextFireTime(null, now).orElseThrow();
            assertThat(fireTime).isAfterOrEqualTo(exact).isBefore(exact.plus(Duration.ofSeconds(3)));
            seen.add(fireTime);
        }
        assertThat(seen).as("jittered fire times").hasSizeGreaterThan(1);
    }

    @Test
    void jitterNeverMovesAFireTimePastTheEndDate() {
        CronTrigger trigger = cron(Map.of("minute", "*", "jitter", 30, "end_date", "2024-01-01 00:10:10"), "UTC");
        ZonedDateTime end = trigger.endDate().orElseThrow();
        for (int i = 0; i < 200; i++) {
            ZonedDateTime fireTime = trigger.nextFireTime(null, at(trigger, "2024-01-01 00:09:30")).orElseThrow();
            assertThat(fireTime).isAfterOrEqualTo(at(trigger, "2024-01-01 00:10:00")).isBeforeOrEqualTo(end);
        }
    }

    @Test
    void fireTimeAtOrAfterIgnoresJitter() {
        CronTrigger trigger = cron(Map.of("minute", "*", "jitter", 30), "UTC");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-01-01 00:09:30")).map(DateTimes::format))
            .contains("2024-01-01T00:10:00Z");
    }

}
