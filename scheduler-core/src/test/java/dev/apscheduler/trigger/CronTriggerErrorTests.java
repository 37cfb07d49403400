package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.cron;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Invalid cron parameters fail when the trigger is built, with messages that name the field and the value.
 */
class CronTriggerErrorTests {

    @Test
    void lastValueAboveTheMaximum() {
        assertInvalid(Map.of("hour", "0-24"),
                "cron field 'hour': the last value (24) is higher than the maximum value (23) in '0-24'");
    }

    @Test
    void firstValueBelowTheMinimum() {
        assertInvalid(Map.of("day", "0-3"),
                "cron field 'day': the first value (0) is lower than the minimum value (1) in '0-3'");
    }

    @Test
    void stepLargerThanTheFieldRange() {
        assertInvalid(Map.of("day", "*/31"),
                "cron field 'day': the step value (31) is higher than the total range of the expression (30) "
                        + "in '*/31'");
    }

    @Test
    void stepLargerThanTheRange() {
        assertInvalid(Map.of("day", "4-6/3"),
                "cron field 'day': the step value (3) is higher than the total range of the expression (2) in '4-6/3'");
        assertInvalid(Map.of("minute", "58/2"),
                "cron field 'minute': the step value (2) is higher than the total range of the expression (1) "
                        + "in '58/2'");
    }

    @Test
    void zeroStep() {
        assertInvalid(Map.of("hour", "*/0"), "cron field 'hour': the increment must be higher than 0 in '*/0'");
    }

    @Test
    void reversedRange() {
        assertInvalid(Map.of("day", "5-3"),
                "cron field 'day': the minimum value in a range must not be higher than the maximum in '5-3'");
        assertInvalid(Map.of("month", "dec-jan"),
                "cron field 'month': the minimum value in a range must not be higher than the maximum in 'dec-jan'");
    }

    @Test
    void unrecognizedExpression() {
        assertInvalid(Map.of("year", "2009-fault"), "cron field 'year': unrecognized expression '2009-fault'");
        assertInvalid(Map.of("day", "6th fri"), "cron field 'day': unrecognized expression '6th fri'");
        assertInvalid(Map.of("hour", "mon"), "cron field 'hour': unrecognized expression 'mon'");
        assertInvalid(Map.of("minute", ""), "cron field 'minute': unrecognized expression ''");
    }

    @Test
    void textAfterAValidFormIsRejectedUnlikeApscheduler() {
        // APScheduler matches weekday ranges at the start of the text only and would ignore the step.
        assertInvalid(Map.of("day_of_week", "mon-fri/2"),
                "cron field 'day_of_week': unrecognized expression 'mon-fri/2'");
        assertInvalid(Map.of("day", "lastly"), "cron field 'day': unrecognized expression 'lastly'");
    }

    @Test
    void unknownNames() {
        assertInvalid(Map.of("day", "1st moh"), "cron field 'day': invalid weekday name 'moh' in '1st moh'");
        assertInvalid(Map.of("day_of_week", "moh-fri"),
                "cron field 'day_of_week': invalid weekday name 'moh' in 'moh-fri'");
        assertInvalid(Map.of("day_of_week", "mon-fre"),
                "cron field 'day_of_week': invalid weekday name 'fre' in 'mon-fre'");
        assertInvalid(Map.of("month", "foo"), "cron field 'month': invalid month name 'foo' in 'foo'");
    }

    @Test
    void errorInAListNamesTheElementAndTheWholeValue() {
        assertInvalid(Map.of("hour", "1,25"),
                "cron field 'hour': the last value (25) is higher than the maximum value (23) in '25' of '1,25'");
    }

    @Test
    void numberTooLarge() {
        assertInvalid(Map.of("year", "99999999999"),
                "cron field 'year': the value 99999999999 is too large in '99999999999'");
    }

    @Test
    void unknownParameter() {
        assertInvalid(Map.of("hours", "3"), "trigger 'cron': unknown parameter 'hours' (known: crontab, day, "
                + "day_of_week, end_date, hour, jitter, minute, month, second, start_date, timezone, week, year)");
    }

    @Test
    void crontabCombinedWithFields() {
        assertInvalid(Map.of("crontab", "* * * * *", "hour", "3", "second", "0"),
                "trigger 'cron': parameter 'crontab' cannot be combined with 'hour', 'second'");
    }

    @Test
    void valueOfTheWrongType() {
        assertInvalid(Map.of("hour", true),
                "trigger 'cron' parameter 'hour': invalid value 'true': expected a string or a number");
    }

    @Test
    void invalidDatesZoneAndJitterNameTheParameter() {
        assertInvalid(Map.of("hour", "3", "start_date", "tomorrow"), "trigger 'cron' parameter 'start_date': "
                + "invalid value 'tomorrow': not a date-time (expected e.g. '2020-01-01 12:00:00', "
                + "'2020-01-01T12:00:00+02:00' or '2020-01-01')");
        assertInvalid(Map.of("hour", "3", "timezone", "Mars/Olympus"),
                "trigger 'cron' parameter 'timezone': invalid value 'Mars/Olympus': not a known time zone");
        assertInvalid(Map.of("hour", "3", "jitter", -1),
                "trigger 'cron' parameter 'jitter': invalid value '-1': must not be negative");
    }

    private static void assertInvalid(Map<String, ?> params, String message) {
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> cron(params, "UTC"))
            .withMessage(message);
    }

}
