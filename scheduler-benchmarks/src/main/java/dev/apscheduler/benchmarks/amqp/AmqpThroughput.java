package dev.apscheduler.benchmarks.amqp;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.amqp.AmqpBroker;
import dev.apscheduler.spring.boot.amqp.AmqpJobExecutor;
import dev.apscheduler.spring.boot.amqp.AmqpRoute;
import dev.apscheduler.trigger.DateTrigger;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Runs through RabbitMQ to two worker JVMs on the machine's broker (127.0.0.1:5672, guest/guest): a beat (a
 * {@link BackgroundScheduler} with an {@code amqp} executor and the memory store) publishes the runs of one-off jobs,
 * the workers ({@link AmqpBenchmarkWorker}, started from this class path) run them. Two phases:
 * <ul>
 * <li>throughput: {@code runs} jobs (default 10,000) all due at one instant; runs per second from that instant to
 * the last run's start; measured after {@code warmups} bursts of the same size (default 2, each printed as
 * {@code throughput_warmup}), so that the beat and the workers run compiled code as a long-running deployment
 * does;</li>
 * <li>lateness under light load: {@code lightRuns} jobs (default 1,000) due 10 ms apart (100 runs/s); the
 * percentiles of start time minus fire time.</li>
 * </ul>
 * Prints one JSON line per phase.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.amqp.AmqpThroughput \
 *     [runs] [lightRuns] [warmups]
 * </pre>
 */
public final class AmqpThroughput {

    private static final int CONCURRENCY = 8;

    private static final int PREFETCH = 200;

    private AmqpThroughput() {
    }

    static CachingConnectionFactory connections() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setChannelCacheSize(32);
        return factory;
    }

    /**
     * Runs the benchmark.
     * @param args the number of runs of the throughput phase, then of the lateness phase, then the warm-up bursts
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
        int lightRuns = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000;
        int warmups = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String queue = "apscheduler-bench.runs." + suffix;
        String results = "apscheduler-bench.results." + suffix;
        CachingConnectionFactory connections = connections();
        RabbitAdmin admin = new RabbitAdmin(connections);
        AmqpBroker broker = new AmqpBroker(connections);
        broker.declare(AmqpRoute.queue(queue));
        admin.declareQueue(new org.springframework.amqp.core.Queue(results, false, false, false));
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                workers.add(startWorker(queue, results));
            }
            Thread.sleep(4000);
            BackgroundScheduler scheduler = BackgroundScheduler.builder()
                .executor("default", new AmqpJobExecutor(broker, AmqpRoute.queue(queue), Duration.ofSeconds(30)))
                .build();
            scheduler.taskRegistry().register("bench", () -> {
            });
            scheduler.start();
            RabbitTemplate template = new RabbitTemplate(connections);
            for (int round = 0; round <= warmups; round++) {
                ZonedDateTime burst = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5);
                for (int i = 0; i < runs; i++) {
                    scheduler.addJob(JobSpec.task("bench").id("burst-" + round + "-" + i)
                        .trigger(DateTrigger.of(burst)).misfireGraceTime(null));
                }
                long[][] burstStarts = collect(template, results, runs);
                long first = AmqpBenchmarkWorker.micros(burst.toInstant());
                long last = Arrays.stream(burstStarts).mapToLong((pair) -> pair[1]).max().orElse(first);
                double seconds = (last - first) / 1e6;
                print((round < warmups) ? "throughput_warmup" : "throughput", runs, seconds, lateness(burstStarts));
            }
            ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
            for (int i = 0; i < lightRuns; i++) {
                scheduler.addJob(JobSpec.task("bench").id("light-" + i)
                    .trigger(DateTrigger.of(start.plusNanos(i * 10_000_000L))).misfireGraceTime(null));
            }
            long[][] lightStarts = collect(template, results, lightRuns);
            print("lateness_100_per_s", lightRuns, lightRuns / 100.0, lateness(lightStarts));
            scheduler.shutdown(true);
        }
        finally {
            for (Process worker : workers) {
                worker.getOutputStream().close();
                if (!worker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
            admin.deleteQueue(queue);
            admin.deleteQueue(queue + AmqpRoute.DEAD_LETTER_SUFFIX);
            admin.deleteQueue(results);
            broker.destroy();
            connections.destroy();
        }
    }

    private static Process startWorker(String queue, String results) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AmqpBenchmarkWorker.class.getName(), queue, results, Integer.toString(CONCURRENCY),
                Integer.toString(PREFETCH))
            .redirectErrorStream(true)
            .redirectOutput(new File("/dev/null"))
            .start();
    }

    private static long[][] collect(RabbitTemplate template, String results, int expected) {
        long[][] pairs = new long[expected][];
        int count = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count < expected && System.nanoTime() < deadline) {
            Message message = template.receive(results, 1000);
            if (message == null) {
                continue;
            }
            ByteBuffer body = ByteBuffer.wrap(message.getBody());
            while (body.remaining() >= 16 && count < expected) {
                pairs[count++] = new long[] { body.getLong(), body.getLong() };
            }
        }
        if (count < expected) {
            throw new IllegalStateException("only " + count + " of " + expected + " runs started within 5 minutes");
        }
        return pairs;
    }

    private static long[] lateness(long[][] pairs) {
        return Arrays.stream(pairs).mapToLong((pair) -> pair[1] - pair[0]).sorted().toArray();
    }

    private static void print(String phase, int runs, double seconds, long[] lateMicros) {
        System.out.println(String.format(Locale.ROOT, "{\"system\":\"apscheduler-amqp\",\"phase\":\"%s\","
                + "\"workers\":2,\"concurrency_per_worker\":%d,\"runs\":%d,\"seconds\":%.3f,\"runs_per_s\":%.0f,"
                + "\"lateness_ms\":{\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f}}", phase, CONCURRENCY, runs,
                seconds, runs / seconds, percentile(lateMicros, 50), percentile(lateMicros, 90),
                percentile(lateMicros, 99), lateMicros[lateMicros.length - 1] / 1000.0));
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

}
