package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.cron;
import static dev.apscheduler.trigger.CronFireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The expression grammar of cron fields and APScheduler's defaults for omitted fields.
 */
class CronTriggerGrammarTests {

    @Test
    void starWithStepCountsFromTheFieldMinimum() {
        assertThat(fireTimes(cron(Map.of("second", "*/20"), "UTC"), "2024-01-01 00:00:05", 3))
            .containsExactly("2024-01-01T00:00:20Z", "2024-01-01T00:00:40Z", "2024-01-01T00:01:00Z");
    }

    @Test
    void rangeWithStepStopsAtTheLastValue() {
        assertThat(fireTimes(cron(Map.of("minute", "10-30/10"), "UTC"), "2024-01-01 00:00:00", 4)).containsExactly(
                "2024-01-01T00:10:00Z", "2024-01-01T00:20:00Z", "2024-01-01T00:30:00Z", "2024-01-01T01:10:00Z");
    }

    @Test
    void valueWithStepRunsUpToTheFieldMaximum() {
        assertThat(fireTimes(cron(Map.of("hour", "20/2"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-01T20:00:00Z", "2024-01-01T22:00:00Z", "2024-01-02T20:00:00Z");
    }

    @Test
    void listsAcceptSpacesAroundCommas() {
        CronTrigger trigger = cron(Map.of("minute", " 45 , 5 "), "UTC");
        assertThat(fireTimes(trigger, "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-01T00:05:00Z", "2024-01-01T00:45:00Z", "2024-01-01T01:05:00Z");
        assertThat(trigger.describe()).isEqualTo("cron[minute='45,5']");
    }

    @Test
    void monthNamesAreCaseInsensitive() {
        assertThat(fireTimes(cron(Map.of("month", "Mar-apr,NOV", "day", "1"), "UTC"), "2024-01-15 00:00:00", 4))
            .containsExactly("2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z", "2024-11-01T00:00:00Z",
                    "2025-03-01T00:00:00Z");
    }

    @Test
    void dayOfWeekNumbersStartAtMondayAndMixWithNames() {
        // 2024-01-01 is a Monday; 0 is Monday in APScheduler 3.
        assertThat(fireTimes(cron(Map.of("day_of_week", "sat,0"), "UTC"), "2024-01-01 12:00:00", 3))
            .containsExactly("2024-01-06T00:00:00Z", "2024-01-08T00:00:00Z", "2024-01-13T00:00:00Z");
    }

    @Test
    void nthWeekdayOfTheMonth() {
        assertThat(fireTimes(cron(Map.of("day", "2nd fri"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-12T00:00:00Z", "2024-02-09T00:00:00Z", "2024-03-08T00:00:00Z");
    }

    @Test
    void fifthWeekdaySkipsMonthsWithoutOne() {
        assertThat(fireTimes(cron(Map.of("day", "5th mon"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-29T00:00:00Z", "2024-04-29T00:00:00Z", "2024-07-29T00:00:00Z");
    }

    @Test
    void lastWeekdayOfTheMonth() {
        assertThat(fireTimes(cron(Map.of("day", "last fri"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-26T00:00:00Z", "2024-02-23T00:00:00Z", "2024-03-29T00:00:00Z");
    }

    @Test
    void dayOfMonthAndDayOfWeekMustBothMatch() {
        assertThat(fireTimes(cron(Map.of("day", "13", "day_of_week", "fri"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-09-13T00:00:00Z", "2024-12-13T00:00:00Z", "2025-06-13T00:00:00Z");
    }

    @Test
    void weekIsTheIsoWeekOfTheYear() {
        // ISO week 1 of 2025 starts on 2024-12-30, of 2026 on 2025-12-29.
        assertThat(fireTimes(cron(Map.of("week", "1", "day_of_week", "mon"), "UTC"), "2024-01-01 00:00:00", 3))
            .containsExactly("2024-01-01T00:00:00Z", "2024-12-30T00:00:00Z", "2025-12-29T00:00:00Z");
    }

    @Test
    void fieldsLessSignificantThanTheLastGivenOneDefaultToTheirMinimum() {
        assertThat(fireTimes(cron(Map.of("day", "5"), "UTC"), "2024-01-10 08:00:00", 2))
            .containsExactly("2024-02-05T00:00:00Z", "2024-03-05T00:00:00Z");
        assertThat(fireTimes(cron(Map.of("hour", "3"), "UTC"), "2024-01-10 08:00:00", 2))
            .containsExactly("2024-01-11T03:00:00Z", "2024-01-12T03:00:00Z");
    }

    @Test
    void fieldsMoreSignificantThanTheLastGivenOneMatchAnything() {
        assertThat(fireTimes(cron(Map.of("minute", "30"), "UTC"), "2024-12-31 22:45:00", 3))
            .containsExactly("2024-12-31T23:30:00Z", "2025-01-01T00:30:00Z", "2025-01-01T01:30:00Z");
    }

    @Test
    void weekAndDayOfWeekStayUnrestrictedWhenOmitted() {
        // Were day_of_week to default to its minimum, only a February 1st on a Monday would match.
        assertThat(fireTimes(cron(Map.of("month", "2"), "UTC"), "2024-03-01 00:00:00", 2))
            .containsExactly("2025-02-01T00:00:00Z", "2026-02-01T00:00:00Z");
    }

    @Test
    void withoutFieldsFiresEverySecond() {
        assertThat(fireTimes(cron(Map.of(), "UTC"), "2024-01-01 00:00:00.5", 2))
            .containsExactly("2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z");
    }

    @Test
    void searchRoundsUpToWholeSeconds() {
        assertThat(fireTimes(cron(Map.of("second", "*"), "UTC"), "2024-01-01 00:00:00.000001", 1))
            .containsExactly("2024-01-01T00:00:01Z");
    }

    @Test
    void yearRangesEndTheSchedule() {
        assertThat(fireTimes(cron(Map.of("year", "2025-2026", "month", "12", "day", "25"), "UTC"),
                "2024-01-01 00:00:00", 5))
            .containsExactly("2025-12-25T00:00:00Z", "2026-12-25T00:00:00Z");
    }

    @Test
    void numbersAndTextMeanTheSame() {
        assertThat(cron(Map.of("hour", 9, "minute", 30.0), "UTC"))
            .isEqualTo(cron(Map.of("hour", "9", "minute", "30"), "UTC"));
    }

    @Test
    void rangeFromZeroToZeroWithAStepIsAcceptedAsInApscheduler() {
        // APScheduler computes the range of "0-0/5" as if its last value were the maximum, so it does not reject it.
        assertThat(fireTimes(cron(Map.of("hour", "0-0/5"), "UTC"), "2024-01-01 12:00:00", 2))
            .containsExactly("2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z");
    }

}
