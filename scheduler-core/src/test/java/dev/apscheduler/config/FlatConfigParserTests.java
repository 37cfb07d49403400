package dev.apscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.job.JobDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * APScheduler's flat configuration form, its spellings and conversions, and its errors.
 */
class FlatConfigParserTests {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void parsesAPSchedulersExample() {
        SchedulerConfig config = SchedulerConfig.fromMap(map(
                "apscheduler.jobstores.default.type", "memory",
                "apscheduler.jobstores.mongo.type", "mongodb",
                "apscheduler.executors.default.class", "dev.apscheduler.executor.ThreadPoolJobExecutor",
                "apscheduler.executors.default.max_workers", "20",
                "apscheduler.executors.processpool.type", "processpool",
                "apscheduler.executors.processpool.max_workers", "5",
                "apscheduler.job_defaults.coalesce", "false",
                "apscheduler.job_defaults.max_instances", "3",
                "apscheduler.timezone", "UTC",
                "unrelated.key", "ignored"));
        assertThat(config.timezone()).contains(ZoneId.of("UTC"));
        assertThat(config.jobDefaults()).isEqualTo(new JobDefaults(Duration.ofSeconds(1), false, 3));
        assertThat(config.jobStores()).containsOnlyKeys("default", "mongo");
        assertThat(config.jobStores().get("default").type()).isEqualTo("memory");
        ComponentConfig executor = config.executors().get("default");
        assertThat(executor.className()).isEqualTo("dev.apscheduler.executor.ThreadPoolJobExecutor");
        assertThat(executor.options().integer("max_workers")).contains(20);
        assertThat(executor.source()).isEqualTo("apscheduler.executors.default");
        assertThat(config.executors().get("processpool").type()).isEqualTo("processpool");
        assertThat(config.jobstoreRetryInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsOptionsGroupedUnderOptionsAndNamesTheirKeysAsWritten() {
        SchedulerConfig config = SchedulerConfig.fromMap(map(
                "apscheduler.jobstores.shared.type", "memory",
                "apscheduler.jobstores.shared.max-wait", "5s",
                "apscheduler.jobstores.shared.options.table-name", "jobs"));
        ComponentOptions options = config.jobStores().get("shared").options();
        assertThat(options.names()).containsExactly("max_wait", "table_name");
        assertThat(options.string("table_name")).contains("jobs");
        assertThat(options.keyFor("table_name")).isEqualTo("apscheduler.jobstores.shared.options.table-name");
        assertThat(options.keyFor("max_wait")).isEqualTo("apscheduler.jobstores.shared.max-wait");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> options.requireOnly("job store type 'memory'", java.util.List.of("max_wait")))
            .withMessageStartingWith("apscheduler.jobstores.shared.options.table-name: unknown option");
    }

    @Test
    void refusesAnOptionGivenBothDirectlyAndUnderOptions() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> SchedulerConfig.fromMap(map("apscheduler.jobstores.shared.table_name", "a",
                    "apscheduler.jobstores.shared.options.table-name", "b")))
            .withMessage("option 'apscheduler.jobstores.shared.options.table-name' is given twice, also as "
                    + "'apscheduler.jobstores.shared.table_name'");
    }

    @Test
    void acceptsKebabAndCamelCaseKeys() {
        SchedulerConfig config = SchedulerConfig.fromMap(map(
                "apscheduler.job-defaults.misfire-grace-time", "30",
                "apscheduler.jobDefaults.maxInstances", 2,
                "apscheduler.executors.my-pool.max-workers", "7",
                "apscheduler.jobstore-retry-interval", "2.5",
                "apscheduler.shutdown-timeout", "5s"));
        assertThat(config.jobDefaults()).isEqualTo(new JobDefaults(Duration.ofSeconds(30), true, 2));
        ComponentOptions options = config.executors().get("my-pool").options();
        assertThat(options.integer("max_workers")).contains(7);
        assertThat(options.keyFor("max_workers")).isEqualTo("apscheduler.executors.my-pool.max-workers");
        assertThat(config.jobstoreRetryInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void misfireGraceTimeNoneMeansRunHoweverLate() {
        assertThat(SchedulerConfig.fromMap(map("apscheduler.job_defaults.misfire_grace_time", "none"))
            .jobDefaults().misfireGraceTime()).isNull();
        assertThat(SchedulerConfig.fromMap(map("apscheduler.job_defaults.misfire_grace_time", null))
            .jobDefaults().misfireGraceTime()).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "true, true", "yes, true", "on, true", "y, true", "t, true", "1, true", "TRUE, true",
            "false, false", "no, false", "off, false", "n, false", "f, false", "0, false" })
    void booleansFollowAsbool(String text, boolean expected) {
        assertThat(SchedulerConfig.fromMap(map("apscheduler.job_defaults.coalesce", text)).jobDefaults().coalesce())
            .isEqualTo(expected);
    }

    @Test
    void nestedMapsAreFlattened() {
        SchedulerConfig config = SchedulerConfig.fromMap(map("apscheduler", map(
                "executors", map("default", map("type", "threadpool", "max_workers", 20)),
                "job_defaults", map("coalesce", false))));
        assertThat(config.executors().get("default").type()).isEqualTo("threadpool");
        assertThat(config.jobDefaults().coalesce()).isFalse();
    }

    @Test
    void anotherPrefixOrNoneCanBeUsed() {
        assertThat(FlatConfigParser.withPrefix("scheduler.").parse(map("scheduler.timezone", "UTC",
                "apscheduler.timezone", "Europe/Paris")).timezone()).contains(ZoneId.of("UTC"));
        assertThat(FlatConfigParser.withPrefix(null).parse(map("timezone", "UTC")).timezone())
            .contains(ZoneId.of("UTC"));
    }

    @Test
    void ignoredTopLevelNamesAreSkipped() {
        SchedulerConfig config = FlatConfigParser.withPrefix("apscheduler.").ignoring("enabled", "auto-startup", "jpa")
            .parse(map("apscheduler.enabled", "true", "apscheduler.auto-startup", "false",
                    "apscheduler.jpa.initialize-schema", "always", "apscheduler.timezone", "UTC"));
        assertThat(config.timezone()).contains(ZoneId.of("UTC"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "apscheduler.job_defaults.max_instances | 0 | apscheduler.job_defaults.max_instances: invalid value '0': "
                    + "expected a number >= 1",
            "apscheduler.job-defaults.max-instances | 1.5 | apscheduler.job-defaults.max-instances: invalid value "
                    + "'1.5': expected a whole number",
            "apscheduler.job_defaults.coalesce | maybe | apscheduler.job_defaults.coalesce: invalid value 'maybe': "
                    + "expected a boolean (true/false, yes/no, on/off, y/n, t/f, 1/0)",
            "apscheduler.job_defaults.misfire_grace_time | -5 | apscheduler.job_defaults.misfire_grace_time: invalid "
                    + "value '-5': expected a positive duration",
            "apscheduler.job_defaults.misfire_grace_time | soon | apscheduler.job_defaults.misfire_grace_time: "
                    + "invalid value 'soon': expected a number of seconds (e.g. 30 or 0.5), a duration with a unit "
                    + "(500ms, 30s, 5m, 1h, 1d) or an ISO-8601 duration (PT30S)",
            "apscheduler.timezone | Mars/Olympus | apscheduler.timezone: invalid value 'Mars/Olympus': expected a "
                    + "time zone such as UTC or Europe/Helsinki",
            "apscheduler.jobstore_retry_interval | 0 | apscheduler.jobstore_retry_interval: invalid value '0': "
                    + "expected a positive duration",
            "apscheduler.shutdown_timeout | -1 | apscheduler.shutdown_timeout: invalid value '-1': expected zero or "
                    + "a positive duration",
            "apscheduler.job_defaults.coalese | true | apscheduler.job_defaults.coalese: unknown job default (known: "
                    + "misfire_grace_time, coalesce, max_instances)",
            "apscheduler.threads | 4 | apscheduler.threads: unknown key (known: timezone, jobstore_retry_interval, "
                    + "shutdown_timeout, job_defaults.<option>, jobstores.<alias>.<option>, "
                    + "executors.<alias>.<option>)",
            "apscheduler.executors.default | x | apscheduler.executors.default: expected "
                    + "apscheduler.executors.<alias>.<option>" })
    void invalidValuesNameTheKeyAsWrittenAndTheValue(String key, String value, String message) {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> SchedulerConfig.fromMap(map(key, value)))
            .withMessage(message)
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo(key));
    }

    @Test
    void typeAndClassTogetherAreRefused() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> SchedulerConfig.fromMap(map("apscheduler.jobstores.default.type", "memory",
                    "apscheduler.jobstores.default.class", "x.Y")))
            .withMessage("apscheduler.jobstores.default: give either 'type' ('memory') or 'class' ('x.Y'), not both");
    }

    @Test
    void optionGivenTwiceInDifferentSpellingsIsRefused() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> SchedulerConfig.fromMap(map("apscheduler.executors.default.max_workers", "1",
                    "apscheduler.executors.default.max-workers", "2")))
            .withMessage("option 'apscheduler.executors.default.max-workers' is given twice, also as "
                    + "'apscheduler.executors.default.max_workers'");
    }

    @Test
    void builderValidatesAtOnce() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> SchedulerConfig.builder().jobstoreRetryInterval(Duration.ZERO))
            .withMessage("jobstore_retry_interval must be positive, was PT0S");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> SchedulerConfig.builder().executor(" ", ComponentConfig.ofType("direct")))
            .withMessage("alias must not be blank, was ' '");
        SchedulerConfig config = SchedulerConfig.builder().timezone(ZoneId.of("UTC"))
            .executor("default", ComponentConfig.ofType("threadpool", Map.of("max_workers", 3)))
            .jobStore("default", ComponentConfig.ofType("memory")).shutdownTimeout(Duration.ZERO).build();
        assertThat(config.executors().get("default").options().integer("max_workers")).contains(3);
        assertThat(config.shutdownTimeout()).isZero();
    }

}
