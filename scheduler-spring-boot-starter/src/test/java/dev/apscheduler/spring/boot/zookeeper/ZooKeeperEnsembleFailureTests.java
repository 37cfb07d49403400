package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.Triggers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler instances on a three-server ZooKeeper ensemble (Curator's testing cluster, real servers in the test
 * JVM), running hundreds of jobs with no grace time while the server one of them is connected to is killed: its
 * client moves to another server within the session timeout, the session and its claims survive, and every fire time
 * still runs exactly once.
 */
class ZooKeeperEnsembleFailureTests {

    private static final ZooKeeperJobStoreSettings SETTINGS = ZooKeeperJobStoreSettings.defaults()
        .withPath("/apscheduler-ensemble");

    private static final int JOBS = 600;

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private final Set<String> expected = new HashSet<>();

    private final List<CuratorFramework> clients = new ArrayList<>();

    private final List<BackgroundScheduler> schedulers = new ArrayList<>();

    private TestingCluster cluster;

    @BeforeEach
    void startEnsemble() throws Exception {
        this.cluster = new TestingCluster(3);
        this.cluster.start();
    }

    @AfterEach
    void stopEnsemble() throws Exception {
        this.schedulers.forEach((scheduler) -> scheduler.shutdown(true));
        this.clients.forEach(CuratorFramework::close);
        this.cluster.close();
    }

    private CuratorFramework client() {
        CuratorFramework client = ZooKeeperTestServer.client(this.cluster.getConnectString());
        this.clients.add(client);
        return client;
    }

    private void storeWorkload(CuratorFramework client) {
        ZooKeeperJobStore loader = new ZooKeeperJobStore(client, SETTINGS);
        loader.start(JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC));
        loader.removeAllJobs();
        ZonedDateTime base = Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC);
        for (int i = 0; i < JOBS; i++) {
            ZonedDateTime due = base.plusNanos(8_000_000_000L * i / JOBS);
            loader.addJob(Job.builder().id("once-" + i).task(TaskReference.named("record")).trigger(Triggers.date(due))
                .jobstore("default").misfireGraceTime(null).coalesce(false).nextRunTime(due).build());
            this.expected.add("once-" + i + "@" + due.toInstant());
        }
        loader.shutdown();
    }

    private void startScheduler(CuratorFramework client, String name) {
        TaskRegistry tasks = new TaskRegistry().registerAction("record", (job) -> this.executions
            .computeIfAbsent(job.jobId() + "@" + job.scheduledFireTime().toInstant(), (key) -> new AtomicInteger())
            .incrementAndGet());
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
            .jobStore("default", new ZooKeeperJobStore(client, SETTINGS))
            .executor("default", new ThreadPoolJobExecutor(10))
            .config(Map.of("apscheduler.jobstore_retry_interval", "0.2"))
            .instanceName(name)
            .build();
        scheduler.start();
        this.schedulers.add(scheduler);
    }

    @Test
    void killingTheServerAnInstanceIsConnectedToLosesNothingAndRunsNothingTwice() throws Exception {
        CuratorFramework first = client();
        CuratorFramework second = client();
        storeWorkload(first);
        long session = first.getZookeeperClient().getZooKeeper().getSessionId();
        startScheduler(first, "first");
        startScheduler(second, "second");
        await().atMost(Duration.ofMinutes(2)).until(() -> this.executions.size() >= JOBS / 4);
        InstanceSpec connectedTo = this.cluster.findConnectionInstance(first.getZookeeperClient().getZooKeeper());
        assertThat(this.cluster.killServer(connectedTo)).isTrue();
        int executedAtKill = this.executions.size();
        await().atMost(Duration.ofMinutes(2)).until(() -> this.executions.size() == this.expected.size()
                && first.checkExists().forPath(SETTINGS.path() + "/jobs").getNumChildren() == 0);
        assertThat(this.executions.keySet()).isEqualTo(this.expected);
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.executions.size()).isGreaterThan(executedAtKill);
        assertThat(first.getZookeeperClient().getZooKeeper().getSessionId()).isEqualTo(session);
        assertThat(this.cluster.findConnectionInstance(first.getZookeeperClient().getZooKeeper()))
            .isNotEqualTo(connectedTo);
    }

}
