package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link InvalidTriggerException#parameter()} names the parameter at fault as data, so that an API or a configuration
 * error can point at it without reading the message.
 */
class InvalidTriggerParameterTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            interval         | seconds      | often          | seconds
            interval         | start_date   | someday        | start_date
            interval         | jitter       | -1             | jitter
            interval         | secs         | 5              | secs
            date             | run_date     | tomorrow       | run_date
            date             | timezone     | Mars/Olympus   | timezone
            cron             | hour         | 25             | hour
            cron             | dayOfWeek    | funday         | day_of_week
            cron             | crontab      | 0 3 * *        | crontab
            cron             | crontab      | 0 3 * * funday | crontab
            cron             | crontab      | @fortnightly   | crontab
            calendarinterval | hour         | 24             | hour
            calendarinterval | days         | -2             | days
            and              | triggers     | interval       | triggers
            and              | threshold    | -1             | threshold
            """)
    void namesTheParameterAtFault(String alias, String name, String value, String parameter) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put(name, value);
        if (!name.equals("seconds") && alias.equals("interval")) {
            parameters.put("seconds", 5);
        }
        if (alias.equals("calendarinterval") && !name.equals("days")) {
            parameters.put("days", 1);
        }
        if (alias.equals("and") && !name.equals("triggers")) {
            parameters.put("triggers", List.of(Map.of("trigger", "interval", "params", Map.of("seconds", 5))));
        }
        InvalidTriggerException ex = catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.create(alias, parameters, UTC));
        assertThat(ex).as("%s %s", alias, parameters).isNotNull();
        assertThat(ex.parameter()).as(ex.getMessage()).contains(parameter);
    }

    @Test
    void namesTheParameterGivenTwiceAndTheChildOfACombination() {
        assertThat(catchThrowableOfType(InvalidTriggerException.class, () -> Triggers.create("interval",
                Map.of("seconds", 5, "start_date", "2030-01-01", "startDate", "2030-01-02"), UTC)).parameter())
            .contains("start_date");
        assertThat(catchThrowableOfType(InvalidTriggerException.class, () -> Triggers.create("or",
                Map.of("triggers", List.of(Map.of("trigger", "cron", "params", Map.of("hour", "3")),
                        Map.of("trigger", "cron", "params", Map.of("hour", "30")))), UTC)).parameter())
            .contains("triggers[1]");
        assertThat(catchThrowableOfType(InvalidTriggerException.class, () -> Triggers.create("cron",
                Map.of("crontab", "0 3 * * *", "hour", "4"), UTC)).parameter())
            .contains("crontab");
    }

    @Test
    void typedBuildersNameTheParameterToo() {
        assertThat(catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.cron().hour("25").build()).parameter()).contains("hour");
        assertThat(catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.calendarInterval().days(-1)).parameter()).contains("days");
        assertThat(catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.crontab("61 * * * *")).parameter()).contains("crontab");
    }

    @Test
    void leavesItEmptyWhenNoOneParameterIsAtFault() {
        assertThat(catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.create("weekly", Map.of(), UTC)).parameter()).isEmpty();
        assertThat(catchThrowableOfType(InvalidTriggerException.class,
                () -> Triggers.create("interval", Map.of(), UTC)).parameter()).isEmpty();
    }

}
