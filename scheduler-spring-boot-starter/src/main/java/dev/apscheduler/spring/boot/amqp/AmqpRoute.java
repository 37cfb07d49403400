package dev.apscheduler.spring.boot.amqp;

import java.util.Objects;

/**
 * Where an executor publishes its runs, as Celery routes tasks: a queue, and optionally an exchange and routing key
 * that lead to it. With the default exchange ({@code ""}) the routing key is the queue's name. Every queue gets a
 * dead-letter queue named {@code <queue>.dead} for the messages workers reject.
 *
 * @param queue the queue workers consume
 * @param exchange the exchange runs are published to, {@code ""} for RabbitMQ's default exchange
 * @param routingKey the routing key runs are published with
 */
public record AmqpRoute(String queue, String exchange, String routingKey) {

    /** The queue used when none is configured, as Celery's default queue is {@code celery}. */
    public static final String DEFAULT_QUEUE = "apscheduler";

    /** The suffix of a queue's dead-letter queue. */
    public static final String DEAD_LETTER_SUFFIX = ".dead";

    /**
     * Checks the route.
     * @param queue the queue
     * @param exchange the exchange, {@code ""} for the default one
     * @param routingKey the routing key
     */
    public AmqpRoute {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        if (queue.isBlank()) {
            throw new IllegalArgumentException("queue must not be blank, was '" + queue + "'");
        }
        if (exchange.isEmpty() && !routingKey.equals(queue)) {
            throw new IllegalArgumentException("with the default exchange the routing key must be the queue's name '"
                    + queue + "', was '" + routingKey + "'");
        }
    }

    /**
     * Returns the route to a queue through the default exchange.
     * @param queue the queue
     * @return the route
     */
    public static AmqpRoute queue(String queue) {
        return new AmqpRoute(queue, "", queue);
    }

    /**
     * Returns the name of the queue's dead-letter queue.
     * @return {@code <queue>.dead}
     */
    public String deadLetterQueue() {
        return this.queue + DEAD_LETTER_SUFFIX;
    }

}
