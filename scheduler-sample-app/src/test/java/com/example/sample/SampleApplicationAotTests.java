package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor.Settings;
import org.springframework.javapoet.ClassName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's ahead-of-time processing of the sample application, as {@code spring-boot:process-aot} and a native image
 * build run it: the context is processed without GraalVM, its initializer generated, and the native image metadata
 * written holds what the scheduler needs (the annotated job methods, the JPA store's entity and schema scripts, the
 * dashboard's assets, the core's service providers).
 */
class SampleApplicationAotTests {

    @TempDir
    Path directory;

    @Test
    void processesTheApplicationAheadOfTimeWithTheSchedulersHints() throws IOException {
        Settings settings = Settings.builder()
            .sourceOutput(this.directory.resolve("sources"))
            .resourceOutput(this.directory.resolve("resources"))
            .classOutput(this.directory.resolve("classes"))
            .groupId("dev.apscheduler")
            .artifactId("scheduler-sample-app")
            .build();
        ClassName initializer = new SpringApplicationAotProcessor(SampleApplication.class, settings, new String[0])
            .process();
        assertThat(initializer.canonicalName())
            .isEqualTo("com.example.sample.SampleApplication__ApplicationContextInitializer");
        assertThat(this.directory.resolve("sources/com/example/sample")
            .resolve("SampleApplication__ApplicationContextInitializer.java")).isRegularFile();
        Metadata metadata = Metadata.read(this.directory.resolve("resources/META-INF/native-image"));
        assertThat(metadata.methods("com.example.sample.jobs.ReportJobs")).contains("sendReport", "minutelyReport");
        assertThat(metadata.methods("com.example.sample.jobs.PrimeCountJob")).contains("scheduledCount",
                "countPrimes");
        assertThat(metadata.methods("com.example.sample.jobs.TickJob")).contains("tick");
        assertThat(metadata.types()).contains("dev.apscheduler.spring.boot.jpa.ApschedulerJobEntity",
                "dev.apscheduler.store.MemoryJobStoreFactory", "dev.apscheduler.executor.ThreadPoolJobExecutorFactory");
        assertThat(metadata.resources()).contains("dev/apscheduler/spring/boot/jpa/schema-*.sql",
                "dev/apscheduler/spring/boot/dashboard/assets/*",
                "META-INF/services/dev.apscheduler.store.JobStoreFactory");
    }

    /**
     * The reflection and resource entries of the native image metadata files written.
     */
    private record Metadata(Map<String, Set<String>> methodsByType, Set<String> resources) {

        static Metadata read(Path directory) throws IOException {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.filter((path) -> path.toString().endsWith(".json")).forEach(files::add);
            }
            assertThat(files).as("native image metadata files").isNotEmpty();
            Map<String, Set<String>> methods = new TreeMap<>();
            Set<String> resources = new TreeSet<>();
            JsonMapper json = JsonMapper.builder().build();
            for (Path file : files) {
                JsonNode root = json.readTree(file.toFile());
                for (JsonNode type : root.path("reflection")) {
                    // a proxy's entry names its interfaces in an object
                    JsonNode name = type.path("type");
                    Set<String> names = methods.computeIfAbsent(name.isValueNode() ? name.asString() : name.toString(),
                            (key) -> new TreeSet<>());
                    type.path("methods").forEach((method) -> names.add(method.path("name").asString()));
                }
                root.path("resources").forEach((resource) -> resources.add(resource.path("glob").asString()));
            }
            return new Metadata(methods, resources);
        }

        Set<String> types() {
            return this.methodsByType.keySet();
        }

        Set<String> methods(String type) {
            return this.methodsByType.getOrDefault(type, Set.of());
        }

    }

}
