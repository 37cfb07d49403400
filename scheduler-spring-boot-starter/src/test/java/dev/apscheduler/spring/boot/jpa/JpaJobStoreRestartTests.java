package dev.apscheduler.spring.boot.jpa;

import static dev.apscheduler.spring.boot.jpa.SchedulerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Jobs outlive the application: stopped, with fire times passing while it is down, and started again, the scheduler
 * handles the missed runs per {@code misfire_grace_time} and {@code coalesce}.
 */
class JpaJobStoreRestartTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private ConfigurableApplicationContext application;

    @BeforeEach
    void startApplication() {
        this.application = StoreApplications.start(TestDatabase.H2, Map.of());
        StoreApplications.jdbc(this.application).update("DELETE FROM apscheduler_jobs");
    }

    @AfterEach
    void stopApplication() {
        this.application.close();
    }

    private ManualScheduler restartAfter(ManualScheduler scheduler, Duration downtime) {
        scheduler.shutdown();
        this.application.close();
        this.fixture.clock.advance(downtime);
        this.application = StoreApplications.start(TestDatabase.H2, Map.of());
        return this.fixture.start(this.application);
    }

    private JobSpec everyTenSeconds(boolean coalesce, Duration grace) {
        return JobSpec.task("tick").id("tick")
            .trigger(Triggers.interval().seconds(10).startDate(T0.plusSeconds(10)).build())
            .coalesce(coalesce).misfireGraceTime(grace).build();
    }

    @Test
    void missedRunsAreCoalescedIntoOneRunOnRestart() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(everyTenSeconds(true, Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(20));
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.fixture.runs).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(320));
        assertThat(this.fixture.missed()).isEmpty();
        assertThat(scheduler.getJob("tick").orElseThrow().nextRunTime()).contains(T0.plusSeconds(330));
        scheduler.shutdown();
    }

    @Test
    void missedRunsOlderThanTheGraceTimeAreReportedAsMissedWhenNotCoalesced() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(everyTenSeconds(false, Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(20));
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.fixture.runs).containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(290),
                T0.plusSeconds(300), T0.plusSeconds(310), T0.plusSeconds(320));
        assertThat(this.fixture.missed()).hasSize(26).first().isEqualTo(T0.plusSeconds(30));
        assertThat(this.fixture.missed()).last().isEqualTo(T0.plusSeconds(280));
        scheduler.shutdown();
    }

    @Test
    void oneShotJobDueWhileDownRunsOnRestartWhenItHasNoGraceTime() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(T0.plusMinutes(1)))
            .misfireGraceTime(null).build());
        scheduler = restartAfter(scheduler, Duration.ofHours(1));
        scheduler.runDue();
        assertThat(this.fixture.runs).containsExactly(T0.plusMinutes(1));
        assertThat(scheduler.getJobs()).isEmpty();
        scheduler.shutdown();
    }

    @Test
    void pausedJobStaysPausedAcrossRestart() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(everyTenSeconds(true, Duration.ofSeconds(30)));
        scheduler.pauseJob("tick");
        scheduler = restartAfter(scheduler, Duration.ofMinutes(5));
        scheduler.runDue();
        assertThat(this.fixture.runs).isEmpty();
        assertThat(scheduler.getJob("tick").orElseThrow().isPaused()).isTrue();
        scheduler.resumeJob("tick");
        assertThat(scheduler.getJob("tick").orElseThrow().nextRunTime()).contains(T0.plusSeconds(300));
        scheduler.shutdown();
    }

}
