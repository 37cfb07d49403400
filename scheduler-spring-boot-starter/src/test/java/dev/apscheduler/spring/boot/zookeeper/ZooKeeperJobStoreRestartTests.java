package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Jobs outlive the application: stopped, with fire times passing while it is down, and started again on the same
 * znodes, the scheduler handles the missed runs per {@code misfire_grace_time} and {@code coalesce}; a declared job
 * whose definition is unchanged keeps its schedule state.
 */
class ZooKeeperJobStoreRestartTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final ZooKeeperJobStoreSettings SETTINGS = ZooKeeperJobStoreSettings.defaults()
        .withPath("/apscheduler-restart");

    private final MutableClock clock = MutableClock.at(T0);

    private final List<ZonedDateTime> runs = new CopyOnWriteArrayList<>();

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    private CuratorFramework client;

    @BeforeEach
    void connect() throws Exception {
        this.client = ZooKeeperTestServer.client();
        if (this.client.checkExists().forPath(SETTINGS.path()) != null) {
            this.client.delete().deletingChildrenIfNeeded().forPath(SETTINGS.path());
        }
    }

    @AfterEach
    void disconnect() {
        this.client.close();
    }

    private ManualScheduler start() {
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().registerAction("tick", (job) -> this.runs.add(job.scheduledFireTime())))
            .jobStoreFactory(new ZooKeeperJobStoreFactory())
            .config(Map.of("apscheduler.jobstores.default.type", "zookeeper",
                    "apscheduler.jobstores.default.connect_string", ZooKeeperTestServer.connectString(),
                    "apscheduler.jobstores.default.path", SETTINGS.path()))
            .listener(this.events::add, EventCodes.ALL)
            .build();
        scheduler.start();
        return scheduler;
    }

    private ManualScheduler restartAfter(ManualScheduler scheduler, Duration downtime) {
        scheduler.shutdown();
        this.clock.advance(downtime);
        return start();
    }

    private List<ZonedDateTime> missed() {
        return this.events.stream().filter((event) -> event.code() == EventCodes.JOB_MISSED)
            .map((event) -> ((JobExecutionEvent) event).scheduledRunTime()).toList();
    }

    private static JobSpec everyTenSeconds(boolean coalesce, Duration grace) {
        return JobSpec.task("tick").id("tick")
            .trigger(Triggers.interval().seconds(10).startDate(T0.plusSeconds(10)).build())
            .coalesce(coalesce).misfireGraceTime(grace).build();
    }

    @Test
    void missedRunsAreCoalescedIntoOneRunOnRestart() {
        ManualScheduler scheduler = start();
        scheduler.addJob(everyTenSeconds(true, Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(20));
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.runs).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(320));
        assertThat(missed()).isEmpty();
        assertThat(scheduler.getJob("tick").orElseThrow().nextRunTime()).contains(T0.plusSeconds(330));
        scheduler.shutdown();
    }

    @Test
    void missedRunsOlderThanTheGraceTimeAreReportedAsMissedWhenNotCoalesced() {
        ManualScheduler scheduler = start();
        scheduler.addJob(everyTenSeconds(false, Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(20));
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.runs).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(290),
                T0.plusSeconds(300), T0.plusSeconds(310), T0.plusSeconds(320));
        assertThat(missed()).hasSize(26).first().isEqualTo(T0.plusSeconds(30));
        scheduler.shutdown();
    }

    @Test
    void oneShotJobDueWhileDownRunsOnRestartWhenItHasNoGraceTime() {
        ManualScheduler scheduler = start();
        scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(T0.plusMinutes(1)))
            .misfireGraceTime(null).build());
        scheduler = restartAfter(scheduler, Duration.ofHours(1));
        scheduler.runDue();
        assertThat(this.runs).containsExactly(T0.plusMinutes(1));
        assertThat(scheduler.getJobs()).isEmpty();
        scheduler.shutdown();
    }

    @Test
    void pausedJobStaysPausedAcrossRestart() {
        ManualScheduler scheduler = start();
        scheduler.addJob(everyTenSeconds(true, Duration.ofSeconds(30)));
        scheduler.pauseJob("tick");
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.runs).isEmpty();
        assertThat(scheduler.getJob("tick").orElseThrow().isPaused()).isTrue();
        scheduler.resumeJob("tick");
        assertThat(scheduler.getJob("tick").orElseThrow().nextRunTime()).contains(T0.plusSeconds(300));
        scheduler.shutdown();
    }

    @Test
    void aStoreWithAClientOfItsOwnStartsAgainAfterAShutdownWithANewClient() {
        ZooKeeperJobStore store = (ZooKeeperJobStore) new ZooKeeperJobStoreFactory().create(ComponentOptions.of(
                "apscheduler.jobstores.default.", Map.of("connect_string", ZooKeeperTestServer.connectString(),
                        "path", SETTINGS.path())));
        store.start(JobStoreContext.of("default", this.clock, ZoneOffset.UTC));
        CuratorFramework first = store.client();
        store.addJob(Job.builder().id("kept").task(TaskReference.named("tick")).trigger(Triggers.date(T0))
            .jobstore("default").nextRunTime(T0).build());
        store.shutdown();
        assertThat(first.getState()).isEqualTo(CuratorFrameworkState.STOPPED);
        store.start(JobStoreContext.of("default", this.clock, ZoneOffset.UTC));
        assertThat(store.client()).isNotSameAs(first);
        assertThat(store.lookupJob("kept")).isPresent();
        store.shutdown();
    }

    @Test
    void anUnchangedAnnotatedJobKeepsItsNextRunTimeAndRunsWhatWasMissed() {
        declared().run((context) -> {
            scheduler(context).advance(Duration.ofMinutes(10));
            assertThat(context.getBean(Reports.class).fireTimes).containsExactly(T0.plusMinutes(10));
        });
        this.clock.set(T0.plusMinutes(25).toInstant());
        declared().run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            assertThat(scheduler.getJob("report").orElseThrow().nextRunTime()).contains(T0.plusMinutes(20));
            scheduler.runDue();
            assertThat(context.getBean(Reports.class).fireTimes).containsExactly(T0.plusMinutes(20));
            assertThat(scheduler.getJob("report").orElseThrow().nextRunTime()).contains(T0.plusMinutes(30));
        });
    }

    private ApplicationContextRunner declared() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
            .withBean(ManualScheduler.class, () -> ManualScheduler.builder().clock(this.clock)
                .timezone(ZoneOffset.UTC)
                .jobStore("default", new ZooKeeperJobStore(this.client, SETTINGS))
                .build())
            .withBean("reports", Reports.class);
    }

    private static ManualScheduler scheduler(ApplicationContext context) {
        return context.getBean(ManualScheduler.class);
    }

    static class Reports {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        @ScheduledJob(id = "report", minutes = "10", misfireGraceTime = "none")
        void report(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime());
        }

    }

}
