package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.spring.boot.amqp.AmqpRoute;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker role ({@code apscheduler.worker.*}): whether this application consumes runs from RabbitMQ, which queues,
 * how many at once and how many each consumer may hold unacknowledged.
 */
@ConfigurationProperties("apscheduler.worker")
public class ApschedulerWorkerProperties {

    /** The default number of consumers, each running one task at a time. */
    public static final int DEFAULT_CONCURRENCY = 4;

    /** The default number of unacknowledged messages a consumer may hold. */
    public static final int DEFAULT_PREFETCH = 4;

    /**
     * Whether this application is a worker: consumes runs from the queues below and executes them.
     */
    private boolean enabled;

    /**
     * Queues the worker consumes.
     */
    private List<String> queues = new ArrayList<>(List.of(AmqpRoute.DEFAULT_QUEUE));

    /**
     * Number of consumers, each running one task at a time.
     */
    private int concurrency = DEFAULT_CONCURRENCY;

    /**
     * Number of unacknowledged messages each consumer may hold (runs held until their ETA count too).
     */
    private int prefetch = DEFAULT_PREFETCH;

    /**
     * Name of the worker in run records and heartbeats (default: apscheduler.instance-name, else host and pid).
     */
    private @Nullable String name;

    /**
     * How often the worker announces itself on the workers' fanout exchange; workers not heard from for three
     * intervals are no longer listed.
     */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /**
     * Returns whether this application is a worker.
     * @return whether it consumes runs
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether this application is a worker.
     * @param enabled whether it consumes runs
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the queues consumed.
     * @return the queue names
     */
    public List<String> getQueues() {
        return this.queues;
    }

    /**
     * Sets the queues consumed.
     * @param queues the queue names
     */
    public void setQueues(List<String> queues) {
        this.queues = queues;
    }

    /**
     * Returns the number of consumers.
     * @return the number
     */
    public int getConcurrency() {
        return this.concurrency;
    }

    /**
     * Sets the number of consumers.
     * @param concurrency the number, at least 1
     */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * Returns the prefetch count per consumer.
     * @return the count
     */
    public int getPrefetch() {
        return this.prefetch;
    }

    /**
     * Sets the prefetch count per consumer.
     * @param prefetch the count, at least 1
     */
    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    /**
     * Returns the worker's name.
     * @return the name, or {@code null} for the default
     */
    public @Nullable String getName() {
        return this.name;
    }

    /**
     * Sets the worker's name.
     * @param name the name, or {@code null} for the default
     */
    public void setName(@Nullable String name) {
        this.name = name;
    }

    /**
     * Returns the heartbeat interval.
     * @return the interval
     */
    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    /**
     * Sets the heartbeat interval.
     * @param heartbeatInterval the interval, positive
     */
    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

}
