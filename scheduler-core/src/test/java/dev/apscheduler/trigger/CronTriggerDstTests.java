package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.at;
import static dev.apscheduler.trigger.CronFireTimes.cron;
import static dev.apscheduler.trigger.CronFireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Daylight saving time: wall-clock times in a spring-forward gap fire the length of the gap later; in a fall-back
 * overlap a schedule with a fixed hour fires once (the first occurrence) while one whose hour is {@code *} fires in
 * both passes.
 *
 * <p>Transitions used: Europe/Helsinki 2024-03-31 03:00 to 04:00 and 2024-10-27 04:00 back to 03:00;
 * America/New_York 2024-03-10 02:00 to 03:00 and 2024-11-03 02:00 back to 01:00; Australia/Lord_Howe (a 30 minute
 * shift) 2024-10-06 02:00 to 02:30 and 2024-04-07 02:00 back to 01:30.
 */
class CronTriggerDstTests {

    @Test
    void timeInTheGapFiresTheLengthOfTheGapLaterInHelsinki() {
        assertThat(fireTimes(cron(Map.of("hour", "3", "minute", "30"), "Europe/Helsinki"), "2024-03-30 00:00:00", 3))
            .containsExactly("2024-03-30T03:30:00+02:00", "2024-03-31T04:30:00+03:00", "2024-04-01T03:30:00+03:00");
    }

    @Test
    void timeInTheGapFiresTheLengthOfTheGapLaterInNewYork() {
        assertThat(fireTimes(cron(Map.of("hour", "2", "minute", "30"), "America/New_York"), "2024-03-09 12:00:00", 2))
            .containsExactly("2024-03-10T03:30:00-04:00", "2024-03-11T02:30:00-04:00");
    }

    @Test
    void timeAfterAHalfHourGapFiresOnTheDayOfTheChange() {
        assertThat(fireTimes(cron(Map.of("hour", "2", "minute", "45"), "Australia/Lord_Howe"), "2024-10-05 12:00:00",
                2))
            .containsExactly("2024-10-06T02:45:00+11:00", "2024-10-07T02:45:00+11:00");
    }

    @Test
    void timeInsideAHalfHourGapFiresAsLateAsTheGapIsLong() {
        // APScheduler 3.11 keeps the wall time it sets (02:00, in the gap) while it matches the minute, and resolves
        // 02:15 only then, with the offset before the gap: 02:15+10:30 is 02:45+11:00.
        assertThat(fireTimes(cron(Map.of("hour", "2", "minute", "15"), "Australia/Lord_Howe"), "2024-10-05 12:00:00",
                2))
            .containsExactly("2024-10-06T02:45:00+11:00", "2024-10-07T02:15:00+11:00");
    }

    @Test
    void frequentScheduleRunsThroughAHalfHourGap() {
        assertThat(fireTimes(cron(Map.of("minute", "*/15"), "Australia/Lord_Howe"), "2024-10-06 01:20:00", 4))
            .containsExactly("2024-10-06T01:30:00+10:30", "2024-10-06T01:45:00+10:30", "2024-10-06T02:30:00+11:00",
                    "2024-10-06T02:45:00+11:00");
    }

    @Test
    void steppingUpADayAcrossASpringForwardNeverPassesOverTheNextMidnight() {
        // APScheduler 3.11 adds the wall-clock difference as elapsed time when it steps a field up, so the step from
        // 2024-03-31 01:00 CET to the next midnight lands at 01:00 CEST and passes over the 1st of April (its issue
        // 606, conformance cases h11-19 and h11-190). We keep the midnight, which exists.
        assertThat(fireTimes(cron(Map.of("crontab", "@daily"), "Europe/Berlin"), "2024-03-30 12:00:00", 3))
            .containsExactly("2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", "2024-04-02T00:00:00+02:00");
    }

    @Test
    void aGapTimeNeverFiresAfterLaterTimesThatExist() {
        // St. John's skipped 00:01-01:01 on 2010-03-14: 01:00 would resolve to 02:00, after 01:01-01:59, which exist
        // and match; APScheduler fires at 02:00 and passes over them.
        assertThat(fireTimes(cron(Map.of("hour", "1", "minute", "*"), "America/St_Johns"), "2010-03-13 23:00:00", 2))
            .containsExactly("2010-03-14T01:01:00-02:30", "2010-03-14T01:02:00-02:30");
    }

    @Test
    void everyHourScheduleFiresInTheSecondPassOfAnOverlapThatEndsOffTheHour() {
        // Bishkek went from 02:30 (+06) back to 01:30 (+05) on 1998-10-25: setting the minute from 02:15 to 02:30 in
        // the first pass jumps over the whole second pass in APScheduler; we go there by elapsed time.
        assertThat(fireTimes(cron(Map.of("minute", "*/15"), "Asia/Bishkek"), "1998-10-25 02:10:00", 4))
            .containsExactly("1998-10-25T02:15:00+06:00", "1998-10-25T01:30:00+05:00", "1998-10-25T01:45:00+05:00",
                    "1998-10-25T02:00:00+05:00");
    }

    @Test
    void frequentScheduleContinuesAfterTheGap() {
        assertThat(fireTimes(cron(Map.of("minute", "*/30"), "America/New_York"), "2024-03-10 01:35:00", 3))
            .containsExactly("2024-03-10T03:00:00-04:00", "2024-03-10T03:30:00-04:00", "2024-03-10T04:00:00-04:00");
    }

    @Test
    void fixedHourFiresOnceInTheOverlapInHelsinki() {
        assertThat(fireTimes(cron(Map.of("hour", "3", "minute", "30"), "Europe/Helsinki"), "2024-10-26 12:00:00", 3))
            .containsExactly("2024-10-27T03:30:00+03:00", "2024-10-28T03:30:00+02:00", "2024-10-29T03:30:00+02:00");
    }

    @Test
    void fixedHourWithSeveralMinutesFiresOnlyInTheFirstPassInNewYork() {
        assertThat(fireTimes(cron(Map.of("hour", "1", "minute", "*/30"), "America/New_York"), "2024-11-03 00:45:00",
                4))
            .containsExactly("2024-11-03T01:00:00-04:00", "2024-11-03T01:30:00-04:00", "2024-11-04T01:00:00-05:00",
                    "2024-11-04T01:30:00-05:00");
    }

    @Test
    void hourRangeCountsAsFixed() {
        assertThat(fireTimes(cron(Map.of("hour", "0-2", "minute", "30"), "America/New_York"), "2024-11-03 00:00:00",
                4))
            .containsExactly("2024-11-03T00:30:00-04:00", "2024-11-03T01:30:00-04:00", "2024-11-03T02:30:00-05:00",
                    "2024-11-04T00:30:00-05:00");
    }

    @Test
    void everyHourFiresInBothPassesInHelsinki() {
        assertThat(fireTimes(cron(Map.of("minute", "30"), "Europe/Helsinki"), "2024-10-27 02:00:00", 4))
            .containsExactly("2024-10-27T02:30:00+03:00", "2024-10-27T03:30:00+03:00", "2024-10-27T03:30:00+02:00",
                    "2024-10-27T04:30:00+02:00");
    }

    @Test
    void everyHourFiresInBothPassesOfAHalfHourOverlap() {
        assertThat(fireTimes(cron(Map.of("minute", "*/15"), "Australia/Lord_Howe"), "2024-04-07 01:20:00", 5))
            .containsExactly("2024-04-07T01:30:00+11:00", "2024-04-07T01:45:00+11:00", "2024-04-07T01:30:00+10:30",
                    "2024-04-07T01:45:00+10:30", "2024-04-07T02:00:00+10:30");
    }

    @Test
    void fixedHourFiresOnceInAHalfHourOverlap() {
        assertThat(fireTimes(cron(Map.of("hour", "1", "minute", "45"), "Australia/Lord_Howe"), "2024-04-06 12:00:00",
                2))
            .containsExactly("2024-04-07T01:45:00+11:00", "2024-04-08T01:45:00+10:30");
    }

    @Test
    void startingInTheFirstPassAfterTheTimeStillFindsTheSecondPass() {
        // No fire time just before the start: for this caller the first occurrence was not a run (as APScheduler).
        CronTrigger trigger = cron(Map.of("hour", "1", "minute", "30"), "America/New_York");
        assertThat(trigger.nextFireTime(null, at(trigger, "2024-11-03T01:30:05-04:00")).map(DateTimes::format))
            .contains("2024-11-03T01:30:00-05:00");
    }

    @Test
    void aNewJobStartingAtTheFirstSecondOfTheSecondPassFiresInIt() {
        // America/Havana repeated 00:00-01:00 on 2015-11-01. The second before the start (00:59:59 in the first pass)
        // matches the schedule, but without a previous fire time nothing ran in the first pass (as APScheduler).
        CronTrigger trigger = cron(Map.of("hour", "0", "minute", "*", "second", "59"), "America/Havana");
        assertThat(trigger.nextFireTime(null, at(trigger, "2015-11-01T00:00:00-05:00")).map(DateTimes::format))
            .contains("2015-11-01T00:00:59-05:00");
        // after a run in the first pass the second pass is skipped
        assertThat(trigger.nextFireTime(at(trigger, "2015-11-01T00:59:59-04:00"),
                at(trigger, "2015-11-01T00:59:59-04:00")).map(DateTimes::format))
            .contains("2015-11-02T00:00:59-05:00");
    }

    @Test
    void minuteStepsInsideAGapMatchTheWallTimeBeforeItIsResolved() {
        // Lord Howe skips 02:00-02:30 on 2020-10-04: minute 3-59/13 is matched against 02:00, giving 02:03 (02:33).
        assertThat(fireTimes(cron(Map.of("hour", "2", "minute", "3-59/13"), "Australia/Lord_Howe"),
                "2020-10-03 12:00:00", 3))
            .containsExactly("2020-10-04T02:33:00+11:00", "2020-10-04T02:42:00+11:00", "2020-10-04T02:55:00+11:00");
        // Sao Paulo skipped 00:00-01:00 on 2012-10-21: midnight there is 01:00
        assertThat(fireTimes(cron(Map.of("crontab", "*/15 0 */10 10 0"), "America/Sao_Paulo"), "2011-10-16 02:24:00",
                1))
            .containsExactly("2012-10-21T01:00:00-02:00");
    }

    @Test
    void dailyScheduleKeepsItsWallClockTimeAcrossTransitions() {
        CronTrigger trigger = cron(Map.of("hour", "8"), "America/New_York");
        assertThat(fireTimes(trigger, "2024-03-09 12:00:00", 2))
            .containsExactly("2024-03-10T08:00:00-04:00", "2024-03-11T08:00:00-04:00");
        assertThat(fireTimes(trigger, "2024-11-02 12:00:00", 2))
            .containsExactly("2024-11-03T08:00:00-05:00", "2024-11-04T08:00:00-05:00");
    }

    @Test
    void searchFromAnInstantInAnotherZoneUsesTheTriggerZone() {
        CronTrigger trigger = cron(Map.of("hour", "3", "minute", "30"), "Europe/Helsinki");
        ZonedDateTime now = ZonedDateTime.parse("2024-10-26T22:00:00Z");
        assertThat(trigger.nextFireTime(null, now).map(DateTimes::format)).contains("2024-10-27T03:30:00+03:00");
    }

    @Test
    void atOrAfterSkipsTheSecondPassRightAfterAFirstPassTime() {
        CronTrigger trigger = cron(Map.of("hour", "3", "minute", "30"), "Europe/Helsinki");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-10-27T03:30:00+03:00")).map(DateTimes::format))
            .contains("2024-10-27T03:30:00+03:00");
        assertThat(trigger.fireTimeAtOrAfter(at(trigger, "2024-10-27T03:30:00.000001+03:00")).map(DateTimes::format))
            .contains("2024-10-28T03:30:00+02:00");
    }

}
