package dev.apscheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.config.ConfigValues;
import org.junit.jupiter.api.Test;

/**
 * Tests for the string form of triggers, {@link Triggers#create(String, Map, ZoneId)}.
 */
class TriggersTests {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Test
    void acceptsSnakeKebabAndCamelCaseNames() {
        Trigger snake = Triggers.create("interval", Map.of("seconds", 5, "start_date", "2024-01-01 00:00:00",
                "end_date", "2024-02-01"), HELSINKI);
        Trigger kebab = Triggers.create("interval", Map.of("seconds", 5, "start-date", "2024-01-01 00:00:00",
                "end-date", "2024-02-01"), HELSINKI);
        Trigger camel = Triggers.create("interval", Map.of("seconds", 5, "startDate", "2024-01-01 00:00:00",
                "endDate", "2024-02-01"), HELSINKI);
        assertThat(kebab).isEqualTo(snake);
        assertThat(camel).isEqualTo(snake);
        assertThat(((AndTrigger) Triggers.create("and", Map.of("max-iterations", 7, "triggers",
                List.of(Map.of("trigger", "interval", "params", Map.of("seconds", 5)))), HELSINKI)).maxIterations())
            .isEqualTo(7);
    }

    @Test
    void spellsEveryNameTheWayApschedulerDoes() {
        assertThat(ConfigValues.canonical("day_of_week")).isEqualTo("day_of_week");
        assertThat(ConfigValues.canonical("day-of-week")).isEqualTo("day_of_week");
        assertThat(ConfigValues.canonical("dayOfWeek")).isEqualTo("day_of_week");
        assertThat(ConfigValues.canonical("DayOfWeek")).isEqualTo("day_of_week");
        assertThat(ConfigValues.canonical("misfire_grace_time")).isEqualTo("misfire_grace_time");
    }

    @Test
    void acceptsNumbersAsStringsOrNumbers() {
        Trigger expected = create("interval", Map.of("seconds", 30, "start_date", "2024-01-01"));
        for (Object seconds : List.of("30", " 30 ", 30L, 30.0, 30.0f, new BigDecimal("30.000"))) {
            assertThat(create("interval", Map.of("seconds", seconds, "start_date", "2024-01-01")))
                .as("seconds given as %s (%s)", seconds, seconds.getClass().getSimpleName())
                .isEqualTo(expected);
        }
    }

    @Test
    void readsTheAliasWhateverItsCase() {
        assertThat(create(" Interval ", Map.of("seconds", 30))).isInstanceOf(IntervalTrigger.class);
        assertThat(create("CalendarInterval", Map.of("days", 1))).isInstanceOf(CalendarIntervalTrigger.class);
        assertThat(create("OR", Map.of("triggers", List.of(Map.of("trigger", "DATE"))))).isInstanceOf(OrTrigger.class);
    }

    @Test
    void rejectsAnUnknownAliasListingTheKnownOnes() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create("every", Map.of("seconds", 30)))
            .withMessageContaining("'every'")
            .withMessageContaining("date, interval, cron, calendarinterval, and, or");
    }

    @Test
    void rejectsAnUnknownParameterListingTheKnownOnes() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create("interval", Map.of("seconds", 30, "millis", 5)))
            .withMessageContaining("unknown parameter 'millis'")
            .withMessageContaining("days, end_date, hours, jitter, minutes, seconds, start_date, timezone, weeks");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("days", 1);
        params.put("hours", 5);
        params.put("minutes", 3);
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create("calendarinterval", params))
            .withMessageContaining("unknown parameters 'hours', 'minutes'");
    }

    @Test
    void rejectsTheSameParameterSpelledTwice() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seconds", 30);
        params.put("start_date", "2024-01-01");
        params.put("startDate", "2024-01-02");
        assertThatExceptionOfType(InvalidTriggerException.class).isThrownBy(() -> create("interval", params))
            .withMessageContaining("'start_date' is given twice")
            .withMessageContaining("'startDate'");
    }

    @Test
    void treatsANullValueAsAbsent() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seconds", 30);
        params.put("start_date", "2024-01-01");
        params.put("end_date", null);
        assertThat(((IntervalTrigger) create("interval", params)).endDate()).isEmpty();
    }

    @Test
    void readsEveryDateForm() {
        assertThat(runDate("2020-01-01 12:00:00")).hasToString("2020-01-01T12:00+02:00");
        assertThat(runDate("2020-01-01T12:00:00")).hasToString("2020-01-01T12:00+02:00");
        assertThat(runDate("2020-01-01 12:00")).hasToString("2020-01-01T12:00+02:00");
        assertThat(runDate("2020-01-01 12:00:00.123456")).hasToString("2020-01-01T12:00:00.123456+02:00");
        assertThat(runDate("2020-01-01T12:00:00Z")).hasToString("2020-01-01T14:00+02:00");
        assertThat(runDate("2020-01-01T12:00:00+05:00")).hasToString("2020-01-01T09:00+02:00");
        assertThat(runDate("2020-01-01 12:00:00+0500")).hasToString("2020-01-01T09:00+02:00");
        assertThat(runDate("2020-01-01T12:00:00+05:00[Asia/Karachi]")).hasToString("2020-01-01T09:00+02:00");
        assertThat(runDate("2020-01-01")).hasToString("2020-01-01T00:00+02:00");
    }

    @Test
    void shiftsANaiveTimeInTheSpringGapForwardAndTakesTheEarlierOfAnOverlap() {
        // Helsinki: 2024-03-31 03:00 -> 04:00, 2024-10-27 04:00 -> 03:00
        assertThat(runDate("2024-03-31 03:30:00")).hasToString("2024-03-31T04:30+03:00");
        assertThat(runDate("2024-10-27 03:30:00")).hasToString("2024-10-27T03:30+03:00");
    }

    @Test
    void takesTheTimezoneParameterBeforeTheDefaultZone() {
        DateTrigger trigger = (DateTrigger) Triggers.create("date", Map.of("run_date", "2020-01-01 12:00:00",
                "timezone", "Asia/Tokyo"), HELSINKI);
        assertThat(trigger.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(trigger.runDate().toOffsetDateTime()).hasToString("2020-01-01T12:00+09:00");
    }

    @Test
    void takesTheDefaultZoneBeforeTheZoneADateCarries() {
        DateTrigger trigger = (DateTrigger) Triggers.create("date", Map.of("run_date", "2020-01-01T12:00:00+05:00"),
                HELSINKI);
        assertThat(trigger.zone()).isEqualTo(HELSINKI);
        assertThat(trigger.runDate().toInstant()).hasToString("2020-01-01T07:00:00Z");
    }

    @Test
    void takesTheZoneADateCarriesWithoutADefaultZone() {
        Trigger date = Triggers.create("date", Map.of("run_date", "2020-01-01T12:00:00+05:00"));
        assertThat(date.zone()).isEqualTo(ZoneOffset.ofHours(5));
        Trigger interval = Triggers.create("interval", Map.of("seconds", 5, "start_date", "2020-01-01 12:00:00",
                "end_date", "2020-01-02T12:00:00-03:00"));
        assertThat(interval.zone()).isEqualTo(ZoneOffset.ofHours(-3));
        Trigger both = Triggers.create("interval", Map.of("seconds", 5, "start_date",
                "2020-01-01T12:00:00+01:00[Europe/Paris]", "end_date", "2020-01-02T12:00:00-03:00"));
        assertThat(both.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void takesTheSystemZoneWhenNothingNamesOne() {
        assertThat(Triggers.create("interval", Map.of("seconds", 5)).zone()).isEqualTo(ZoneId.systemDefault());
        assertThat(Triggers.create("calendarinterval", Map.of("days", 1)).zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void rejectsAValueOfTheWrongKind() {
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create("interval", Map.of("seconds", List.of(1, 2))))
            .withMessageContaining("'seconds'")
            .withMessageContaining("[1, 2]");
        assertThatExceptionOfType(InvalidTriggerException.class)
            .isThrownBy(() -> create("date", Map.of("run_date", 20200101)))
            .withMessageContaining("'run_date'")
            .withMessageContaining("'20200101'");
    }

    private static Trigger create(String alias, Map<String, ?> params) {
        return Triggers.create(alias, params, HELSINKI);
    }

    private static String runDate(String text) {
        return ((DateTrigger) create("date", Map.of("run_date", text))).runDate().toOffsetDateTime().toString();
    }

}
