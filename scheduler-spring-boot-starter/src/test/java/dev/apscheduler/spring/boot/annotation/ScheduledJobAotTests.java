package dev.apscheduler.spring.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/**
 * Ahead-of-time processing of {@code @ScheduledJob} and {@code @JobTask} methods: each method is registered for
 * invocation, and its parameter and return types (but not {@link JobContext}) for JSON binding, both by the
 * annotations' reflective processor and when Spring processes an auto-configured context ahead of time.
 */
class ScheduledJobAotTests {

    @Test
    void annotatedMethodsAreRegisteredForInvocationAndTheirTypesForBinding() {
        RuntimeHints hints = new RuntimeHints();
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Jobs.class);
        assertJobHints(hints);
    }

    @Test
    void aheadOfTimeProcessingOfAnAutoConfiguredContextRegistersTheJobsAndTheStartersHints() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(JobsConfiguration.class);
            InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get(JobsConfiguration.class)), files);
            ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();
            assertThat(files.getGeneratedFiles(Kind.SOURCE))
                .containsKey(initializer.canonicalName().replace('.', '/') + ".java");
            RuntimeHints hints = generation.getRuntimeHints();
            assertJobHints(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource("dev/apscheduler/spring/boot/jpa/schema-h2.sql"))
                .accepts(hints);
        }
    }

    private static void assertJobHints(RuntimeHints hints) {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "tick")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "twice")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "send")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.class, "notAJob")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Report.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Report.class, "recipient")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Options.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(JobContext.class)).rejects(hints);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ApschedulerAutoConfiguration.class)
    static class JobsConfiguration {

        @Bean
        Jobs jobs() {
            return new Jobs();
        }

    }

    static class Jobs {

        @ScheduledJob(hours = "1")
        void tick(JobContext context) {
        }

        @ScheduledJob(id = "morning", cron = "0 8 * * *")
        @ScheduledJob(id = "evening", cron = "0 20 * * *")
        void twice() {
        }

        @JobTask("send")
        Receipt send(Report report, Optional<Options> options) {
            return new Receipt(List.of(report.recipient()));
        }

        void notAJob() {
        }

    }

    record Report(String recipient, int pages) {
    }

    record Options(boolean urgent) {
    }

    record Receipt(List<String> delivered) {
    }

}
