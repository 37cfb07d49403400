package dev.apscheduler.spring.boot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Redis outage, on a server of the test's own: the scheduler keeps running, reports the failure (a
 * {@code JOBSTORE_FAILED} event, the store's failure, which the health indicator shows as DOWN), and resumes when
 * Redis answers again. A server that stalls and comes back keeps every job; a server without persistence that is
 * restarted comes back empty, and the scheduler goes on with the jobs added after.
 */
class RedisJobStoreOutageIntegrationTests {

    private final List<Instant> ticks = new CopyOnWriteArrayList<>();

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    private RedisServerProcess server;

    private LettuceConnectionFactory connectionFactory;

    private BackgroundScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        TestRedis.connectionFactory();
        this.server = RedisServerProcess.start();
        this.connectionFactory = TestRedis.connectionFactory(this.server.port());
        RedisJobStore store = new RedisJobStore(this.connectionFactory, RedisKeys.defaults(), Duration.ofMillis(100),
                RedisJobStore.DEFAULT_LOOK_AHEAD, Duration.ofSeconds(1));
        this.scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().register("tick", () -> this.ticks.add(Instant.now())))
            .jobStore("default", store)
            .config(Map.of("apscheduler.jobstore_retry_interval", "0.1"))
            .listener(this.events::add, EventCodes.JOBSTORE_FAILED | EventCodes.JOBSTORE_RECOVERED)
            .build();
        this.scheduler.start();
    }

    @AfterEach
    void stop() throws Exception {
        this.scheduler.shutdown();
        this.connectionFactory.destroy();
        this.server.close();
    }

    private boolean reported(int code) {
        return this.events.stream().anyMatch((event) -> event.code() == code);
    }

    @Test
    void aStalledServerThatComesBackLosesNoJobAndTheSchedulerKeepsRunning() throws Exception {
        this.scheduler.addJob(JobSpec.task("tick").id("tick").trigger(Triggers.interval(Duration.ofMillis(100)))
            .misfireGraceTime(null).build());
        this.scheduler.addJob(JobSpec.task("tick").id("hourly").trigger(Triggers.interval().hours(1).build())
            .build());
        await().atMost(Duration.ofSeconds(30)).until(() -> this.ticks.size() >= 2);
        this.server.suspend();
        await().atMost(Duration.ofSeconds(30)).until(() -> reported(EventCodes.JOBSTORE_FAILED));
        assertThat(this.scheduler.jobStoreFailure("default")).isPresent();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        this.server.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> reported(EventCodes.JOBSTORE_RECOVERED));
        int ticksAfterRecovery = this.ticks.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> this.ticks.size() >= ticksAfterRecovery + 3);
        assertThat(this.scheduler.jobStoreFailure("default")).isEmpty();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.scheduler.getJobs()).extracting((job) -> job.id()).containsExactlyInAnyOrder("tick", "hourly");
    }

    @Test
    void aServerWithoutPersistenceRestartedComesBackEmptyAndTheSchedulerGoesOn() throws Exception {
        this.scheduler.addJob(JobSpec.task("tick").id("before").trigger(Triggers.interval().hours(1).build())
            .build());
        this.server.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> reported(EventCodes.JOBSTORE_FAILED));
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        this.server.startAgain();
        await().atMost(Duration.ofSeconds(30)).until(() -> reported(EventCodes.JOBSTORE_RECOVERED));
        // without persistence Redis kept nothing, like APScheduler's Redis store on such a server
        assertThat(this.scheduler.getJobs()).isEmpty();
        this.scheduler.addJob(JobSpec.task("tick").id("after").trigger(Triggers.interval(Duration.ofMillis(100)))
            .misfireGraceTime(null).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> this.ticks.size() >= 3);
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
    }

}
