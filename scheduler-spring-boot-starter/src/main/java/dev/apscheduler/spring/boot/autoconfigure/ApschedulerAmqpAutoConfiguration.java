package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.actuate.ApschedulerWorkersEndpoint;
import dev.apscheduler.spring.boot.amqp.AmqpBroker;
import dev.apscheduler.spring.boot.amqp.AmqpJobExecutorFactory;
import dev.apscheduler.spring.boot.amqp.AmqpRoute;
import dev.apscheduler.spring.boot.amqp.AmqpTasks;
import dev.apscheduler.spring.boot.amqp.AmqpWorker;
import dev.apscheduler.spring.boot.amqp.AmqpWorkers;
import dev.apscheduler.spring.boot.amqp.WorkerDirectory;
import dev.apscheduler.spring.boot.health.AmqpBrokerHealthIndicator;
import dev.apscheduler.spring.boot.metrics.AmqpMeterBinder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of execution over RabbitMQ, offered when Spring AMQP is on the class path and the application
 * has a RabbitMQ {@link ConnectionFactory} ({@code spring.rabbitmq.*}): the {@code amqp}/{@code celery} executor
 * type, the {@link AmqpTasks} API for ad-hoc runs, the worker role ({@code apscheduler.worker.enabled=true}), the
 * workers' directory with its actuator endpoint, health and meters; all of it only when an {@code amqp} executor or
 * the worker role is configured. Without Spring AMQP, asking for an {@code amqp} executor fails at startup naming the
 * dependency to add.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        beforeName = "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
public final class ApschedulerAmqpAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = MissingSpringAmqpConfiguration.SPRING_AMQP)
    @ConditionalOnBean(ConnectionFactory.class)
    @Conditional(OnAmqpCondition.class)
    @EnableConfigurationProperties(ApschedulerWorkerProperties.class)
    static class AmqpConfiguration {

        @Bean
        @ConditionalOnMissingBean
        AmqpBroker apschedulerAmqpBroker(ConnectionFactory connectionFactory) {
            return new AmqpBroker(connectionFactory);
        }

        @Bean
        @ConditionalOnMissingBean
        AmqpJobExecutorFactory amqpJobExecutorFactory(ObjectProvider<AmqpBroker> broker) {
            return new AmqpJobExecutorFactory(broker::getObject);
        }

        @Bean
        @ConditionalOnMissingBean
        AmqpTasks apschedulerAmqpTasks(AmqpBroker broker, ObjectProvider<HistoryStore> history,
                AmqpJobExecutorFactory factory) {
            return new AmqpTasks(broker, () -> history(history, "the results of AmqpTasks"), factory::routes,
                    Clock.systemDefaultZone());
        }

        private static HistoryStore history(ObjectProvider<HistoryStore> history, String user) {
            HistoryStore store = history.getIfAvailable();
            if (store == null) {
                throw new ConfigurationException("apscheduler.history.type", user + " are kept in the run history, "
                        + "which is off (apscheduler.history.type=none): set apscheduler.history.type to memory or "
                        + "jpa");
            }
            return store;
        }

        @Bean
        @ConditionalOnMissingBean
        WorkerDirectory apschedulerWorkerDirectory(AmqpBroker broker, ApschedulerWorkerProperties worker) {
            return new WorkerDirectory(broker, Clock.systemUTC(), worker.getHeartbeatInterval().multipliedBy(3));
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty("apscheduler.worker.enabled")
        AmqpWorker apschedulerAmqpWorker(AmqpBroker broker, TaskRegistry tasks, ObjectProvider<HistoryStore> history,
                ApschedulerWorkerProperties worker, ApschedulerProperties properties,
                ObjectProvider<JobRunInterceptor> interceptors) {
            return AmqpWorkers.create(broker, tasks, history(history, "the runs of a worker"),
                    workerName(worker, properties), routes(worker),
                    positive("apscheduler.worker.concurrency", worker.getConcurrency()),
                    positive("apscheduler.worker.prefetch", worker.getPrefetch()), heartbeat(worker),
                    JobRunInterceptor.chain(interceptors.orderedStream().toList()));
        }

        private static String workerName(ApschedulerWorkerProperties worker, ApschedulerProperties properties) {
            if (StringUtils.hasText(worker.getName())) {
                return worker.getName();
            }
            return StringUtils.hasText(properties.getInstanceName()) ? properties.getInstanceName()
                    : ExecutorContext.localInstanceName();
        }

        private static List<AmqpRoute> routes(ApschedulerWorkerProperties worker) {
            Set<String> queues = new LinkedHashSet<>(worker.getQueues());
            if (queues.isEmpty() || queues.stream().anyMatch((queue) -> !StringUtils.hasText(queue))) {
                throw new ConfigurationException("apscheduler.worker.queues", "apscheduler.worker.queues must name "
                        + "at least one queue and no blank one, was " + worker.getQueues());
            }
            return new ArrayList<>(queues.stream().map(AmqpRoute::queue).toList());
        }

        private static int positive(String key, int value) {
            if (value < 1) {
                throw new ConfigurationException(key, key + " must be >= 1, was " + value);
            }
            return value;
        }

        private static Duration heartbeat(ApschedulerWorkerProperties worker) {
            Duration interval = worker.getHeartbeatInterval();
            if (interval.isNegative() || interval.isZero()) {
                throw new ConfigurationException("apscheduler.worker.heartbeat-interval",
                        "apscheduler.worker.heartbeat-interval must be positive, was " + interval);
            }
            return interval;
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
        static class MeterConfiguration {

            @Bean
            @ConditionalOnMissingBean
            AmqpMeterBinder apschedulerAmqpMeterBinder(AmqpBroker broker, ApschedulerWorkerProperties worker,
                    AmqpJobExecutorFactory factory) {
                List<String> queues = worker.isEnabled() ? worker.getQueues() : List.of();
                return new AmqpMeterBinder(broker, queues);
            }

        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
        static class HealthConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "apschedulerAmqpHealthIndicator")
            @ConditionalOnEnabledHealthIndicator("apschedulerAmqp")
            AmqpBrokerHealthIndicator apschedulerAmqpHealthIndicator(AmqpBroker broker,
                    ObjectProvider<WorkerDirectory> directory) {
                return new AmqpBrokerHealthIndicator(broker, directory.getIfAvailable());
            }

        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
        static class EndpointConfiguration {

            @Bean
            @ConditionalOnMissingBean
            @ConditionalOnAvailableEndpoint(ApschedulerWorkersEndpoint.class)
            ApschedulerWorkersEndpoint apschedulerWorkersEndpoint(WorkerDirectory directory) {
                return new ApschedulerWorkersEndpoint(directory);
            }

        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(MissingSpringAmqpConfiguration.SPRING_AMQP)
    static class MissingSpringAmqpConfiguration {

        static final String DEPENDENCY = "org.springframework.boot:spring-boot-starter-amqp";

        static final String SPRING_AMQP = "org.springframework.amqp.rabbit.core.RabbitTemplate";

        @Bean
        MissingDependencyExecutorFactory amqpJobExecutorFactory() {
            return new MissingDependencyExecutorFactory("amqp", List.of("celery"), DEPENDENCY, SPRING_AMQP);
        }

    }

}
