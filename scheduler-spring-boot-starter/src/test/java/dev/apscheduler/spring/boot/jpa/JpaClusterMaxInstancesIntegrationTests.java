package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code max_instances_scope=cluster} on the PostgreSQL server: scheduler instances, each on its own application
 * (connection pool, entity manager factory, store), share one job limited to one run at a time across them. With
 * real time and long runs, no two runs ever overlap, whichever instance claims the fire time; with an injected
 * clock, the slot of an instance that dies mid-run (it neither ends the run nor renews the slot) is freed once its
 * lease has run out, and not before.
 */
class JpaClusterMaxInstancesIntegrationTests {

    private final List<ConfigurableApplicationContext> applications = new ArrayList<>();

    private final List<BackgroundScheduler> schedulers = new ArrayList<>();

    private final String jobId = "exclusive-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        this.schedulers.stream().filter((scheduler) -> scheduler.state() != SchedulerState.STOPPED)
            .forEach((scheduler) -> scheduler.shutdown(true));
        this.applications.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext application() {
        ConfigurableApplicationContext application = StoreApplications.start(TestDatabase.POSTGRESQL,
                Map.of("spring.datasource.hikari.maximum-pool-size", "4"));
        this.applications.add(application);
        return application;
    }

    private int liveSlots(ConfigurableApplicationContext application, ZonedDateTime now) {
        Integer count = StoreApplications.jdbc(application).queryForObject("SELECT COUNT(*) FROM "
                + JpaRunSlots.TABLE + " WHERE job_id = ? AND expires_at > ?", Integer.class, this.jobId,
                now.toInstant().toEpochMilli());
        return (count != null) ? count : -1;
    }

    /** A run, by the instance that made it, from its start to its end (System.nanoTime). */
    private record Interval(String instance, long start, long end) {
    }

    @Test
    void longRunsOfAJobLimitedToOneAcrossThreeInstancesNeverOverlap() {
        List<Interval> runs = new CopyOnWriteArrayList<>();
        List<JobSubmissionEvent> skipped = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "instance-" + i;
            ConfigurableApplicationContext application = application();
            TaskRegistry tasks = new TaskRegistry().registerAction("exclusive", (job) -> {
                long start = System.nanoTime();
                // the run's work: long against the job's interval, so that other instances claim fire times meanwhile
                TimeUnit.MILLISECONDS.sleep(300);
                runs.add(new Interval(name, start, System.nanoTime()));
            });
            BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
                .jobStore("default", StoreApplications.store(application))
                .executor("default", new ThreadPoolJobExecutor(4))
                .instanceName(name)
                .listener((event) -> skipped.add((JobSubmissionEvent) event), EventCodes.JOB_MAX_INSTANCES)
                .build();
            this.schedulers.add(scheduler);
        }
        StoreApplications.jdbc(this.applications.get(0)).update("DELETE FROM apscheduler_jobs");
        this.schedulers.forEach(BackgroundScheduler::start);
        this.schedulers.get(0).addJob(JobSpec.task("exclusive").id(this.jobId)
            .trigger(Triggers.interval().every(Duration.ofMillis(100)).build())
            .misfireGraceTime(null).maxInstances(1).maxInstancesScope(MaxInstancesScope.CLUSTER));
        await().atMost(Duration.ofMinutes(1)).until(() -> runs.size() >= 12);
        this.schedulers.get(0).removeJob(this.jobId);
        this.schedulers.forEach((scheduler) -> scheduler.shutdown(true));
        List<Interval> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparingLong(Interval::start));
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).start()).as("run %d (%s) starts after run %d (%s) ended", i,
                    ordered.get(i).instance(), i - 1, ordered.get(i - 1).instance())
                .isGreaterThanOrEqualTo(ordered.get(i - 1).end());
        }
        assertThat(skipped).as("fire times skipped while another run held the slot").isNotEmpty()
            .allSatisfy((event) -> {
                assertThat(event.jobId()).isEqualTo(this.jobId);
                assertThat(event.maxInstancesScope()).isEqualTo(MaxInstancesScope.CLUSTER);
            });
        assertThat(StoreApplications.jdbc(this.applications.get(0)).queryForObject("SELECT COUNT(*) FROM "
                + JpaRunSlots.TABLE + " WHERE job_id = ?", Integer.class, this.jobId)).as("slots left").isZero();
    }

    @Test
    void slotOfAnInstanceThatDiesMidRunIsFreedOnceItsLeaseRunsOut() {
        MutableClock clock = MutableClock.at(ZonedDateTime.of(2031, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        TaskRegistry tasks = new TaskRegistry().registerAction("exclusive", (job) -> {
        });
        QueueingExecutor runningOnA = new QueueingExecutor();
        QueueingExecutor runningOnB = new QueueingExecutor();
        RecordingListener eventsB = new RecordingListener();
        ConfigurableApplicationContext applicationA = application();
        ConfigurableApplicationContext applicationB = application();
        JpaJobStore storeA = StoreApplications.store(applicationA);
        Duration lease = storeA.runSlots().orElseThrow().lease();
        ManualScheduler a = ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC).taskRegistry(tasks)
            .jobStore("default", storeA).executor("default", runningOnA).build();
        ManualScheduler b = ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC).taskRegistry(tasks)
            .jobStore("default", StoreApplications.store(applicationB)).executor("default", runningOnB)
            .listener(eventsB, EventCodes.ALL).build();
        JdbcTemplate jdbc = StoreApplications.jdbc(applicationA);
        jdbc.update("DELETE FROM apscheduler_jobs");
        a.start();
        b.start();
        try {
            a.addJob(JobSpec.task("exclusive").id(this.jobId)
                .trigger(Triggers.interval().seconds(5).startDate(clock.now().plusSeconds(5)).build())
                .maxInstances(1).maxInstancesScope(MaxInstancesScope.CLUSTER));
            a.advance(Duration.ofSeconds(5));
            assertThat(runningOnA.queued()).as("A's run, which never ends").isOne();
            // three leases long, A renews its slot while B claims fire times and is refused
            for (int step = 0; step < 3 * lease.toSeconds() / 5; step++) {
                ((step % 2 == 0) ? b : a).advance(Duration.ofSeconds(5));
            }
            assertThat(runningOnB.queued()).isZero();
            assertThat(eventsB.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES)).isNotEmpty()
                .allSatisfy((event) -> assertThat(event.maxInstancesScope()).isEqualTo(MaxInstancesScope.CLUSTER));
            assertThat(liveSlots(applicationA, clock.now())).isOne();
            // A dies: its scheduler no longer runs its loop, its run never ends
            ZonedDateTime death = clock.now();
            while (runningOnB.queued() == 0) {
                b.advance(Duration.ofSeconds(5));
                assertThat(clock.now()).as("B takes the slot within a lease of A's death")
                    .isBefore(death.plus(lease).plusSeconds(10));
            }
            ZonedDateTime taken = eventsB.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED).get(0)
                .scheduledRunTimes().get(0);
            assertThat(taken).as("not before the lease A last renewed ran out")
                .isAfter(death.plus(lease.multipliedBy(2).dividedBy(3)));
            assertThat(liveSlots(applicationA, clock.now())).isOne();
        }
        finally {
            b.shutdown(false);
            a.shutdown(false);
        }
    }

}
