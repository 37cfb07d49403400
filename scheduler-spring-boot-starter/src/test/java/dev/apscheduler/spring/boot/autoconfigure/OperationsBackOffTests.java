package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application with a scheduler but without actuator, Boot's health support or Micrometer: every operations
 * auto-configuration backs off and the scheduler still works.
 */
class OperationsBackOffTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerEndpointAutoConfiguration.class,
                ApschedulerHealthContributorAutoConfiguration.class, ApschedulerMetricsAutoConfiguration.class,
                ApschedulerObservationAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class)
        .withPropertyValues("management.endpoints.web.exposure.include=*");

    @Test
    void everyOperationsFeatureBacksOffWithoutActuatorHealthAndMicrometer() {
        this.contextRunner
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                    "org.springframework.boot.health", "org.springframework.boot.micrometer", "io.micrometer"))
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean("apschedulerEndpoint")
                    .doesNotHaveBean("apschedulerJobExecutionHistory")
                    .doesNotHaveBean("apschedulerHealthIndicator")
                    .doesNotHaveBean("apschedulerMeterBinder")
                    .doesNotHaveBean("apschedulerObservationCustomizer");
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.start();
                assertThat(scheduler.isRunning()).isTrue();
            });
    }

    @Test
    void withTheLibrariesPresentEveryFeatureThatNeedsNoOtherBeanIsConfigured() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
            .hasBean("apschedulerEndpoint")
            .hasBean("apschedulerJobExecutionHistory")
            .hasBean("apschedulerHealthIndicator"));
    }

}
