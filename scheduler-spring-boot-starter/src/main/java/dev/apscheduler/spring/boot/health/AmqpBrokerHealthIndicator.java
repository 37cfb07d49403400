package dev.apscheduler.spring.boot.health;

import dev.apscheduler.spring.boot.amqp.AmqpBroker;
import dev.apscheduler.spring.boot.amqp.WorkerDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the scheduler's RabbitMQ broker connection ({@code apschedulerAmqp}): UP with the broker's version and
 * the number of workers heard from recently when a connection can be opened, DOWN with the error otherwise.
 */
public class AmqpBrokerHealthIndicator extends AbstractHealthIndicator {

    private final AmqpBroker broker;

    private final @Nullable WorkerDirectory directory;

    /**
     * Creates the indicator.
     * @param broker the broker access
     * @param directory the workers seen, or {@code null} when not listening to heartbeats
     */
    public AmqpBrokerHealthIndicator(AmqpBroker broker, @Nullable WorkerDirectory directory) {
        super("RabbitMQ broker check failed");
        this.broker = broker;
        this.directory = directory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try (Connection connection = this.broker.connectionFactory().createConnection()) {
            Object version = connection.getDelegate().getServerProperties().get("version");
            builder.up().withDetail("version", String.valueOf(version));
        }
        if (this.directory != null) {
            builder.withDetail("workers", this.directory.recentWorkers().size());
        }
        builder.withDetail("published", this.broker.statistics().published());
    }

}
