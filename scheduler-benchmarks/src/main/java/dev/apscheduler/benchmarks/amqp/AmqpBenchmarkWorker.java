package dev.apscheduler.benchmarks.amqp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.amqp.AmqpBroker;
import dev.apscheduler.spring.boot.amqp.AmqpRoute;
import dev.apscheduler.spring.boot.amqp.AmqpWorker;
import dev.apscheduler.spring.boot.amqp.AmqpWorkers;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A worker JVM of the RabbitMQ benchmark: consumes the run queue (first argument) and reports, every 100 ms, the
 * fire time and start time of the runs it started (epoch microseconds, pairs of longs) to the results queue (second
 * argument). Stops when its standard input closes.
 */
public final class AmqpBenchmarkWorker {

    private AmqpBenchmarkWorker() {
    }

    /**
     * Runs the worker.
     * @param args run queue, results queue, concurrency, prefetch
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        CachingConnectionFactory connections = AmqpThroughput.connections();
        AmqpBroker broker = new AmqpBroker(connections);
        ConcurrentLinkedQueue<long[]> started = new ConcurrentLinkedQueue<>();
        TaskRegistry tasks = new TaskRegistry().register("bench", (context) -> {
            Instant now = Instant.now();
            Instant fire = context.scheduledFireTime().toInstant();
            started.add(new long[] { micros(fire), micros(now) });
            return null;
        });
        AmqpWorker worker = AmqpWorkers.create(broker, tasks, new MemoryHistoryStore(10), "bench-" + ProcessHandle
            .current().pid(), List.of(AmqpRoute.queue(args[0])), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Duration.ofSeconds(5), JobRunInterceptor.none());
        RabbitTemplate template = new RabbitTemplate(connections);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleAtFixedRate(() -> report(started, template, args[1]), 100, 100, TimeUnit.MILLISECONDS);
        worker.start();
        while (System.in.read() >= 0) {
            // runs until the benchmark closes our standard input
        }
        worker.stop();
        reporter.shutdown();
        report(started, template, args[1]);
        broker.destroy();
        connections.destroy();
    }

    private static void report(ConcurrentLinkedQueue<long[]> started, RabbitTemplate template, String queue) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 4096);
        long[] pair;
        while (buffer.remaining() >= 16 && (pair = started.poll()) != null) {
            buffer.putLong(pair[0]).putLong(pair[1]);
        }
        if (buffer.position() > 0) {
            byte[] body = new byte[buffer.position()];
            buffer.flip().get(body);
            template.send("", queue, new Message(body, new MessageProperties()));
        }
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

}
