package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.SchedulerException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * The scheduler's side of RabbitMQ: declares the queues runs travel on (durable, each with its dead-letter queue),
 * and publishes runs as persistent messages, waiting for the broker's publisher confirms so that a run the executor
 * reports as submitted is on the broker. Built on the application's Spring AMQP {@link ConnectionFactory}
 * ({@code spring.rabbitmq.*}); when that factory does not have simple publisher confirms on, a connection factory
 * of the same settings with confirms on is used for publishing.
 */
public final class AmqpBroker implements DisposableBean {

    /** How long a publish waits for the broker's confirms when nothing is configured. */
    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionFactory connectionFactory;

    private final CachingConnectionFactory publishingConnections;

    private final boolean ownsPublishingConnections;

    private final RabbitTemplate template;

    private final RabbitAdmin admin;

    private final AmqpStatistics statistics = new AmqpStatistics();

    private final Set<AmqpRoute> declared = ConcurrentHashMap.newKeySet();

    /**
     * Creates the broker access on a connection factory.
     * @param connectionFactory the application's connection factory
     */
    public AmqpBroker(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        if (connectionFactory instanceof CachingConnectionFactory caching && caching.isSimplePublisherConfirms()) {
            this.publishingConnections = caching;
            this.ownsPublishingConnections = false;
        }
        else if (connectionFactory instanceof AbstractConnectionFactory factory) {
            this.publishingConnections = new CachingConnectionFactory(factory.getRabbitConnectionFactory());
            this.publishingConnections.setAddresses(factory.getHost() + ":" + factory.getPort());
            this.publishingConnections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
            this.publishingConnections.setConnectionNameStrategy((cf) -> "apscheduler-publisher");
            this.ownsPublishingConnections = true;
        }
        else {
            throw new IllegalArgumentException("The AMQP executor needs a CachingConnectionFactory (Spring Boot's "
                    + "spring.rabbitmq.* connection) or an AbstractConnectionFactory, got "
                    + connectionFactory.getClass().getName());
        }
        this.template = new RabbitTemplate(this.publishingConnections);
        this.admin = new RabbitAdmin(connectionFactory);
        this.admin.setIgnoreDeclarationExceptions(false);
    }

    /**
     * Returns the connection factory workers consume on.
     * @return the application's connection factory
     */
    public ConnectionFactory connectionFactory() {
        return this.connectionFactory;
    }

    /**
     * Returns the counts of messages published, consumed, acknowledged, redelivered and dead-lettered.
     * @return the statistics
     */
    public AmqpStatistics statistics() {
        return this.statistics;
    }

    /**
     * Declares a route's queue (durable, dead-lettering to {@code <queue>.dead}), its dead-letter queue and, when
     * the route names one, its direct exchange and binding; once per route in this process.
     * @param route the route
     * @throws SchedulerException if the broker refuses, for example because the queue exists with other arguments
     */
    public void declare(AmqpRoute route) {
        if (this.declared.contains(route)) {
            return;
        }
        try {
            this.admin.declareQueue(QueueBuilder.durable(route.deadLetterQueue()).build());
            Queue queue = QueueBuilder.durable(route.queue())
                .deadLetterExchange("")
                .deadLetterRoutingKey(route.deadLetterQueue())
                .build();
            this.admin.declareQueue(queue);
            if (!route.exchange().isEmpty()) {
                DirectExchange exchange = new DirectExchange(route.exchange(), true, false);
                this.admin.declareExchange(exchange);
                Binding binding = BindingBuilder.bind(queue).to(exchange).with(route.routingKey());
                this.admin.declareBinding(binding);
            }
        }
        catch (AmqpException ex) {
            throw new SchedulerException("Could not declare the RabbitMQ queue '" + route.queue() + "' (exchange '"
                    + route.exchange() + "', routing key '" + route.routingKey() + "'): " + ex.getMessage(), ex);
        }
        this.declared.add(route);
    }

    /**
     * Publishes runs as persistent messages and waits until the broker has confirmed every one of them.
     * @param runs the runs and their routes
     * @param confirmTimeout how long to wait for the confirms
     * @throws SchedulerException if the broker cannot be reached, or does not confirm, until the timeout
     */
    void publish(List<Map.Entry<AmqpRoute, RunMessage>> runs, Duration confirmTimeout) {
        if (runs.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        long pause = 50;
        while (true) {
            try {
                for (Map.Entry<AmqpRoute, RunMessage> run : runs) {
                    declare(run.getKey());
                }
                publishOnce(runs, confirmTimeout);
                break;
            }
            catch (AmqpException | SchedulerException ex) {
                // a dropped connection or a missing confirm: publish again until the deadline (a run the broker did
                // take twice is run once: workers skip a run id the history already has done)
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
                    throw new SchedulerException("RabbitMQ did not take " + runs.size() + " run(s) within "
                            + confirmTimeout + " (first: run '" + runs.get(0).getValue().runId() + "' of task '"
                            + runs.get(0).getValue().task() + "'): " + ex.getMessage(), ex);
                }
                sleep(pause);
                pause = Math.min(1000, pause * 2);
            }
        }
        this.statistics.addPublished(runs.size());
    }

    private void publishOnce(List<Map.Entry<AmqpRoute, RunMessage>> runs, Duration confirmTimeout) {
        this.template.invoke((operations) -> {
            for (Map.Entry<AmqpRoute, RunMessage> run : runs) {
                AmqpRoute route = run.getKey();
                operations.send(route.exchange(), route.routingKey(), message(run.getValue()));
            }
            operations.waitForConfirmsOrDie(Math.max(1, confirmTimeout.toMillis()));
            return Boolean.TRUE;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SchedulerException("Interrupted while publishing runs to RabbitMQ", ex);
        }
    }

    private static Message message(RunMessage run) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("utf-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(run.runId());
        properties.setCorrelationId(run.runId());
        properties.setHeader("task", run.task());
        properties.setHeader("job_id", run.jobId());
        properties.setHeader("attempt", run.attempt());
        return new Message(run.toJson(), properties);
    }

    /**
     * Returns how many messages a queue holds ready for delivery, as the broker reports it.
     * @param queue the queue
     * @return the count, or empty if the queue does not exist or the broker cannot be reached
     */
    public OptionalLong queueDepth(String queue) {
        try {
            Properties properties = this.admin.getQueueProperties(queue);
            if (properties == null) {
                return OptionalLong.empty();
            }
            Object count = properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
            return (count instanceof Number number) ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
        }
        catch (AmqpException ex) {
            return OptionalLong.empty();
        }
    }

    /**
     * Forgets the queues declared, so that they are declared again on next use (after the broker lost them).
     */
    void forgetDeclarations() {
        this.declared.clear();
    }

    @Override
    public void destroy() {
        if (this.ownsPublishingConnections) {
            this.publishingConnections.destroy();
        }
    }

}
