package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeterBinder;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeters;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * When the scheduler's meters are auto-configured and bound to Boot's meter registry, and when they back off.
 */
class ApschedulerMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                ApschedulerMetricsAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class);

    @Test
    void metersAreBoundToTheMeterRegistry() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(ApschedulerMeterBinder.class);
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            scheduler.runJob("bad");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "failing", "outcome", "ERROR").timer()
                .count()).isEqualTo(1);
            assertThat(registry.get(ApschedulerMeters.JOBS).tags("jobstore", "default", "state", "scheduled").gauge()
                .value()).isEqualTo(1);
        });
    }

    @Test
    void retriesAndTheRunHistoryAreMeteredInBootsRegistry() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("failing").id("bad").trigger(Triggers.date(TestSchedulerConfiguration.T0
                .plusSeconds(1))).retryPolicy(RetryPolicy.attempts(2)));
            scheduler.start();
            scheduler.advance(Duration.ofSeconds(10));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(ApschedulerMeters.RETRIES_SCHEDULED).tags("task", "failing").counter().count())
                .isEqualTo(1);
            assertThat(registry.get(ApschedulerMeters.RETRIES_EXHAUSTED).tags("task", "failing").counter().count())
                .isEqualTo(1);
            assertThat(registry.get(ApschedulerMeters.HISTORY_FAILING).gauge().value()).isZero();
            assertThat(registry.get(ApschedulerMeters.TIMED_OUT_RUNNING).tags("executor", "queue").gauge().value())
                .isZero();
        });
    }

    @Test
    void metersBackOffWithoutAMeterRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerMetricsAutoConfiguration.class))
            .withUserConfiguration(TestSchedulerConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerMeterBinder.class));
    }

    @Test
    void metersBackOffWithoutAScheduler() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    ApschedulerMetricsAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerMeterBinder.class));
    }

    @Test
    void metersBackOffWithoutMicrometer() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerMeterBinder.class));
    }

    @Test
    void metersBackOffWithoutBootsMetricsSupportEvenWithAMeterRegistry() {
        ApplicationContextRunner withRegistry = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerMetricsAutoConfiguration.class))
            .withUserConfiguration(TestSchedulerConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        withRegistry.run((context) -> assertThat(context).hasSingleBean(ApschedulerMeterBinder.class));
        withRegistry.withClassLoader(new FilteredClassLoader(MetricsAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerMeterBinder.class));
    }

}
