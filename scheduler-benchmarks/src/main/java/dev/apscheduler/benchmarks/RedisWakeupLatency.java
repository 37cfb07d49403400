package dev.apscheduler.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.redis.RedisJobStore;
import dev.apscheduler.spring.boot.redis.RedisKeys;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.DateTrigger;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Measures how soon a change made through one {@code redis} store instance wakes another instance's scheduler: two
 * stores on the same keys of the machine's Redis server (127.0.0.1:6379), each on its own connection, as two
 * application instances would be; one adds, pauses or removes a job, the other's wake-up callback (the one that
 * wakes its scheduler's loop) records when it heard of it ({@link WakeupLatency}). Prints one JSON line with the
 * percentiles.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.RedisWakeupLatency [changes]
 * </pre>
 */
public final class RedisWakeupLatency {

    private static final String WAKEUP = "Redis pub/sub notification of the change";

    private RedisWakeupLatency() {
    }

    /**
     * Runs the measurement.
     * @param args the number of changes to time (default 3000), after 300 unmeasured ones
     * @throws Exception if a change fails or the measurement is interrupted
     */
    public static void main(String[] args) throws Exception {
        int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
        WakeupLatency.Measured measured = measure(300, changes);
        WakeupLatency.print(measured.sorted(),
                "system", "apscheduler-redis", "store", "redis on 127.0.0.1:6379", "workload", "wakeup");
    }

    /**
     * Times changes made through one store instance until the other hears of them.
     * @param warmups the unmeasured changes first
     * @param changes the measured changes
     * @return the latencies and the setup
     * @throws Exception if a change fails or the measurement is interrupted
     */
    static WakeupLatency.Measured measure(int warmups, int changes) throws Exception {
        String prefix = "apscheduler-wakeup-" + UUID.randomUUID();
        RedisKeys keys = RedisKeys.of(prefix + ".jobs", prefix + ".run_times");
        LettuceConnectionFactory first = connect();
        LettuceConnectionFactory second = connect();
        WakeupLatency latency = new WakeupLatency();
        RedisJobStore changing = new RedisJobStore(first, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        RedisJobStore listening = new RedisJobStore(second, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        changing.start(JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC));
        listening.start(latency.listeningContext());
        try {
            Thread.sleep(1000);
            ZonedDateTime next = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1);
            // the changes cycle through add, pause and remove from the first warm-up on: whole cycles of warm-ups
            long[] latencies = latency.measure((warmups + 2) / 3 * 3, changes, (i) -> {
                long start = System.nanoTime();
                switch (Math.floorMod(i, 3)) {
                    case 0 -> changing.addJob(Job.builder().id("job-" + i).task(TaskReference.named("task"))
                        .trigger(DateTrigger.of(next)).jobstore("default").nextRunTime(next).build());
                    case 1 -> changing.modifyJob("job-" + (i - 1), (job) -> job.withNextRunTime(null));
                    default -> changing.removeJob("job-" + (i - 2));
                }
                return start;
            });
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("measured", "a change (add, pause or remove, in turn) made through one store instance to "
                    + "the other instance's wake-up callback");
            described.put("instances", "2 store instances on one server, a connection each");
            described.put("wakeup", WAKEUP);
            return new WakeupLatency.Measured(latencies, described);
        }
        finally {
            changing.shutdown();
            listening.shutdown();
            new StringRedisTemplate(first).delete(keys.dataKeys());
            first.destroy();
            second.destroy();
        }
    }

    private static LettuceConnectionFactory connect() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

}
