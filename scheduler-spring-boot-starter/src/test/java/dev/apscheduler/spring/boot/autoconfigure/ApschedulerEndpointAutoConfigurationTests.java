package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpoint;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpointJmxExtension;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpointWebExtension;
import dev.apscheduler.spring.boot.actuate.JobDetailsDescriptor;
import dev.apscheduler.spring.boot.actuate.JobExecutionHistory;
import dev.apscheduler.spring.boot.actuate.LastExecution.Outcome;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the endpoint, its extensions and the execution history are auto-configured, and when they back off.
 */
class ApschedulerEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerEndpointAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class);

    private final ApplicationContextRunner withoutRunHistory = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerEndpointAutoConfiguration.class))
        .withBean(ManualScheduler.class, ApschedulerEndpointAutoConfigurationTests::schedulerWithoutRunHistory);

    private static ManualScheduler schedulerWithoutRunHistory() {
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("report", (context) -> "sent");
        tasks.register("failing", (context) -> {
            throw new IllegalStateException("mail server refused the report");
        });
        return ManualScheduler.builder().taskRegistry(tasks).historyStore(null).build();
    }

    @Test
    void endpointAndWebExtensionAreAutoConfiguredWhenExposedOverTheWeb() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .run((context) -> assertThat(context).hasSingleBean(ApschedulerEndpoint.class)
                .hasSingleBean(JobExecutionHistory.class)
                .hasSingleBean(ApschedulerEndpointWebExtension.class)
                .doesNotHaveBean(ApschedulerEndpointJmxExtension.class));
    }

    @Test
    void jmxExtensionIsAutoConfiguredWhenExposedOverJmx() {
        this.contextRunner
            .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=apscheduler")
            .run((context) -> assertThat(context).hasSingleBean(ApschedulerEndpoint.class)
                .hasSingleBean(ApschedulerEndpointJmxExtension.class)
                .doesNotHaveBean(ApschedulerEndpointWebExtension.class));
    }

    @Test
    void endpointIsNotAutoConfiguredWhenNotExposed() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ApschedulerEndpoint.class)
            .doesNotHaveBean(JobExecutionHistory.class));
    }

    @Test
    void endpointIsNotAutoConfiguredWhenItsAccessIsNone() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=apscheduler",
                    "management.endpoint.apscheduler.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(ApschedulerEndpoint.class));
    }

    @Test
    void endpointBacksOffWithoutAScheduler() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerEndpoint.class));
    }

    @Test
    void endpointBacksOffWithoutActuator() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
            .withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApschedulerEndpoint.class)
                .doesNotHaveBean(JobExecutionHistory.class));
    }

    @Test
    void lastExecutionsAreLearntFromEventsWhenTheSchedulerKeepsNoRunHistory() {
        this.withoutRunHistory.withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("hours", 1)));
                scheduler.start();
                scheduler.runJob("bad");
                assertThat(context.getBean(JobExecutionHistory.class).lastExecution("default", "bad"))
                    .hasValueSatisfying((last) -> assertThat(last.outcome()).isEqualTo(Outcome.ERROR));
            });
    }

    @Test
    void lastExecutionsAreNotLearntFromEventsWhenTheSchedulerKeepsARunHistory() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("hours", 1)));
                scheduler.start();
                scheduler.runJob("bad");
                scheduler.flushHistory();
                assertThat(context.getBean(JobExecutionHistory.class).size()).isZero();
                assertThat(context.getBean(ApschedulerEndpoint.class).job("bad", false).lastExecution().outcome())
                    .isEqualTo(Outcome.ERROR);
            });
    }

    @Test
    void lastExecutionsLimitBoundsTheHistory() {
        this.withoutRunHistory
            .withPropertyValues("management.endpoints.web.exposure.include=apscheduler",
                    "management.endpoint.apscheduler.last-executions-limit=1")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.addJob(JobSpec.task("report").id("a").trigger("interval", Map.of("hours", 1)));
                scheduler.addJob(JobSpec.task("report").id("b").trigger("interval", Map.of("hours", 1)));
                scheduler.start();
                scheduler.runJob("a");
                scheduler.runJob("b");
                JobExecutionHistory history = context.getBean(JobExecutionHistory.class);
                assertThat(history.size()).isOne();
                assertThat(history.lastExecution("default", "b")).isPresent();
            });
    }

    @Test
    void argumentValuesAreShownOverTheWebWhenConfigured() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=apscheduler",
                    "management.endpoint.apscheduler.show-values=always")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.addJob(JobSpec.task("report").id("mail").args(List.of("ops@example.com"))
                    .trigger("interval", Map.of("hours", 1)));
                WebEndpointResponse<Object> response = context.getBean(ApschedulerEndpointWebExtension.class)
                    .read(SecurityContext.NONE, "jobs", "mail");
                assertThat(response.getStatus()).isEqualTo(200);
                assertThat(((JobDetailsDescriptor) response.getBody()).args()).containsExactly("ops@example.com");
            });
    }

    @Test
    void userDefinedEndpointReplacesTheAutoConfiguredOne() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=apscheduler")
            .withUserConfiguration(CustomEndpointConfiguration.class)
            .run((context) -> assertThat(context).hasSingleBean(ApschedulerEndpoint.class)
                .hasBean("customEndpoint"));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomEndpointConfiguration {

        @Bean
        ApschedulerEndpoint customEndpoint(ManualScheduler scheduler) {
            return new ApschedulerEndpoint(scheduler, new JobExecutionHistory(), List.of());
        }

    }

}
