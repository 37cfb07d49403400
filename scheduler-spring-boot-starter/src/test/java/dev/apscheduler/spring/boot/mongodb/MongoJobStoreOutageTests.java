package dev.apscheduler.spring.boot.mongodb;

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

import com.mongodb.client.MongoClient;
import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * A MongoDB outage, the in-process server stopped and started again on the same port with the same data: store
 * calls fail with {@link JobStoreException}s, the scheduler keeps running, reports the failure (event, health DOWN),
 * retries, and once the server is back runs what became due meanwhile; no job is lost.
 */
class MongoJobStoreOutageTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MutableClock clock = MutableClock.at(T0);

    private final List<ZonedDateTime> runs = new CopyOnWriteArrayList<>();

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    private RestartableMongoServer server;

    private MongoClient client;

    @BeforeEach
    void startServer() {
        this.server = new RestartableMongoServer();
        this.client = MongoTestServer.client(this.server.uri(), 500);
    }

    @AfterEach
    void stopServer() {
        this.client.close();
        this.server.close();
    }

    private MongoJobStoreFactory factory() {
        return new MongoJobStoreFactory(() -> this.client);
    }

    private ManualScheduler startScheduler() {
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().registerAction("tick", (job) -> this.runs.add(job.scheduledFireTime())))
            .jobStoreFactory(factory())
            .config(Map.of("apscheduler.jobstores.default.type", "mongodb", "apscheduler.jobstore_retry_interval", "5"))
            .listener(this.events::add, EventCodes.ALL)
            .build();
        scheduler.start();
        return scheduler;
    }

    private List<SchedulerEvent> events(int code) {
        return this.events.stream().filter((event) -> event.code() == code).toList();
    }

    @Test
    void storeCallsFailWithJobStoreExceptionsWhileTheServerIsDown() {
        MongoJobStore store = (MongoJobStore) factory().create(dev.apscheduler.config.ComponentOptions
            .empty("apscheduler.jobstores.default."));
        store.start(dev.apscheduler.store.JobStoreContext.of("default", this.clock, ZoneOffset.UTC));
        store.removeAllJobs();
        store.addJob(dev.apscheduler.job.Job.builder().id("a").task(dev.apscheduler.job.TaskReference.named("tick"))
            .trigger(Triggers.date(T0.plusMinutes(1))).jobstore("default").nextRunTime(T0.plusMinutes(1)).build());
        this.server.stop();
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::nextRunTime)
            .withMessageContaining("MongoJobStore[default] failed to find its next run time");
        assertThatExceptionOfType(JobStoreException.class)
            .isThrownBy(() -> store.acquireDueJobs(T0.toInstant(), 10, (job) -> {
                throw new AssertionError();
            }));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::getAllJobs);
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> store.lookupJob("a"));
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(store::jobCounts);
        this.server.start();
        // the driver connects again on its own, within its heartbeat interval; the scheduler retries meanwhile
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(JobStoreException.class)
            .untilAsserted(() -> assertThat(store.getAllJobs()).singleElement()
                .satisfies((job) -> assertThat(job.id()).isEqualTo("a")));
    }

    @Test
    void schedulerRunsWhatBecameDueDuringAnOutageOnceTheServerIsBack() {
        ManualScheduler scheduler = startScheduler();
        scheduler.removeAllJobs();
        scheduler.addJob(JobSpec.task("tick").id("every-10s")
            .trigger(Triggers.interval().seconds(10).startDate(T0.plusSeconds(10)).build())
            .misfireGraceTime(null).build());
        scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(T0.plusSeconds(25)))
            .misfireGraceTime(null).build());
        scheduler.advance(Duration.ofSeconds(10));
        this.server.stop();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(events(EventCodes.JOBSTORE_FAILED)).isNotEmpty();
        assertThat(scheduler.jobStoreFailure("default")).isPresent();
        assertThat(new ApschedulerHealthIndicator(scheduler).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.runs).containsExactly(T0.plusSeconds(10));
        this.server.start();
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(events(EventCodes.JOBSTORE_RECOVERED)).hasSize(1);
        assertThat(scheduler.jobStoreFailure("default")).isEmpty();
        assertThat(new ApschedulerHealthIndicator(scheduler).health().getStatus()).isEqualTo(Status.UP);
        assertThat(this.runs).startsWith(T0.plusSeconds(10)).contains(T0.plusSeconds(25))
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
            .jobStoreFactory(factory())
            .config(Map.of("apscheduler.jobstores.default.type", "mongodb",
                    "apscheduler.jobstores.default.max_wait", "0.1", "apscheduler.jobstore_retry_interval", "0.1"))
            .listener(events::add, EventCodes.JOBSTORE_FAILED | EventCodes.JOBSTORE_RECOVERED)
            .build();
        scheduler.start();
        try {
            scheduler.removeAllJobs();
            scheduler.addJob(JobSpec.task("tick").id("tick").trigger(Triggers.interval(Duration.ofMillis(100)))
                .misfireGraceTime(null).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.size() >= 2);
            this.server.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
            int ticksWhileDown = ticks.size();
            this.server.start();
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
