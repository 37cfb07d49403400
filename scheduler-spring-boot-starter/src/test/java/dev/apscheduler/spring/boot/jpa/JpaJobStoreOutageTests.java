package dev.apscheduler.spring.boot.jpa;

import static dev.apscheduler.spring.boot.jpa.SchedulerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database outage: store calls fail with {@link JobStoreException}s, the scheduler keeps running, reports the
 * failure, retries with backoff, and once the database is back runs what became due meanwhile; no job is lost.
 */
class JpaJobStoreOutageTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private ConfigurableApplicationContext application;

    private SwitchableDataSource database;

    @BeforeEach
    void startApplication() {
        this.application = StoreApplications.start(TestDatabase.H2, Map.of(), SwitchableDataSource.Wrapping.class);
        this.database = this.application.getBean(SwitchableDataSource.class);
        StoreApplications.jdbc(this.application).update("DELETE FROM apscheduler_jobs");
    }

    @AfterEach
    void stopApplication() {
        this.database.comeBack();
        this.application.close();
    }

    @Test
    void storeCallsFailWithJobStoreExceptionsWhileTheDatabaseIsDown() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        JpaJobStore store = this.fixture.store();
        scheduler.addJob(JobSpec.task("tick").id("a").trigger(Triggers.date(T0.plusMinutes(1))).build());
        this.database.goDown();
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::nextRunTime)
            .withMessageContaining("JpaJobStore[default] failed to find its next run time")
            .withMessageContaining("database is down");
        assertThatExceptionOfType(JobStoreException.class)
            .isThrownBy(() -> store.acquireDueJobs(T0.toInstant(), 10, (job) -> { throw new AssertionError(); }));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::getAllJobs);
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> store.lookupJob("a"));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> scheduler.addJob(JobSpec.task("tick")
            .id("b").trigger(Triggers.date(T0.plusMinutes(1))).build()))
            .withMessageContaining("'b'");
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> scheduler.pauseJob("a"));
        this.database.comeBack();
        assertThat(store.getAllJobs()).singleElement().satisfies((job) -> assertThat(job.id()).isEqualTo("a"));
        scheduler.shutdown();
    }

    @Test
    void schedulerRunsWhatBecameDueDuringAnOutageOnceTheDatabaseIsBack() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(JobSpec.task("tick").id("every-10s")
            .trigger(Triggers.interval().seconds(10).startDate(T0.plusSeconds(10)).build())
            .misfireGraceTime(null).build());
        scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(T0.plusSeconds(25)))
            .misfireGraceTime(null).build());
        scheduler.advance(Duration.ofSeconds(10));
        this.database.goDown();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(this.fixture.events(EventCodes.JOBSTORE_FAILED)).isNotEmpty();
        assertThat(scheduler.jobStoreFailure("default")).isPresent();
        assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.fixture.runs).containsExactly(T0.plusSeconds(10));
        this.database.comeBack();
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(this.fixture.events(EventCodes.JOBSTORE_RECOVERED)).hasSize(1);
        assertThat(scheduler.jobStoreFailure("default")).isEmpty();
        assertThat(this.fixture.runs).startsWith(T0.plusSeconds(10)).contains(T0.plusSeconds(25))
            .contains(T0.plusSeconds(80));
        assertThat(scheduler.getJobs()).extracting((job) -> job.id()).containsExactly("every-10s");
        scheduler.shutdown();
    }

    @Test
    void backgroundSchedulerKeepsRunningThroughAnOutage() {
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().register("tick", () -> ticks.add(Instant.now())))
            .jobStoreFactory(this.application.getBean(JpaJobStoreFactory.class))
            .config(Map.of("apscheduler.jobstores.default.type", "jpa",
                    "apscheduler.jobstores.default.max_wait", "0.1", "apscheduler.jobstore_retry_interval", "0.1"))
            .listener(events::add, EventCodes.JOBSTORE_FAILED | EventCodes.JOBSTORE_RECOVERED)
            .build();
        scheduler.start();
        try {
            scheduler.addJob(JobSpec.task("tick").id("tick").trigger(Triggers.interval(Duration.ofMillis(100)))
                .misfireGraceTime(null).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() >= 2);
            this.database.goDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
            int ticksWhileDown = ticks.size();
            this.database.comeBack();
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

}
