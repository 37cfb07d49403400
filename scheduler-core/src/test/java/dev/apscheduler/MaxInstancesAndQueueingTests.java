package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

/**
 * {@code max_instances}, and the misfire check made when a run starts rather than when it is submitted, with an
 * executor that holds submissions until the test lets them run.
 */
class MaxInstancesAndQueueingTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final QueueingExecutor executor = new QueueingExecutor();

    private final ManualScheduler scheduler = this.fixture.builder().executor("default", this.executor).build();

    @Test
    void runBeyondMaxInstancesIsDroppedAndTheNextRunTimeStillAdvances() {
        this.scheduler.addJob(JobSpec.task("tick").id("busy").trigger(everySecond()).maxInstances(1));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.executor.runningInstances("busy")).isEqualTo(1);
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.jobId()).isEqualTo("busy");
                assertThat(event.scheduledRunTimes()).containsExactly(at(2));
            });
        assertThat(this.scheduler.getJob("busy").orElseThrow().nextRunTime()).contains(at(3));
        this.executor.runAll();
        assertThat(this.executor.runningInstances("busy")).isZero();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED))
            .extracting((event) -> event.scheduledRunTimes().get(0)).containsExactly(at(1), at(3));
    }

    @Test
    void maxInstancesAllowsThatManyConcurrentRuns() {
        this.scheduler.addJob(JobSpec.task("tick").id("busy").trigger(everySecond()).maxInstances(2));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(3));
        assertThat(this.executor.runningInstances("busy")).isEqualTo(2);
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED)).hasSize(2);
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES)).hasSize(1);
        assertThat(this.executor.activeCount()).isEqualTo(2);
    }

    @Test
    void timeSpentQueueingCountsAsLateness() {
        this.scheduler.addJob(JobSpec.task("tick").id("queued").trigger(everySecond()).maxInstances(5));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        this.fixture.clock.advance(Duration.ofMillis(1500));
        this.executor.runAll();
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.scheduledRunTime()).isEqualTo(at(1));
                assertThat(event.delay()).isEqualTo(Duration.ofMillis(1500));
            });
        assertThat(this.fixture.ticks).isEmpty();
    }

    @Test
    void runJobRespectsMaxInstances() {
        this.scheduler.addJob(JobSpec.task("tick").id("manual").trigger(everySecond()).paused());
        this.scheduler.start();
        this.scheduler.runJob("manual");
        assertThatExceptionOfType(MaxInstancesReachedException.class)
            .isThrownBy(() -> this.scheduler.runJob("manual"))
            .withMessage("Job 'manual' has already reached its maximum number of instances (1)");
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES)).hasSize(1);
    }

}
