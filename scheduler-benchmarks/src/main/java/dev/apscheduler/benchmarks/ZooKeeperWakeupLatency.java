package dev.apscheduler.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStore;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStoreSettings;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.DateTrigger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

/**
 * Measures how soon a change made through one {@code zookeeper} store instance wakes another instance's scheduler:
 * two stores on the same base path of a ZooKeeper server in this JVM (Curator's {@code TestingServer}), each with
 * its own client and session, as two application instances would be; one adds, pauses or removes a job, the other's
 * wake-up callback (the one its watch calls to wake its scheduler's loop) records when it heard of it. Prints one
 * JSON line with the percentiles.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.ZooKeeperWakeupLatency [changes]
 * </pre>
 */
public final class ZooKeeperWakeupLatency {

    private ZooKeeperWakeupLatency() {
    }

    /**
     * Runs the measurement.
     * @param args the number of changes to time (default 3000), after 300 unmeasured ones
     * @throws Exception if the server cannot be started or the measurement is interrupted
     */
    public static void main(String[] args) throws Exception {
        int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
        TestingServer server = new TestingServer(true);
        CuratorFramework first = connect(server.getConnectString());
        CuratorFramework second = connect(server.getConnectString());
        LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        ZooKeeperJobStoreSettings settings = new ZooKeeperJobStoreSettings("/apscheduler-wakeup",
                Duration.ofSeconds(1), Duration.ZERO);
        ZooKeeperJobStore changing = new ZooKeeperJobStore(first, settings);
        ZooKeeperJobStore listening = new ZooKeeperJobStore(second, settings);
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
            System.out.printf("{\"system\":\"apscheduler-zookeeper\",\"server\":\"in-process TestingServer\","
                    + "\"workload\":\"wakeup\",\"changes\":%d,"
                    + "\"latency_ms_p50\":%.3f,\"latency_ms_p99\":%.3f,\"latency_ms_max\":%.3f}%n", changes,
                    millis(latencies, 0.50), millis(latencies, 0.99), latencies[changes - 1] / 1e6);
        }
        finally {
            changing.shutdown();
            listening.shutdown();
            first.close();
            second.close();
            server.close();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static CuratorFramework connect(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(100, 3))
            .build();
        client.start();
        return client;
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
