package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeters;
import dev.apscheduler.spring.boot.metrics.DefaultJobRunObservationConvention;
import dev.apscheduler.spring.boot.metrics.JobRunObservationConvention;
import dev.apscheduler.spring.boot.metrics.RecordingObservationHandler;
import dev.apscheduler.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When job runs are observed through Boot's observation registry, and when the observation support backs off.
 */
class ApschedulerObservationAutoConfigurationTests {

    private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            ApschedulerMetricsAutoConfiguration.class);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                ApschedulerObservationAutoConfiguration.class))
        .withUserConfiguration(CustomizedSchedulerConfiguration.class);

    @Test
    void jobRunsAreObservedByTheApplicationsObservationHandlers() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasBean("apschedulerObservationCustomizer");
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("report").id("nightly").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            scheduler.runJob("nightly");
            assertThat(context.getBean(RecordingObservationHandler.class).stopped()).singleElement()
                .satisfies((observed) -> {
                    assertThat(observed.getName()).isEqualTo(DefaultJobRunObservationConvention.NAME);
                    assertThat(observed.getHighCardinalityKeyValue("job.id").getValue()).isEqualTo("nightly");
                });
        });
    }

    @Test
    void aConventionBeanReplacesTheDefaultConvention() {
        this.contextRunner.withBean(JobRunObservationConvention.class, () -> new DefaultJobRunObservationConvention() {

            @Override
            public String getName() {
                return "batch.run";
            }

        }).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("report").id("nightly").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            scheduler.runJob("nightly");
            assertThat(context.getBean(RecordingObservationHandler.class).stopped()).singleElement()
                .satisfies((observed) -> assertThat(observed.getName()).isEqualTo("batch.run"));
        });
    }

    @Test
    void withMetricsEachRunIsTimedOnceByTheExecutionsTimerAndStillObserved() {
        this.contextRunner.withConfiguration(METRICS).run((context) -> {
            runNightlyOnce(context.getBean(Scheduler.class));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(context.getBean(RecordingObservationHandler.class).stopped()).hasSize(1);
            assertThat(registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "report", "outcome", "SUCCESS").timer()
                .count()).isEqualTo(1);
            assertThat(registry.find(DefaultJobRunObservationConvention.NAME).meters()).isEmpty();
            assertThat(registry.find(DefaultJobRunObservationConvention.NAME + ".active").meters()).isEmpty();
        });
    }

    @Test
    void replacingTheMeterFilterLetsTheObservationsTimerBackIn() {
        this.contextRunner.withConfiguration(METRICS)
            .withBean("apschedulerObservationMeterFilter", MeterFilter.class, () -> new MeterFilter() {
            })
            .run((context) -> {
                runNightlyOnce(context.getBean(Scheduler.class));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get(DefaultJobRunObservationConvention.NAME)
                    .tags("task", "report", "outcome", "SUCCESS", "exception", "none").timer().count()).isEqualTo(1);
                assertThat(registry.get(ApschedulerMeters.EXECUTIONS).timer().count()).isEqualTo(1);
            });
    }

    private static void runNightlyOnce(Scheduler scheduler) {
        scheduler.addJob(JobSpec.task("report").id("nightly").trigger("interval", Map.of("hours", 1)));
        scheduler.start();
        scheduler.runJob("nightly");
    }

    @Test
    void observationBacksOffWithoutAnObservationRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerObservationAutoConfiguration.class))
            .withUserConfiguration(CustomizedSchedulerConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerCustomizer.class));
    }

    @Test
    void observationBacksOffWithoutMicrometerObservation() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SchedulerCustomizer.class));
    }

    /**
     * A background scheduler built as the auto-configured one is, applying the {@link SchedulerCustomizer} beans,
     * with jobs run on the caller's thread.
     */
    @Configuration(proxyBeanMethods = false)
    static class CustomizedSchedulerConfiguration {

        @Bean(destroyMethod = "close")
        BackgroundScheduler scheduler(ObjectProvider<SchedulerCustomizer> customizers) {
            TaskRegistry tasks = new TaskRegistry();
            tasks.register("report", (context) -> "sent");
            BackgroundScheduler.Builder builder = BackgroundScheduler.builder()
                .clock(MutableClock.at(TestSchedulerConfiguration.T0))
                .timezone(ZoneId.of("UTC"))
                .taskRegistry(tasks)
                .executor("default", new DirectJobExecutor());
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        RecordingObservationHandler recordingObservationHandler() {
            return new RecordingObservationHandler();
        }

    }

}
