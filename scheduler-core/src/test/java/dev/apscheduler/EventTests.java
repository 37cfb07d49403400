package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

/**
 * Event codes, order and payloads; listener masks; failing listeners.
 */
class EventTests {

    /** A version 7 UUID. */
    static final String RUN_ID = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void codesHaveAPSchedulersValues() {
        assertThat(List.of(EventCodes.SCHEDULER_STARTED, EventCodes.SCHEDULER_SHUTDOWN, EventCodes.SCHEDULER_PAUSED,
                EventCodes.SCHEDULER_RESUMED, EventCodes.EXECUTOR_ADDED, EventCodes.EXECUTOR_REMOVED,
                EventCodes.JOBSTORE_ADDED, EventCodes.JOBSTORE_REMOVED, EventCodes.ALL_JOBS_REMOVED,
                EventCodes.JOB_ADDED, EventCodes.JOB_REMOVED, EventCodes.JOB_MODIFIED, EventCodes.JOB_EXECUTED,
                EventCodes.JOB_ERROR, EventCodes.JOB_MISSED, EventCodes.JOB_SUBMITTED, EventCodes.JOB_MAX_INSTANCES))
            .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
        assertThat(EventCodes.SCHEDULER_START).isEqualTo(1);
        assertThat(EventCodes.ALL_APSCHEDULER).isEqualTo(131071);
        assertThat(EventCodes.ALL & EventCodes.JOB_RESTORE_FAILED).isNotZero();
        assertThat(EventCodes.names(EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR))
            .containsExactly("JOB_EXECUTED", "JOB_ERROR");
        assertThat(EventCodes.name(3)).isEqualTo("3");
    }

    @Test
    void startingPublishesTheDefaultComponentsThePendingJobsThenStarted() {
        this.scheduler.addJob(JobSpec.task("tick").id("early").trigger(everySecond()));
        this.scheduler.start();
        assertThat(this.fixture.events.events()).containsExactly(
                new SchedulerStateEvent(EventCodes.EXECUTOR_ADDED, "default"),
                new SchedulerStateEvent(EventCodes.JOBSTORE_ADDED, "default"),
                new JobEvent(EventCodes.JOB_ADDED, "early", "default"),
                new SchedulerStateEvent(EventCodes.SCHEDULER_STARTED, null));
    }

    @Test
    void dueDateJobIsSubmittedExecutedThenRemoved() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("once").trigger(DateTrigger.of(at(1))));
        this.fixture.events.clear();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.events.codeNames()).containsExactly("JOB_SUBMITTED", "JOB_EXECUTED", "JOB_REMOVED");
    }

    @Test
    void executionEventsCarryWhatMonitoringNeeds() {
        this.fixture.tasks.register("slow", (context) -> {
            this.fixture.clock.advance(Duration.ofSeconds(3));
            return 42;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("slow").id("s").trigger(DateTrigger.of(at(1))));
        this.scheduler.jump(Duration.ofMillis(1200));
        JobSubmissionEvent submitted = this.fixture.events
            .events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED).get(0);
        assertThat(submitted).isEqualTo(new JobSubmissionEvent(EventCodes.JOB_SUBMITTED, "s", "default", "default",
                "slow", List.of(at(1)), submitted.runIds()));
        assertThat(submitted.runIds()).singleElement().asString().matches(RUN_ID);
        JobExecutionEvent executed = this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)
            .get(0);
        assertThat(executed.jobId()).isEqualTo("s");
        assertThat(executed.runId()).isEqualTo(submitted.runIds().get(0));
        assertThat(executed.jobstore()).isEqualTo("default");
        assertThat(executed.executor()).isEqualTo("default");
        assertThat(executed.taskName()).isEqualTo("slow");
        assertThat(executed.scheduledRunTime()).isEqualTo(at(1));
        assertThat(executed.startTime()).isEqualTo(at(1.2).toInstant());
        assertThat(executed.delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(executed.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(executed.returnValue()).isEqualTo(42);
        assertThat(executed.exception()).isNull();
        assertThat(executed.codeName()).isEqualTo("JOB_EXECUTED");
    }

    @Test
    void failingTaskIsReportedWithItsException() {
        IllegalStateException failure = new IllegalStateException("boom");
        this.fixture.tasks.register("fails", (context) -> {
            throw failure;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("fails").id("f").trigger(DateTrigger.of(at(1))));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.exception()).isSameAs(failure);
                assertThat(event.exceptionIfAny()).contains(failure);
                assertThat(event.returnValue()).isNull();
            });
    }

    @Test
    void jobOperationsPublishTheirEvents() {
        this.scheduler.start();
        this.fixture.events.clear();
        this.scheduler.addJob(JobSpec.task("tick").id("j").trigger(everySecond()));
        this.scheduler.modifyJob("j", JobChanges.builder().name("x").build());
        this.scheduler.pauseJob("j");
        this.scheduler.resumeJob("j");
        this.scheduler.removeJob("j");
        this.scheduler.removeAllJobs("default");
        assertThat(this.fixture.events.events()).containsExactly(new JobEvent(EventCodes.JOB_ADDED, "j", "default"),
                new JobEvent(EventCodes.JOB_MODIFIED, "j", "default"),
                new JobEvent(EventCodes.JOB_MODIFIED, "j", "default"),
                new JobEvent(EventCodes.JOB_MODIFIED, "j", "default"),
                new JobEvent(EventCodes.JOB_REMOVED, "j", "default"),
                new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, "default"));
    }

    @Test
    void schedulerOperationsPublishTheirEvents() {
        this.scheduler.start();
        this.fixture.events.clear();
        this.scheduler.pause();
        this.scheduler.resume();
        this.scheduler.addExecutor(new DirectJobExecutor(), "extra");
        this.scheduler.removeExecutor("extra");
        this.scheduler.addJobStore(new MemoryJobStore(), "extra");
        this.scheduler.removeJobStore("extra");
        this.scheduler.removeAllJobs();
        this.scheduler.shutdown();
        assertThat(this.fixture.events.events()).containsExactly(
                new SchedulerStateEvent(EventCodes.SCHEDULER_PAUSED, null),
                new SchedulerStateEvent(EventCodes.SCHEDULER_RESUMED, null),
                new SchedulerStateEvent(EventCodes.EXECUTOR_ADDED, "extra"),
                new SchedulerStateEvent(EventCodes.EXECUTOR_REMOVED, "extra"),
                new SchedulerStateEvent(EventCodes.JOBSTORE_ADDED, "extra"),
                new SchedulerStateEvent(EventCodes.JOBSTORE_REMOVED, "extra"),
                new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, null),
                new SchedulerStateEvent(EventCodes.SCHEDULER_SHUTDOWN, null));
    }

    @Test
    void listenerHearsOnlyTheCodesInItsMask() {
        RecordingListener executions = new RecordingListener();
        this.scheduler.addListener(executions, EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR);
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").trigger(DateTrigger.of(at(1))));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(executions.codeNames()).containsExactly("JOB_EXECUTED");
    }

    @Test
    void removedListenerHearsNothingMore() {
        RecordingListener listener = new RecordingListener();
        this.scheduler.addListener(listener);
        this.scheduler.removeListener(listener);
        this.scheduler.start();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void failingListenerNeitherBreaksTheSchedulerNorSilencesOtherListeners() {
        AtomicInteger calls = new AtomicInteger();
        this.scheduler.addListener((event) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        RecordingListener after = new RecordingListener();
        this.scheduler.addListener(after, EventCodes.JOB_EXECUTED);
        this.scheduler.start();
        this.scheduler.addJob("tick", everySecond());
        this.scheduler.advance(Duration.ofSeconds(3));
        assertThat(this.fixture.ticks).hasSize(3);
        assertThat(after.events()).hasSize(3);
        assertThat(calls.get()).isGreaterThan(6);
    }

}
