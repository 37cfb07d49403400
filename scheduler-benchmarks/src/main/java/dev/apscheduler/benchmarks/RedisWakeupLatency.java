package dev.apscheduler.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.redis.RedisJobStore;
import dev.apscheduler.spring.boot.redis.RedisKeys;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.DateTrigger;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Measures how soon a change made through one {@code redis} store instance wakes another instance's scheduler: two
 * stores on the same keys of the machine's Redis server (127.0.0.1:6379), each on its own connection, as two
 * application instances would be; one adds, pauses or removes a job, the other's wake-up callback (the one that
 * wakes its scheduler's loop) records when it heard of it. Prints one JSON line with the percentiles.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.RedisWakeupLatency [changes]
 * </pre>
 */
public final class RedisWakeupLatency {

    private RedisWakeupLatency() {
    }

    /**
     * Runs the measurement.
     * @param args the number of changes to time (default 3000), after 300 unmeasured ones
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
        String prefix = "apscheduler-wakeup-" + UUID.randomUUID();
        RedisKeys keys = RedisKeys.of(prefix + ".jobs", prefix + ".run_times");
        LettuceConnectionFactory first = connect();
        LettuceConnectionFactory second = connect();
        LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        RedisJobStore changing = new RedisJobStore(first, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        RedisJobStore listening = new RedisJobStore(second, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        changing.start(JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC));
        listening.start(new Listening(heard));
        try {
            Thread.sleep(1000);
            long[] latencies = new long[changes];
            ZonedDateTime next = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1);
            for (int i = -300; i < changes; i++) {
                String id = "job-" + i;
                heard.clear();
                long start = System.nanoTime();
                switch (Math.floorMod(i, 3)) {
                    case 0 -> changing.addJob(Job.builder().id(id).task(TaskReference.named("task"))
                        .trigger(DateTrigger.of(next)).jobstore("default").nextRunTime(next).build());
                    case 1 -> changing.modifyJob("job-" + (i - 1), (job) -> job.withNextRunTime(null));
                    default -> changing.removeJob("job-" + (i - 2));
                }
                Long at = heard.poll(5, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("change " + i + " was not heard within 5 s");
                }
                if (i >= 0) {
                    latencies[i] = at - start;
                }
            }
            Arrays.sort(latencies);
            System.out.printf("{\"system\":\"apscheduler-redis\",\"workload\":\"wakeup\",\"changes\":%d,"
                    + "\"latency_ms_p50\":%.3f,\"latency_ms_p99\":%.3f,\"latency_ms_max\":%.3f}%n", changes,
                    millis(latencies, 0.50), millis(latencies, 0.99), latencies[changes - 1] / 1e6);
        }
        finally {
            changing.shutdown();
            listening.shutdown();
            new StringRedisTemplate(first).delete(keys.dataKeys());
            first.destroy();
            second.destroy();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static LettuceConnectionFactory connect() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /**
     * The listening instance's context: its wake-up hands the time it was called to the measuring thread.
     */
    private static final class Listening implements JobStoreContext {

        private final JobStoreContext base = JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC);

        private final LinkedBlockingQueue<Long> heard;

        Listening(LinkedBlockingQueue<Long> heard) {
            this.heard = heard;
        }

        @Override
        public String alias() {
            return this.base.alias();
        }

        @Override
        public Clock clock() {
            return this.base.clock();
        }

        @Override
        public java.time.ZoneId timezone() {
            return this.base.timezone();
        }

        @Override
        public JobCodec codec() {
            return this.base.codec();
        }

        @Override
        public void reportUnrestorableJob(JobRestoreException failure) {
            this.base.reportUnrestorableJob(failure);
        }

        @Override
        public void wakeup() {
            this.heard.offer(System.nanoTime());
        }

    }

}
