package dev.apscheduler.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStore;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStoreSettings;
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
 * wake-up callback (the one its watch calls to wake its scheduler's loop) records when it heard of it
 * ({@link WakeupLatency}). Prints one JSON line with the percentiles.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.ZooKeeperWakeupLatency [changes]
 * </pre>
 */
public final class ZooKeeperWakeupLatency {

    private static final String WAKEUP = "ZooKeeper watch on the jobs node";

    private ZooKeeperWakeupLatency() {
    }

    /**
     * Runs the measurement.
     * @param args the number of changes to time (default 3000), after 300 unmeasured ones
     * @throws Exception if the server cannot be started or the measurement is interrupted
     */
    public static void main(String[] args) throws Exception {
        int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
        WakeupLatency.Measured measured = measure(300, changes);
        WakeupLatency.print(measured.sorted(),
                "system", "apscheduler-zookeeper", "server", "in-process TestingServer", "workload", "wakeup");
    }

    /**
     * Times changes made through one store instance until the other hears of them.
     * @param warmups the unmeasured changes first
     * @param changes the measured changes
     * @return the latencies and the setup
     * @throws Exception if a change fails or the measurement is interrupted
     */
    static WakeupLatency.Measured measure(int warmups, int changes) throws Exception {
        TestingServer server = new TestingServer(true);
        CuratorFramework first = connect(server.getConnectString());
        CuratorFramework second = connect(server.getConnectString());
        WakeupLatency latency = new WakeupLatency();
        ZooKeeperJobStoreSettings settings = new ZooKeeperJobStoreSettings("/apscheduler-wakeup",
                Duration.ofSeconds(1), Duration.ZERO);
        ZooKeeperJobStore changing = new ZooKeeperJobStore(first, settings);
        ZooKeeperJobStore listening = new ZooKeeperJobStore(second, settings);
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
            first.close();
            second.close();
            server.close();
        }
    }

    private static CuratorFramework connect(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(100, 3))
            .build();
        client.start();
        return client;
    }

}
