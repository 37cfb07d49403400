package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.cron;
import static dev.apscheduler.trigger.CronFireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Crontab lines keep their POSIX meaning, deliberately unlike APScheduler 3's {@code from_crontab}: day-of-week 0 and
 * 7 are Sunday, and a day matches when either restricted day field does. 2024-01-01 is a Monday.
 */
class CrontabTests {

    private static final String MONDAY = "2024-01-01 00:00:00";

    @Test
    void sundayIsZeroOrSevenOrItsName() {
        for (String sunday : new String[] { "0", "7", "sun", "SUN" }) {
            assertThat(fireTimes(crontab("0 0 * * " + sunday), MONDAY, 2)).as(sunday)
                .containsExactly("2024-01-07T00:00:00Z", "2024-01-14T00:00:00Z");
        }
    }

    @Test
    void oneIsMonday() {
        assertThat(fireTimes(crontab("0 12 * * 1"), MONDAY, 2))
            .containsExactly("2024-01-01T12:00:00Z", "2024-01-08T12:00:00Z");
    }

    @Test
    void weekdayRangesAndSteps() {
        assertThat(fireTimes(crontab("15 9 * * 1-5"), "2024-01-05 10:00:00", 3))
            .containsExactly("2024-01-08T09:15:00Z", "2024-01-09T09:15:00Z", "2024-01-10T09:15:00Z");
        assertThat(fireTimes(crontab("0 0 * * 5-7"), MONDAY, 4)).containsExactly("2024-01-05T00:00:00Z",
                "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z", "2024-01-12T00:00:00Z");
        assertThat(fireTimes(crontab("0 0 * * fri-sun"), MONDAY, 3))
            .containsExactly("2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z");
        // Every second day counted from Sunday: Sunday, Tuesday, Thursday, Saturday.
        assertThat(fireTimes(crontab("0 0 * * */2"), MONDAY, 4)).containsExactly("2024-01-02T00:00:00Z",
                "2024-01-04T00:00:00Z", "2024-01-06T00:00:00Z", "2024-01-07T00:00:00Z");
    }

    @Test
    void restrictedDayOfMonthOrDayOfWeekMatches() {
        assertThat(fireTimes(crontab("0 0 1 * 1"), "2024-01-20 00:00:00", 4)).containsExactly("2024-01-22T00:00:00Z",
                "2024-01-29T00:00:00Z", "2024-02-01T00:00:00Z", "2024-02-05T00:00:00Z");
    }

    @Test
    void dayFieldStartingWithStarKeepsTheAndRule() {
        // Odd days of the month that are Mondays, as cron daemons read it.
        assertThat(fireTimes(crontab("0 0 */2 * 1"), MONDAY, 4)).containsExactly("2024-01-01T00:00:00Z",
                "2024-01-15T00:00:00Z", "2024-01-29T00:00:00Z", "2024-02-05T00:00:00Z");
    }

    @Test
    void monthNamesAndDayOfMonth() {
        assertThat(fireTimes(crontab("30 12 1 jan,jul *"), MONDAY, 3))
            .containsExactly("2024-01-01T12:30:00Z", "2024-07-01T12:30:00Z", "2025-01-01T12:30:00Z");
    }

    @Test
    void macros() {
        String now = "2024-02-28 12:10:00";
        assertThat(fireTimes(crontab("@yearly"), now, 2)).containsExactly("2025-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z");
        assertThat(fireTimes(crontab("@annually"), now, 2)).isEqualTo(fireTimes(crontab("@yearly"), now, 2));
        assertThat(fireTimes(crontab("@monthly"), now, 2)).containsExactly("2024-03-01T00:00:00Z",
                "2024-04-01T00:00:00Z");
        assertThat(fireTimes(crontab("@weekly"), now, 2)).containsExactly("2024-03-03T00:00:00Z",
                "2024-03-10T00:00:00Z");
        assertThat(fireTimes(crontab("@daily"), now, 2)).containsExactly("2024-02-29T00:00:00Z",
                "2024-03-01T00:00:00Z");
        assertThat(fireTimes(crontab("@Midnight"), now, 2)).isEqualTo(fireTimes(crontab("@daily"), now, 2));
        assertThat(fireTimes(crontab("@hourly"), now, 2)).containsExactly("2024-02-28T13:00:00Z",
                "2024-02-28T14:00:00Z");
    }

    @Test
    void crontabTriggerTakesDatesAndZone() {
        CronTrigger trigger = cron(Map.of("crontab", "0 9 * * *", "start_date", "2024-03-01", "end_date",
                "2024-03-02 09:00:00"), "Europe/Helsinki");
        assertThat(fireTimes(trigger, MONDAY, 5)).containsExactly("2024-03-01T09:00:00+02:00",
                "2024-03-02T09:00:00+02:00");
    }

    @Test
    void triggersFactoryUsesTheGivenZone() {
        CronTrigger trigger = Triggers.crontab("0 9 * * *", ZoneId.of("Asia/Tokyo"));
        assertThat(trigger.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(fireTimes(trigger, MONDAY, 1)).containsExactly("2024-01-01T09:00:00+09:00");
        assertThat(Triggers.crontab("0 9 * * *").zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void wrongNumberOfFields() {
        assertInvalid("0 0 * *", "crontab '0 0 * *': expected 5 fields (minute, hour, day of month, month, day of "
                + "week) or a macro such as @daily, found 4");
        assertInvalid("", "crontab '': expected 5 fields (minute, hour, day of month, month, day of week) or a "
                + "macro such as @daily, found 0");
    }

    @Test
    void unknownMacro() {
        assertInvalid("@reboot", "crontab '@reboot': unknown macro (known: @yearly, @annually, @monthly, @weekly, "
                + "@daily, @midnight, @hourly)");
    }

    @Test
    void errorsNameTheCrontabField() {
        assertInvalid("0 24 * * *",
                "crontab '0 24 * * *' field 'hour': the last value (24) is higher than the maximum value (23) in '24'");
        assertInvalid("60 0 * * *",
                "crontab '60 0 * * *' field 'minute': the last value (60) is higher than the maximum value (59) "
                        + "in '60'");
        assertInvalid("0 0 32 * *", "crontab '0 0 32 * *' field 'day of month': the last value (32) is higher than "
                + "the maximum value (31) in '32'");
        assertInvalid("0 0 * 13 *",
                "crontab '0 0 * 13 *' field 'month': the last value (13) is higher than the maximum value (12) "
                        + "in '13'");
        assertInvalid("0 0 * * 8",
                "crontab '0 0 * * 8' field 'day of week': the value (8) is higher than the maximum value (7) in '8'");
        assertInvalid("0 0 * * 1,moh",
                "crontab '0 0 * * 1,moh' field 'day of week': invalid weekday name 'moh' in 'moh'");
        assertInvalid("0 0 * * 5-1", "crontab '0 0 * * 5-1' field 'day of week': the minimum value in a range must "
                + "not be higher than the maximum in '5-1'");
        assertInvalid("0 0 * * */0",
                "crontab '0 0 * * */0' field 'day of week': the increment must be higher than 0 in '*/0'");
        assertInvalid("0 0 * * 1/x", "crontab '0 0 * * 1/x' field 'day of week': unrecognized expression '1/x'");
    }

    private static CronTrigger crontab(String line) {
        return Triggers.crontab(line, ZoneId.of("UTC"));
    }

    private static void assertInvalid(String line, String message) {
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> crontab(line)).withMessage(message);
    }

}
