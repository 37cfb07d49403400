package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The trigger examples of README.md, as written there, so that the documentation keeps compiling and meaning what it
 * says.
 */
class ReadmeTriggerExamplesTests {

    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.parse("2030-01-07T12:00:00Z");

    @Test
    void stringFormExamplesBuildTheDescribedTriggers() {
        Trigger cron = Triggers.create("cron", Map.of("day_of_week", "mon-fri", "hour", "9"), ZoneId.of("Europe/Helsinki"));
        Trigger crontab = Triggers.create("cron", Map.of("crontab", "*/5 * * * *"), ZoneId.of("UTC"));
        Trigger every = Triggers.create("interval", Map.of("minutes", 15, "jitter", 30), ZoneId.of("UTC"));
        Trigger once = Triggers.create("date", Map.of("run_date", "2030-01-01 12:00:00"), ZoneId.of("UTC"));

        assertThat(cron.describe()).isEqualTo("cron[day_of_week='mon-fri', hour='9']");
        assertThat(crontab.nextFireTime(null, MONDAY_NOON.plusMinutes(1)).map(ZonedDateTime::toInstant))
            .contains(MONDAY_NOON.plusMinutes(5).toInstant());
        assertThat(every.describe()).isEqualTo("interval[0:15:00]");
        assertThat(once.describe()).isEqualTo("date[2030-01-01 12:00:00 UTC]");
    }

    @Test
    void builderExamplesBuildTheDescribedTriggers() {
        ZonedDateTime start = MONDAY_NOON;
        Trigger cron = Triggers.cron().dayOfWeek("mon-fri").hour("9").minute("30").timezone(ZoneId.of("Europe/Helsinki")).build();
        Trigger crontab = Triggers.crontab("0 3 * * 1-5");
        Trigger interval = Triggers.interval(Duration.ofSeconds(2));
        Trigger hourly = Triggers.interval().hours(1).startDate(start).jitter(Duration.ofSeconds(30)).build();
        Trigger date = Triggers.date(ZonedDateTime.parse("2030-01-01T12:00:00Z"));
        Trigger monthly = Triggers.calendarInterval().months(1).at(LocalTime.of(3, 0)).build();  // same day every month, 03:00
        Trigger or = Triggers.or(Triggers.crontab("0 9 * * 1-5"), Triggers.crontab("0 11 * * 6,0"));
        Trigger and = Triggers.and(Triggers.cron().hour("*/2").build(), Triggers.cron().dayOfWeek("mon-fri").build());

        assertThat(cron.describe()).isEqualTo("cron[day_of_week='mon-fri', hour='9', minute='30']");
        assertThat(crontab.alias()).isEqualTo("cron");
        assertThat(interval.describe()).isEqualTo("interval[0:00:02]");
        assertThat(hourly.fireTimeAtOrAfter(start.plusMinutes(1)).map(ZonedDateTime::toInstant))
            .contains(start.plusHours(1).toInstant());
        assertThat(date.describe()).isEqualTo("date[2030-01-01 12:00:00 Z]");
        assertThat(monthly.alias()).isEqualTo("calendarinterval");
        assertThat(or.alias()).isEqualTo("or");
        assertThat(and.alias()).isEqualTo("and");
    }

}
