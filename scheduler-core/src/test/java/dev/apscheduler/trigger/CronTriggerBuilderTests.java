package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.cron;
import static dev.apscheduler.trigger.CronFireTimes.fireTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The typed builder behind {@link Triggers#cron()}.
 */
class CronTriggerBuilderTests {

    @Test
    void buildsTheSameTriggerAsTheStringForm() {
        CronTrigger built = Triggers.cron().dayOfWeek("mon-fri").hour("9").timezone(ZoneId.of("Europe/Berlin")).build();
        assertThat(built).isEqualTo(cron(Map.of("day_of_week", "mon-fri", "hour", "9"), "Europe/Berlin"));
        assertThat(built.describe()).isEqualTo("cron[day_of_week='mon-fri', hour='9']");
        assertThat(fireTimes(built, "2024-01-05 10:00:00", 2))
            .containsExactly("2024-01-08T09:00:00+01:00", "2024-01-09T09:00:00+01:00");
    }

    @Test
    void setsEveryField() {
        CronTrigger built = Triggers.cron().year("2025").month("jun").day("last fri").week("26").dayOfWeek("fri")
            .hour("18").minute("30").second("15").timezone(ZoneId.of("UTC")).build();
        assertThat(built.describe()).isEqualTo("cron[year='2025', month='jun', day='last fri', week='26', "
                + "day_of_week='fri', hour='18', minute='30', second='15']");
        assertThat(fireTimes(built, "2025-01-01 00:00:00", 2)).containsExactly("2025-06-27T18:30:15Z");
    }

    @Test
    void carriesDatesAndJitter() {
        ZonedDateTime start = ZonedDateTime.parse("2024-03-01T00:00:00+01:00[Europe/Paris]");
        ZonedDateTime end = ZonedDateTime.parse("2024-04-01T00:00:00+02:00[Europe/Paris]");
        CronTrigger built = Triggers.cron().hour("6").startDate(start).endDate(end).jitter(Duration.ofMillis(1500))
            .timezone(ZoneId.of("Europe/Paris")).build();
        assertThat(built.startDate()).contains(start);
        assertThat(built.endDate()).contains(end);
        assertThat(built.jitter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void takesTheZoneOfTheStartDateWithoutATimezone() {
        CronTrigger built = Triggers.cron().hour("6")
            .startDate(ZonedDateTime.parse("2024-03-01T00:00:00+09:00[Asia/Tokyo]")).build();
        assertThat(built.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void validatesWhenBuilding() {
        CronTrigger.Builder builder = Triggers.cron().hour("24");
        assertThatNoException().isThrownBy(() -> builder.minute("5"));
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(builder::build)
            .withMessage("cron field 'hour': the last value (24) is higher than the maximum value (23) in '24'");
    }

    @Test
    void rejectsNegativeJitter() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> Triggers.cron().hour("1").jitter(Duration.ofSeconds(-1)).build())
            .withMessageContaining("parameter 'jitter'");
    }

}
