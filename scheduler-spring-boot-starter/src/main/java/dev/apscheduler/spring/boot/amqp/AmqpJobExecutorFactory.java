package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;

/**
 * Creates {@link AmqpJobExecutor}s: type {@code amqp}, alias {@code celery}; options {@code queue} (default
 * {@value AmqpRoute#DEFAULT_QUEUE}), {@code exchange} (default {@code ""}, RabbitMQ's default exchange),
 * {@code routing_key} (default: the queue's name) and {@code confirm_timeout} (default 10 seconds). Remembers each
 * executor's route by alias, for {@link AmqpTasks}.
 */
public final class AmqpJobExecutorFactory implements JobExecutorFactory {

    private static final List<String> OPTIONS = List.of("queue", "exchange", "routing_key", "confirm_timeout");

    private final Supplier<AmqpBroker> broker;

    private final Map<String, AmqpRoute> routes = new ConcurrentHashMap<>();

    /**
     * Creates the factory.
     * @param broker the broker access, looked up when the first executor is created
     */
    public AmqpJobExecutorFactory(Supplier<AmqpBroker> broker) {
        this.broker = broker;
    }

    @Override
    public String type() {
        return AmqpJobExecutor.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("celery");
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly("executor type 'amqp'", OPTIONS);
        String queue = options.string("queue").orElse(AmqpRoute.DEFAULT_QUEUE);
        String exchange = options.string("exchange").orElse("");
        String routingKey = options.string("routing_key").orElse(queue);
        AmqpRoute route;
        try {
            route = new AmqpRoute(queue, exchange, routingKey);
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(exchange.isEmpty() ? "routing_key" : "queue"),
                    options.keyPrefix() + ": " + ex.getMessage());
        }
        Duration confirmTimeout = options.duration("confirm_timeout").orElse(AmqpBroker.DEFAULT_CONFIRM_TIMEOUT);
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new ConfigurationException(options.keyFor("confirm_timeout"), options.keyFor("confirm_timeout")
                    + " must be positive, was " + confirmTimeout);
        }
        String alias = alias(options.keyPrefix());
        AmqpJobExecutor executor = new AmqpJobExecutor(this.broker.get(), route, confirmTimeout);
        this.routes.put(alias, route);
        return executor;
    }

    /**
     * Returns the routes of the executors created, by alias.
     * @return the routes
     */
    public Map<String, AmqpRoute> routes() {
        return Map.copyOf(this.routes);
    }

    private static String alias(String keyPrefix) {
        String prefix = keyPrefix.endsWith(".") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
        int dot = prefix.lastIndexOf('.');
        return (dot >= 0) ? prefix.substring(dot + 1) : prefix;
    }

}
