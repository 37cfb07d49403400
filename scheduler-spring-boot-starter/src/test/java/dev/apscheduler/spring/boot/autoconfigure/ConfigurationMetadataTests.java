package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata the configuration processor generates describes every {@code apscheduler.*} key.
 */
class ConfigurationMetadataTests {

    @Test
    void everyPropertyHasADescription() throws IOException {
        JsonNode metadata = read();
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            assertThat(property.path("description").asString("")).as(name).isNotBlank();
        }
        assertThat(names).contains("apscheduler.enabled", "apscheduler.auto-startup", "apscheduler.timezone",
                "apscheduler.shutdown-timeout", "apscheduler.jobstore-retry-interval", "apscheduler.jobstores",
                "apscheduler.executors", "apscheduler.job-defaults.coalesce", "apscheduler.job-defaults.max-instances",
                "apscheduler.job-defaults.misfire-grace-time", "apscheduler.jobs", "apscheduler.instance-name",
                "apscheduler.history.type", "apscheduler.history.max-age", "apscheduler.history.max-runs-per-job",
                "apscheduler.history.prune-interval", "apscheduler.history.buffer-size",
                "apscheduler.health.failed-runs-threshold", "apscheduler.health.failed-runs-status");
    }

    @Test
    void defaultsAreDocumented() throws IOException {
        JsonNode metadata = read();
        assertThat(defaultValue(metadata, "apscheduler.shutdown-timeout")).isEqualTo("30s");
        assertThat(defaultValue(metadata, "apscheduler.jobstore-retry-interval")).isEqualTo("10s");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.misfire-grace-time")).isEqualTo("1s");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.max-instances")).isEqualTo("1");
        assertThat(defaultValue(metadata, "apscheduler.job-defaults.coalesce")).isEqualTo("true");
        assertThat(defaultValue(metadata, "apscheduler.history.type")).isEqualTo("memory");
        assertThat(defaultValue(metadata, "apscheduler.history.max-age")).isEqualTo("7d");
        assertThat(defaultValue(metadata, "apscheduler.history.max-runs-per-job")).isEqualTo("100");
        assertThat(defaultValue(metadata, "apscheduler.history.prune-interval")).isEqualTo("10m");
        assertThat(defaultValue(metadata, "apscheduler.history.buffer-size")).isEqualTo("100000");
        assertThat(defaultValue(metadata, "apscheduler.health.failed-runs-threshold")).isEqualTo("0");
        assertThat(defaultValue(metadata, "apscheduler.health.failed-runs-status")).isEqualTo("UP");
    }

    @Test
    void executorsDescribeTheProcessPoolSettings() throws IOException {
        String description = null;
        for (JsonNode property : read().get("properties")) {
            if (property.get("name").asString().equals("apscheduler.executors")) {
                description = property.get("description").asString();
            }
        }
        assertThat(description).contains("processpool", "heap", "jvm-args", "environment", "eager",
                "max-tasks-per-child", "main-class", "start-timeout");
    }

    @Test
    void misfireGraceTimeHintsNone() throws IOException {
        assertThat(hintedValues(read(), "apscheduler.job-defaults.misfire-grace-time")).contains("none");
    }

    @Test
    void historyMaxAgeHintsNone() throws IOException {
        assertThat(hintedValues(read(), "apscheduler.history.max-age")).contains("none");
    }

    private static List<String> hintedValues(JsonNode metadata, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode hint : metadata.get("hints")) {
            if (hint.get("name").asString().equals(name)) {
                hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
            }
        }
        return values;
    }

    private static String defaultValue(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property.get("defaultValue").asString();
            }
        }
        throw new AssertionError("no property " + name);
    }

    private static JsonNode read() throws IOException {
        ClassPathResource resource = new ClassPathResource("META-INF/spring-configuration-metadata.json");
        try (InputStream input = resource.getInputStream()) {
            return JsonMapper.builder().build().readTree(input);
        }
    }

}
