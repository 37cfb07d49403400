package dev.apscheduler.spring.boot.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.executor.process.WorkerTaskProvider;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * The hints a native image of an application using the starter needs beyond those Spring and Boot derive themselves:
 * the classpath resources the starter reads or ships for Flyway and Liquibase to read (the JPA stores' SQL schema
 * scripts, the migration files, the dashboard's static assets), and
 * the job store, executor, trigger and worker task factories the core finds with {@link java.util.ServiceLoader}
 * (their {@code META-INF/services} files and the constructors of the providers they list).
 *
 * <p>What is covered elsewhere: the {@code @ScheduledJob} and {@code @JobTask} methods and their argument and return
 * types are registered by the annotations' own reflective processor; the {@code @ConfigurationProperties} classes by
 * Boot; the JPA entities by Spring's processing of the persistence managed types (the starter adds its entity package
 * to the auto-configuration packages); the Redis store's Lua scripts are constants in code; stored jobs are JSON
 * written from and read into maps, which need no hint.
 */
final class ApschedulerRuntimeHints implements RuntimeHintsRegistrar {

    /** The starter's resource patterns. */
    static final List<String> RESOURCE_PATTERNS = List.of("dev/apscheduler/spring/boot/jpa/schema-*.sql",
            "dev/apscheduler/spring/boot/dashboard/assets/*", "db/migration/apscheduler/*/*.sql",
            "db/changelog/apscheduler/*");

    /** The service types the core looks up with {@link java.util.ServiceLoader}. */
    static final List<Class<?>> SERVICE_TYPES = List.of(JobStoreFactory.class, JobExecutorFactory.class,
            TriggerFactory.class, WorkerTaskProvider.class);

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        RESOURCE_PATTERNS.forEach(hints.resources()::registerPattern);
        ClassLoader loader = (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
        for (Class<?> serviceType : SERVICE_TYPES) {
            String location = "META-INF/services/" + serviceType.getName();
            hints.resources().registerPattern(location);
            if (loader != null) {
                providers(loader, location).forEach((provider) -> hints.reflection()
                    .registerType(TypeReference.of(provider), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
            }
        }
    }

    /**
     * Reads the provider class names from every service file of that name on the class path.
     */
    private static Set<String> providers(ClassLoader loader, String location) {
        Set<String> providers = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(location))) {
                try (InputStream in = url.openStream();
                        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    reader.lines()
                        .map((line) -> line.replaceFirst("#.*", "").trim())
                        .filter((line) -> !line.isEmpty())
                        .forEach(providers::add);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + location, ex);
        }
        return providers;
    }

}
