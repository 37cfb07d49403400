package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the health indicator is auto-configured, and when it backs off.
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

    @Configuration(proxyBeanMethods = false)
    static class CustomIndicatorConfiguration {

        @Bean
        HealthIndicator apschedulerHealthIndicator() {
            return () -> Health.up().build();
        }

    }

}
