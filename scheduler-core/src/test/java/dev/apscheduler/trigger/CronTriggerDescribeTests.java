package dev.apscheduler.trigger;

import static dev.apscheduler.trigger.CronFireTimes.cron;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How a cron trigger describes itself, the parameters it gives back for storage, and equality.
 */
class CronTriggerDescribeTests {

    @Test
    void describesOnlyTheGivenFieldsInFieldOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("hour", "0-3");
        params.put("day", "3rd fri");
        params.put("month", "6-8,11-12");
        CronTrigger trigger = cron(params, "UTC");
        assertThat(trigger.describe()).isEqualTo("cron[month='6-8,11-12', day='3rd fri', hour='0-3']");
        assertThat(trigger).hasToString(trigger.describe());
    }

    @Test
    void describesFieldsInApschedulerForm() {
        assertThat(cron(Map.of("month", "Jun", "day_of_week", "MON-fri", "hour", "5-5", "minute", "*/1"), "UTC")
            .describe()).isEqualTo("cron[month='jun', day_of_week='mon-fri', hour='5', minute='*/1']");
        assertThat(cron(Map.of("day", "LAST, 1st Sun"), "UTC").describe()).isEqualTo("cron[day='last,1st sun']");
    }

    @Test
    void describesNeitherTimeZoneNorDates() {
        assertThat(cron(Map.of("hour", "3", "minute", "30", "start_date", "2024-01-01", "jitter", 5), "Europe/Helsinki")
            .describe()).isEqualTo("cron[hour='3', minute='30']");
    }

    @Test
    void crontabTriggerDescribesItsLine() {
        assertThat(Triggers.crontab(" 0 0 * * 0 ", ZoneId.of("UTC")).describe())
            .isEqualTo("cron[crontab='0 0 * * 0']");
    }

    @Test
    void parametersListGivenFieldsDatesZoneAndJitter() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("minute", 30);
        params.put("hour", " 3 ");
        params.put("jitter", 2.5);
        params.put("end_date", "2025-01-01");
        params.put("start_date", "2024-01-01 08:00:00");
        CronTrigger trigger = cron(params, "Europe/Helsinki");
        assertThat(trigger.parameters()).containsExactly(Map.entry("hour", "3"), Map.entry("minute", "30"),
                Map.entry("start_date", "2024-01-01T08:00:00+02:00"),
                Map.entry("end_date", "2025-01-01T00:00:00+02:00"),
                Map.entry("timezone", "Europe/Helsinki"), Map.entry("jitter", new BigDecimal("2.5")));
    }

    @Test
    void parametersAlwaysNameTheTimeZone() {
        assertThat(cron(Map.of("hour", "3"), "America/New_York").parameters())
            .containsExactly(Map.entry("hour", "3"), Map.entry("timezone", "America/New_York"));
    }

    @Test
    void crontabTriggerParametersHoldTheLine() {
        CronTrigger trigger = cron(Map.of("crontab", "@daily", "jitter", 1), "UTC");
        assertThat(trigger.parameters()).containsExactly(Map.entry("crontab", "@daily"), Map.entry("timezone", "UTC"),
                Map.entry("jitter", 1L));
        assertThat(trigger.crontab()).contains("@daily");
    }

    @Test
    void parametersCannotBeModified() {
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> cron(Map.of("hour", "3"), "UTC").parameters().put("minute", "5"));
    }

    @Test
    void triggerBuiltFromItsParametersIsEqualInAnyDefaultZone() {
        List<CronTrigger> triggers = List.of(cron(Map.of("hour", "0-3", "day", "3rd fri", "month", "6-8,11-12"), "UTC"),
                cron(Map.of("second", "0-0/1", "day_of_week", "sat,sun"), "Asia/Kolkata"),
                cron(Map.of("minute", "*/5", "start_date", "2024-03-01 10:00:00.25", "end_date", "2024-04-01",
                        "jitter", "0.5"), "Australia/Lord_Howe"),
                cron(Map.of("crontab", "0 9 1 * mon-fri"), "Europe/Berlin"),
                Triggers.cron().minute("15").startDate(ZonedDateTime.parse("2024-05-01T00:00:00+09:00[Asia/Tokyo]"))
                    .build());
        for (CronTrigger trigger : triggers) {
            Trigger rebuilt = Triggers.create(trigger.alias(), trigger.parameters(), ZoneId.of("America/Sao_Paulo"));
            assertThat(rebuilt).as(trigger.describe()).isEqualTo(trigger).hasSameHashCodeAs(trigger);
            assertThat(rebuilt.parameters()).isEqualTo(trigger.parameters());
        }
    }

    @Test
    void equalityDependsOnFieldsZoneDatesAndJitter() {
        CronTrigger trigger = cron(Map.of("hour", "3", "jitter", 1), "UTC");
        assertThat(trigger).isEqualTo(cron(Map.of("hour", "3", "jitter", "1.0"), "UTC"))
            .isNotEqualTo(cron(Map.of("hour", "4", "jitter", 1), "UTC"))
            .isNotEqualTo(cron(Map.of("hour", "3", "jitter", 2), "UTC"))
            .isNotEqualTo(cron(Map.of("hour", "3", "jitter", 1), "Europe/Helsinki"))
            .isNotEqualTo(cron(Map.of("hour", "3", "jitter", 1, "end_date", "2030-01-01"), "UTC"))
            .isNotEqualTo(cron(Map.of("hour", "3", "minute", "0", "jitter", 1), "UTC"));
    }

    @Test
    void exposesItsDatesAndJitter() {
        CronTrigger trigger = cron(Map.of("hour", "3", "start_date", "2024-01-01", "jitter", 2), "UTC");
        assertThat(trigger.alias()).isEqualTo("cron");
        assertThat(trigger.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(trigger.startDate()).contains(ZonedDateTime.parse("2024-01-01T00:00:00Z[UTC]"));
        assertThat(trigger.endDate()).isEmpty();
        assertThat(trigger.jitter()).contains(Duration.ofSeconds(2));
        assertThat(trigger.crontab()).isEmpty();
    }

}
