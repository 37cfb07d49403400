package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the health indicator is auto-configured, how {@code apscheduler.health.*} sets its failed-runs check, and when
 * it backs off.
 */
class ApschedulerHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerHealthContributorAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class);

    @Test
    void indicatorIsAutoConfigured() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ApschedulerHealthIndicator.class)
            .hasBean("apschedulerHealthIndicator"));
    }

    @Test
    void indicatorIsDisabledByItsProperty() {
        this.contextRunner.withPropertyValues("management.health.apscheduler.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ApschedulerHealthIndicator.class));
    }

    @Test
    void indicatorFollowsTheDefaultsProperty() {
        this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ApschedulerHealthIndicator.class));
    }

    @Test
    void indicatorBacksOffWithoutAScheduler() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerHealthContributorAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerHealthIndicator.class));
    }

    @Test
    void indicatorBacksOffWithoutBootHealth() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Health.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerHealthIndicator.class));
    }

    @Test
    void userDefinedIndicatorReplacesTheAutoConfiguredOne() {
        this.contextRunner.withUserConfiguration(CustomIndicatorConfiguration.class)
            .run((context) -> assertThat(context).doesNotHaveBean(ApschedulerHealthIndicator.class)
                .hasBean("apschedulerHealthIndicator"));
    }

    @Test
    void indicatorIsOutOfServiceOnceTheContextClosesAndStopsTheScheduler() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.start();
            ApschedulerHealthIndicator indicator = context.getBean(ApschedulerHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            context.close();
            assertThat(scheduler.isRunning()).isFalse();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void theFailedRunsCheckIsOffByDefault() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("failing").id("export").trigger("interval", Map.of("minutes", 1)));
            scheduler.start();
            scheduler.advance(Duration.ofMinutes(3));
            Health health = context.getBean(ApschedulerHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("history", Map.of("type", "memory", "reachable", true))
                .doesNotContainKey("failingJobs");
        });
    }

    @Test
    void theFailedRunsCheckIsSetByItsProperties() {
        this.contextRunner
            .withPropertyValues("apscheduler.health.failed-runs-threshold=2",
                    "apscheduler.health.failed-runs-status=out_of_service")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.addJob(JobSpec.task("failing").id("export").trigger("interval", Map.of("minutes", 1)));
                scheduler.addJob(JobSpec.task("report").id("report").trigger("interval", Map.of("minutes", 1)));
                scheduler.start();
                ApschedulerHealthIndicator indicator = context.getBean(ApschedulerHealthIndicator.class);
                scheduler.advance(Duration.ofMinutes(1));
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                scheduler.advance(Duration.ofMinutes(1));
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                assertThat(health.getDetails()).containsEntry("failingJobs", List.of("export"));
            });
    }

    @Test
    void aNegativeThresholdFailsTheStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("apscheduler.health.failed-runs-threshold=-1").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("Invalid scheduler configuration: "
                    + "apscheduler.health.failed-runs-threshold: invalid value '-1': expected a number of runs >= 1, "
                    + "or 0 to turn the check off");
            assertThat(analysis.getAction())
                .isEqualTo("Update 'apscheduler.health.failed-runs-threshold' in your application's configuration.");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomIndicatorConfiguration {

        @Bean
        HealthIndicator apschedulerHealthIndicator() {
            return () -> Health.up().build();
        }

    }

}
