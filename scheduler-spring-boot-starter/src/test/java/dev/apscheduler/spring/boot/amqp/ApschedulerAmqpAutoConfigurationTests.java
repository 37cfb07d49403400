package dev.apscheduler.spring.boot.amqp;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.actuate.ApschedulerWorkersEndpoint;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAmqpAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.MissingExecutorDependencyException;
import dev.apscheduler.spring.boot.health.AmqpBrokerHealthIndicator;
import dev.apscheduler.spring.boot.metrics.AmqpMeterBinder;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import org.junit.jupiter.api.Test;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the RabbitMQ auto-configuration contributes, and when: nothing unless an {@code amqp} executor or the worker
 * role is configured; a clear startup failure without Spring AMQP, or with a bad worker setting. No broker is
 * contacted: the context is not started.
 */
class ApschedulerAmqpAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class,
                ApschedulerAmqpAutoConfiguration.class, ApschedulerAutoConfiguration.class))
        .withPropertyValues("apscheduler.auto-startup=false", "spring.rabbitmq.port=1");

    @Test
    void contributesNothingUnlessRabbitMqIsUsed() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AmqpBroker.class)
                .doesNotHaveBean(AmqpTasks.class)
                .doesNotHaveBean(WorkerDirectory.class)
                .doesNotHaveBean(AmqpWorker.class);
        });
    }

    @Test
    void anAmqpExecutorBringsTheExecutorTypeTheTasksApiAndMonitoring() {
        this.contextRunner.withPropertyValues("apscheduler.executors.default.type=celery",
                "apscheduler.executors.default.queue=reports",
                "management.endpoints.web.exposure.include=apschedulerworkers")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(AmqpTasks.class)
                    .hasSingleBean(AmqpJobExecutorFactory.class)
                    .hasSingleBean(WorkerDirectory.class)
                    .hasSingleBean(AmqpBrokerHealthIndicator.class)
                    .hasSingleBean(AmqpMeterBinder.class)
                    .hasSingleBean(ApschedulerWorkersEndpoint.class)
                    .doesNotHaveBean(AmqpWorker.class);
                assertThat(context.getBean(AmqpJobExecutorFactory.class).routes())
                    .containsEntry("default", AmqpRoute.queue("reports"));
                assertThat(context.getBean(Scheduler.class).executors().get("default").type()).isEqualTo("amqp");
            });
    }

    @Test
    void theWorkerRoleConsumesTheConfiguredQueues() {
        this.contextRunner.withPropertyValues("apscheduler.worker.enabled=true", "apscheduler.worker.queues=a,b",
                "apscheduler.worker.name=w1")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                AmqpWorker worker = context.getBean(AmqpWorker.class);
                assertThat(worker.name()).isEqualTo("w1");
                assertThat(worker.queues()).containsExactly("a", "b");
            });
    }

    @Test
    void badWorkerSettingsFailAtStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("apscheduler.worker.enabled=true", "apscheduler.worker.concurrency=0")
            .run((context) -> assertThat(context).getFailure()
                .hasStackTraceContaining("apscheduler.worker.concurrency must be >= 1, was 0"));
    }

    @Test
    void routingKeyOtherThanTheQueueNeedsAnExchange() {
        this.contextRunner.withPropertyValues("apscheduler.executors.default.type=amqp",
                "apscheduler.executors.default.queue=reports", "apscheduler.executors.default.routing-key=other")
            .run((context) -> assertThat(context).getFailure()
                .hasStackTraceContaining("apscheduler.executors.default.")
                .hasStackTraceContaining("the routing key must be the queue's name 'reports', was 'other'"));
    }

    @Test
    void withoutSpringAmqpAnAmqpExecutorFailsNamingTheDependency() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerAmqpAutoConfiguration.class,
                    ApschedulerAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
            .withPropertyValues("apscheduler.auto-startup=false", "apscheduler.executors.remote.type=celery")
            .run((context) -> {
                assertThat(context).getFailure().hasRootCauseInstanceOf(MissingExecutorDependencyException.class);
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("apscheduler.executors.remote.type")
                    .contains("executor type 'amqp'");
                assertThat(analysis.getAction())
                    .contains("Add org.springframework.boot:spring-boot-starter-amqp");
            });
    }

}
