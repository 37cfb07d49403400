package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * A ZooKeeper outage, the in-process server stopped and started again on the same port with the same data, and a
 * lost session: store calls fail at once with {@link JobStoreException}s while the client is disconnected, the
 * scheduler keeps running, reports the failure (event, health DOWN), retries, and once the client has reconnected
 * runs what became due meanwhile; no job is lost.
 */
class ZooKeeperJobStoreOutageTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MutableClock clock = MutableClock.at(T0);

    private final List<ZonedDateTime> runs = new CopyOnWriteArrayList<>();

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    private TestingServer server;

    private CuratorFramework client;

    @BeforeEach
    void startServer() throws Exception {
        this.server = new TestingServer(true);
        this.client = ZooKeeperTestServer.client(this.server.getConnectString());
    }

    @AfterEach
    void closeServer() throws Exception {
        this.client.close();
        this.server.close();
    }

    private ZooKeeperJobStoreFactory factory() {
        return new ZooKeeperJobStoreFactory(() -> this.client);
    }

    private void awaitConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> this.client.getZookeeperClient().isConnected());
    }

    private void takeServerDown() throws Exception {
        this.server.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !this.client.getZookeeperClient().isConnected());
    }

    private List<SchedulerEvent> events(int code) {
        return this.events.stream().filter((event) -> event.code() == code).toList();
    }

    @Test
    void storeCallsFailWithJobStoreExceptionsWhileDisconnected() throws Exception {
        ZooKeeperJobStore store = (ZooKeeperJobStore) factory()
            .create(ComponentOptions.empty("apscheduler.jobstores.default."));
        store.start(JobStoreContext.of("default", this.clock, ZoneOffset.UTC));
        store.removeAllJobs();
        store.addJob(Job.builder().id("a").task(TaskReference.named("tick")).trigger(Triggers.date(T0.plusMinutes(1)))
            .jobstore("default").nextRunTime(T0.plusMinutes(1)).build());
        takeServerDown();
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::nextRunTime)
            .withMessageContaining("ZooKeeperJobStore[default] failed to find its next run time")
            .withMessageContaining("not connected to ZooKeeper");
        assertThatExceptionOfType(JobStoreException.class)
            .isThrownBy(() -> store.acquireDueJobs(T0.toInstant(), 10, (job) -> {
                throw new AssertionError();
            }));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::getAllJobs);
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> store.lookupJob("a"));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::jobCounts);
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> store.removeJob("a"));
        this.server.restart();
        awaitConnected();
        assertThat(store.getAllJobs()).singleElement().satisfies((job) -> assertThat(job.id()).isEqualTo("a"));
        store.shutdown();
    }

    @Test
    void schedulerRunsWhatBecameDueDuringAnOutageOnceReconnected() throws Exception {
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().registerAction("tick", (job) -> this.runs.add(job.scheduledFireTime())))
            .jobStoreFactory(factory())
            .config(Map.of("apscheduler.jobstores.default.type", "zookeeper",
                    "apscheduler.jobstore_retry_interval", "5"))
            .listener(this.events::add, EventCodes.ALL)
            .build();
        scheduler.start();
        scheduler.removeAllJobs();
        scheduler.addJob(JobSpec.task("tick").id("every-10s")
            .trigger(Triggers.interval().seconds(10).startDate(T0.plusSeconds(10)).build())
            .misfireGraceTime(null).build());
        scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(T0.plusSeconds(25)))
            .misfireGraceTime(null).build());
        scheduler.advance(Duration.ofSeconds(10));
        takeServerDown();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(events(EventCodes.JOBSTORE_FAILED)).isNotEmpty();
        assertThat(scheduler.jobStoreFailure("default")).isPresent();
        assertThat(new ApschedulerHealthIndicator(scheduler).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.runs).containsExactly(T0.plusSeconds(10));
        this.server.restart();
        awaitConnected();
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(events(EventCodes.JOBSTORE_RECOVERED)).hasSize(1);
        assertThat(scheduler.jobStoreFailure("default")).isEmpty();
        assertThat(new ApschedulerHealthIndicator(scheduler).health().getStatus()).isEqualTo(Status.UP);
        assertThat(this.runs).startsWith(T0.plusSeconds(10)).contains(T0.plusSeconds(25))
            .contains(T0.plusSeconds(80)).doesNotHaveDuplicates();
        assertThat(scheduler.getJobs()).extracting((job) -> job.id()).containsExactly("every-10s");
        scheduler.shutdown();
    }

    @Test
    void backgroundSchedulerKeepsRunningThroughAnOutage() throws Exception {
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().register("tick", () -> ticks.add(Instant.now())))
            .jobStoreFactory(factory())
            .config(Map.of("apscheduler.jobstores.default.type", "zookeeper",
                    "apscheduler.jobstores.default.max_wait", "0.1", "apscheduler.jobstore_retry_interval", "0.1"))
            .listener(events::add, EventCodes.JOBSTORE_FAILED | EventCodes.JOBSTORE_RECOVERED)
            .build();
        scheduler.start();
        try {
            scheduler.removeAllJobs();
            scheduler.addJob(JobSpec.task("tick").id("tick").trigger(Triggers.interval(Duration.ofMillis(100)))
                .misfireGraceTime(null).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() >= 2);
            takeServerDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
            int ticksWhileDown = ticks.size();
            this.server.restart();
            await().atMost(Duration.ofSeconds(30))
                .until(() -> events.stream().anyMatch((event) -> event.code() == EventCodes.JOBSTORE_RECOVERED));
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() >= ticksWhileDown + 3);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.getJob("tick")).isPresent();
        }
        finally {
            scheduler.shutdown();
        }
    }

    @Test
    void aLostSessionIsReplacedAndItsWatchSetAgain() throws Exception {
        List<Instant> ran = new CopyOnWriteArrayList<>();
        try (CuratorFramework otherClient = ZooKeeperTestServer.client(this.server.getConnectString())) {
            BackgroundScheduler watching = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
                .taskRegistry(new TaskRegistry().register("tick", () -> ran.add(Instant.now())))
                .jobStore("default", new ZooKeeperJobStore(this.client, new ZooKeeperJobStoreSettings("/lost",
                        Duration.ofMinutes(10), Duration.ZERO)))
                .config(Map.of("apscheduler.jobstore_retry_interval", "0.1"))
                .build();
            ZooKeeperJobStore other = new ZooKeeperJobStore(otherClient, new ZooKeeperJobStoreSettings("/lost",
                    Duration.ofMinutes(10), Duration.ZERO));
            other.start(JobStoreContext.of("default", java.time.Clock.systemUTC(), ZoneOffset.UTC));
            watching.start();
            try {
                long session = this.client.getZookeeperClient().getZooKeeper().getSessionId();
                this.client.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
                await().atMost(Duration.ofSeconds(30)).until(() -> this.client.getZookeeperClient().isConnected()
                        && this.client.getZookeeperClient().getZooKeeper().getSessionId() != session);
                // a store call made while the session was lost failed: wait for the scheduler's retry to succeed
                await().atMost(Duration.ofSeconds(30)).until(() -> watching.jobStoreFailure("default").isEmpty());
                // the watching scheduler sleeps up to ten minutes: only the watch set on its new session wakes it
                ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
                other.addJob(Job.builder().id("from-other").task(TaskReference.named("tick"))
                    .trigger(Triggers.date(now)).jobstore("default").nextRunTime(now).build());
                await().atMost(Duration.ofSeconds(30)).until(() -> ran.size() == 1);
                assertThat(other.lookupJob("from-other")).isEmpty();
            }
            finally {
                watching.shutdown();
                other.shutdown();
            }
        }
    }

}
