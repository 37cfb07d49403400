package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * One executor of {@code apscheduler.executors.<alias>}: its type and size.
 */
public class ExecutorProperties {

    /**
     * Executor type: 'threadpool', 'virtual' (Java 21+), 'direct' (runs jobs on the scheduler's thread) or 'amqp'
     * (alias 'celery': publishes runs to RabbitMQ for workers).
     */
    private String type = ThreadPoolJobExecutor.TYPE;

    /**
     * Largest number of jobs the executor runs at once (thread pools; 10 when not set).
     */
    private @Nullable Integer maxWorkers;

    /**
     * Queue the 'amqp' executor publishes runs to (default 'apscheduler').
     */
    private @Nullable String queue;

    /**
     * Exchange the 'amqp' executor publishes runs to (default: RabbitMQ's default exchange).
     */
    private @Nullable String exchange;

    /**
     * Routing key the 'amqp' executor publishes runs with (default: the queue's name).
     */
    private @Nullable String routingKey;

    /**
     * How long the 'amqp' executor waits for the broker's publisher confirms (default 10s).
     */
    private @Nullable Duration confirmTimeout;

    /**
     * Returns the queue runs are published to.
     * @return the queue, or {@code null} for the default
     */
    public @Nullable String getQueue() {
        return this.queue;
    }

    /**
     * Sets the queue runs are published to.
     * @param queue the queue
     */
    public void setQueue(@Nullable String queue) {
        this.queue = queue;
    }

    /**
     * Returns the exchange runs are published to.
     * @return the exchange, or {@code null} for the default exchange
     */
    public @Nullable String getExchange() {
        return this.exchange;
    }

    /**
     * Sets the exchange runs are published to.
     * @param exchange the exchange
     */
    public void setExchange(@Nullable String exchange) {
        this.exchange = exchange;
    }

    /**
     * Returns the routing key runs are published with.
     * @return the routing key, or {@code null} for the queue's name
     */
    public @Nullable String getRoutingKey() {
        return this.routingKey;
    }

    /**
     * Sets the routing key runs are published with.
     * @param routingKey the routing key
     */
    public void setRoutingKey(@Nullable String routingKey) {
        this.routingKey = routingKey;
    }

    /**
     * Returns how long a publish waits for the broker's confirms.
     * @return the timeout, or {@code null} for the default
     */
    public @Nullable Duration getConfirmTimeout() {
        return this.confirmTimeout;
    }

    /**
     * Sets how long a publish waits for the broker's confirms.
     * @param confirmTimeout the timeout
     */
    public void setConfirmTimeout(@Nullable Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Returns the executor type.
     * @return the type
     */
    public String getType() {
        return this.type;
    }

    /**
     * Sets the executor type.
     * @param type the type, for example {@code threadpool}
     */
    public void setType(String type) {
        this.type = type;
    }

    /**
     * Returns the largest number of jobs the executor runs at once.
     * @return the number, or {@code null} for the type's default
     */
    public @Nullable Integer getMaxWorkers() {
        return this.maxWorkers;
    }

    /**
     * Sets the largest number of jobs the executor runs at once.
     * @param maxWorkers the number, or {@code null} for the type's default
     */
    public void setMaxWorkers(@Nullable Integer maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

}
