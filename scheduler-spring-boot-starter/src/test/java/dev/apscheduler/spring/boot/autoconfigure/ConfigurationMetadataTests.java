package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.objenesis.ObjenesisStd;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata the configuration processor generates describes every {@code apscheduler.*} key. The settings of
 * stores and executors, which live in maps the processor does not describe, are described under the {@code default}
 * alias, with hints listing exactly the types the scheduler registers; those of jobs are named in the description of
 * {@code apscheduler.jobs}.
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

    @Test
    void everySettingOfAStoreAndOfAnExecutorIsDescribedWithItsDefault() throws Exception {
        JsonNode metadata = read();
        assertDescribed(metadata, "apscheduler.jobstores.default.", JobStoreProperties.class);
        assertDescribed(metadata, "apscheduler.executors.default.", ExecutorProperties.class);
    }

    @Test
    void everySettingOfAJobAndEveryTriggerKindIsNamedInTheDescriptionOfTheJobs() throws Exception {
        String description = property(read(), "apscheduler.jobs").path("description").asString();
        for (Field field : settings(JobProperties.class)) {
            assertThat(description).as(field.getName()).containsPattern("\\b" + kebab(field.getName()) + "\\b");
        }
        for (String alias : TriggerRegistry.builtIn().aliases()) {
            assertThat(description).as("trigger %s", alias).contains("'" + alias + "'");
        }
    }

    @Test
    void storeTypesHintedAreExactlyTheRegisteredOnes() throws IOException {
        assertThat(hintedValues(read(), "apscheduler.jobstores.default.type"))
            .containsExactlyInAnyOrderElementsOf(registeredTypes(JobStoreFactory.class,
                    (factory) -> ((JobStoreFactory) factory).type(),
                    (factory) -> ((JobStoreFactory) factory).aliases()));
    }

    @Test
    void executorTypesHintedAreExactlyTheRegisteredOnes() throws IOException {
        assertThat(hintedValues(read(), "apscheduler.executors.default.type"))
            .containsExactlyInAnyOrderElementsOf(registeredTypes(JobExecutorFactory.class,
                    (factory) -> ((JobExecutorFactory) factory).type(),
                    (factory) -> ((JobExecutorFactory) factory).aliases()));
    }

    @Test
    void theAliasesOfStoresAndExecutorsAreHinted() throws IOException {
        JsonNode metadata = read();
        assertThat(hintedValues(metadata, "apscheduler.jobstores.keys")).contains("default");
        assertThat(hintedValues(metadata, "apscheduler.executors.keys")).contains("default");
    }

    private static void assertDescribed(JsonNode metadata, String prefix, Class<?> type) throws Exception {
        Object defaults = type.getDeclaredConstructor().newInstance();
        for (Field field : settings(type)) {
            String name = prefix + kebab(field.getName());
            JsonNode property = property(metadata, name);
            assertThat(property.path("description").asString("")).as(name).isNotBlank();
            field.setAccessible(true);
            Object value = field.get(defaults);
            if (value != null && !(value instanceof Collection<?> collection && collection.isEmpty())
                    && !(value instanceof Map<?, ?> map && map.isEmpty())) {
                assertThat(property.path("defaultValue").asString(null)).as(name).isEqualTo(String.valueOf(value));
            }
        }
    }

    private static List<Field> settings(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter((field) -> !Modifier.isStatic(field.getModifiers()))
            .toList();
    }

    /**
     * The types and aliases of the factories of a kind in the starter and the core, as the scheduler registers them;
     * the factories that stand in for an absent library repeat a type found here and are left out.
     */
    private static Set<String> registeredTypes(Class<?> factoryType, Function<Object, String> type,
            Function<Object, List<String>> aliases) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(factoryType));
        Set<String> registered = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.apscheduler")) {
            Class<?> factoryClass = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (!isMainCode(factoryClass) || factoryClass.getSimpleName().startsWith("MissingDependency")) {
                continue;
            }
            Object factory = new ObjenesisStd().newInstance(factoryClass);
            try {
                registered.add(type.apply(factory));
                registered.addAll(aliases.apply(factory));
            }
            catch (NullPointerException ex) {
                // a factory that delegates to another one (the Spring process pool wraps the core's)
            }
        }
        assertThat(registered).as("registered types").isNotEmpty();
        return registered;
    }

    private static boolean isMainCode(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
        return !location.contains("test-classes") && !location.endsWith("-tests.jar");
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("no property " + name);
    }

    private static String kebab(String fieldName) {
        return fieldName.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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
