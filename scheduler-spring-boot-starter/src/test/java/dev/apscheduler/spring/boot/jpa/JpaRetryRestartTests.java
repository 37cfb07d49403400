package dev.apscheduler.spring.boot.jpa;

import static dev.apscheduler.spring.boot.jpa.SchedulerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A retry lives in the job's stored state: it survives a restart and runs on the restarted scheduler, once.
 */
class JpaRetryRestartTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final AtomicInteger calls = new AtomicInteger();

    private final List<Integer> attempts = new CopyOnWriteArrayList<>();

    private ConfigurableApplicationContext application;

    @BeforeEach
    void startApplication() {
        this.application = StoreApplications.start(TestDatabase.H2, Map.of());
        StoreApplications.jdbc(this.application).update("DELETE FROM apscheduler_jobs");
        this.fixture.tasks.register("flaky", (context) -> {
            this.attempts.add(context.attempt());
            if (this.calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return null;
        });
    }

    @AfterEach
    void stopApplication() {
        this.application.close();
    }

    @Test
    void aPendingRetryRunsAfterARestart() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(JobSpec.task("flaky").id("once").trigger(Triggers.date(T0.plusSeconds(1)))
            .retryPolicy(RetryPolicy.attempts(3).withBackoff(Duration.ofMinutes(1), 2, Duration.ofHours(1))));
        scheduler.advance(Duration.ofSeconds(1));
        Job stored = scheduler.getJob("once").orElseThrow();
        assertThat(stored.pendingRetries()).containsExactly(new PendingRetry(T0.plusSeconds(1), 2,
                T0.plusSeconds(61)));
        assertThat(StoreApplications.jdbc(this.application).queryForObject(
                "SELECT job_state FROM apscheduler_jobs WHERE id = 'once'", String.class))
            .contains("\"pending_retries\"").contains("\"trigger_finished\":true");
        scheduler.shutdown();
        this.application.close();
        this.fixture.clock.advance(Duration.ofMinutes(10));
        this.application = StoreApplications.start(TestDatabase.H2, Map.of());
        scheduler = this.fixture.start(this.application);
        scheduler.runDue();
        assertThat(this.attempts).containsExactly(1, 2);
        assertThat(scheduler.getJobs()).as("the finished job goes once its retry succeeded").isEmpty();
        assertThat(this.fixture.events(EventCodes.JOB_RETRY_SCHEDULED)).hasSize(1);
        assertThat(this.fixture.events(EventCodes.JOB_EXECUTED)).hasSize(1);
        scheduler.shutdown();
    }

}
