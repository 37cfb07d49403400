package dev.apscheduler.spring.boot.metrics;

import java.util.List;
import java.util.function.ToLongFunction;

import dev.apscheduler.spring.boot.amqp.AmqpBroker;
import dev.apscheduler.spring.boot.amqp.AmqpStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the RabbitMQ executor and workers: counters {@code apscheduler.amqp.messages} tagged {@code event}
 * ({@code published}, {@code consumed}, {@code acked}, {@code redelivered}, {@code dead_lettered}, {@code duplicate})
 * and the gauge {@code apscheduler.amqp.queue.depth} (ready messages, as the broker reports them) per queue watched.
 */
public class AmqpMeterBinder implements MeterBinder {

    private final AmqpBroker broker;

    private final List<String> queues;

    /**
     * Creates the binder.
     * @param broker the broker access
     * @param queues the queues whose depth is reported
     */
    public AmqpMeterBinder(AmqpBroker broker, List<String> queues) {
        this.broker = broker;
        this.queues = List.copyOf(queues);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AmqpStatistics statistics = this.broker.statistics();
        counter(registry, statistics, "published", AmqpStatistics::published);
        counter(registry, statistics, "consumed", AmqpStatistics::consumed);
        counter(registry, statistics, "acked", AmqpStatistics::acked);
        counter(registry, statistics, "redelivered", AmqpStatistics::redelivered);
        counter(registry, statistics, "dead_lettered", AmqpStatistics::deadLettered);
        counter(registry, statistics, "duplicate", AmqpStatistics::duplicates);
        for (String queue : this.queues) {
            Gauge.builder("apscheduler.amqp.queue.depth", this.broker,
                    (broker) -> broker.queueDepth(queue).stream().mapToDouble((depth) -> depth).findFirst()
                        .orElse(Double.NaN))
                .description("Messages ready in a run queue")
                .tag("queue", queue)
                .register(registry);
        }
    }

    private static void counter(MeterRegistry registry, AmqpStatistics statistics, String event,
            ToLongFunction<AmqpStatistics> count) {
        FunctionCounter.builder("apscheduler.amqp.messages", statistics, (value) -> count.applyAsLong(value))
            .description("Run messages crossing the broker in this process")
            .tag("event", event)
            .register(registry);
    }

}
