package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static dev.apscheduler.support.SchedulerFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Map;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

/**
 * States and transitions: start, start paused, pause, resume, shutdown, restart, and what each refuses.
 */
class LifecycleTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void statesFollowTheTransitions() {
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(this.scheduler.isRunning()).isFalse();
        this.scheduler.start();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        this.scheduler.pause();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
        assertThat(this.scheduler.isRunning()).isTrue();
        this.scheduler.resume();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        this.scheduler.shutdown();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void startingTwiceFails() {
        this.scheduler.start();
        assertThatExceptionOfType(SchedulerAlreadyRunningException.class).isThrownBy(this.scheduler::start)
            .withMessage("Scheduler is already running: cannot start");
    }

    @Test
    void operationsThatNeedAStartedSchedulerFailWhenStopped() {
        assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(this.scheduler::shutdown)
            .withMessage("Scheduler is not running: cannot shut down");
        assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(this.scheduler::pause);
        assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(this.scheduler::resume);
    }

    @Test
    void configuringAStartedSchedulerFails() {
        this.scheduler.start();
        assertThatExceptionOfType(SchedulerAlreadyRunningException.class)
            .isThrownBy(() -> this.scheduler.configure(Map.of("apscheduler.timezone", "UTC")))
            .withMessage("Scheduler is already running: cannot configure");
    }

    @Test
    void pausedSchedulerKeepsJobsAndRunsTheDueOnesWhenResumed() {
        this.scheduler.addJob(JobSpec.task("tick").trigger(everySecond()));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(2));
        this.scheduler.pause();
        this.scheduler.advance(Duration.ofSeconds(5));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2));
        this.scheduler.resume();
        this.scheduler.runDue();
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2, 7));
        assertThat(this.scheduler.getJobs()).hasSize(1);
    }

    @Test
    void schedulerStartedPausedRunsNothingUntilResumed() {
        this.scheduler.addJob(JobSpec.task("tick").trigger(everySecond()));
        this.scheduler.start(true);
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.PAUSED);
        assertThat(this.scheduler.getJobs()).hasSize(1);
        this.scheduler.advance(Duration.ofSeconds(3));
        assertThat(this.fixture.ticks).isEmpty();
        this.scheduler.resume();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(3, 4));
    }

    @Test
    void resumeWakesTheScheduler() {
        this.scheduler.start(true);
        int before = this.scheduler.wakeups();
        this.scheduler.resume();
        assertThat(this.scheduler.wakeups()).isEqualTo(before + 1);
    }

    @Test
    void stoppedSchedulerCanBeStartedAgainWithItsJobs() {
        this.scheduler.addJob(JobSpec.task("tick").id("kept").trigger(everySecond()));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        this.scheduler.shutdown();
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2));
    }

    @Test
    void failedStartIsUndoneAndKeepsThePendingJobs() {
        this.scheduler.addJob(JobSpec.task("tick").id("bad").executor("missing").trigger(everySecond()));
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(this.scheduler::start)
            .withMessage("Job 'bad' names executor 'missing', which is not configured (configured: default)");
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(this.scheduler.getJobs()).extracting((job) -> job.id()).containsExactly("bad");
    }

    @Test
    void jobAddedAfterShutdownIsPendingByDefault() {
        this.scheduler.start();
        this.scheduler.shutdown();
        this.scheduler.addJob(JobSpec.task("tick").id("later").trigger(everySecond()));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1));
    }

    @Test
    void schedulerSetToRefuseJobsAfterShutdownRefusesThemNamingTheJob() {
        ManualScheduler refusing = this.fixture.builder().refuseJobsAfterShutdown(true).build();
        refusing.addJob(JobSpec.task("tick").id("before-start").trigger(everySecond()));
        refusing.start();
        refusing.shutdown();
        assertThatExceptionOfType(SchedulerNotRunningException.class)
            .isThrownBy(() -> refusing.addJob(JobSpec.task("tick").id("late").trigger(everySecond())))
            .withMessage("Scheduler is not running: cannot add job 'late' (task 'tick'): it has been shut down, "
                    + "and a job kept pending now would be lost");
        assertThatExceptionOfType(JobBatchException.class)
            .isThrownBy(() -> refusing.addJobs(JobSpec.task("tick").id("late-1").trigger(everySecond()).build(),
                    JobSpec.task("tick").id("late-2").trigger(everySecond()).build()))
            .withMessageContaining("jobs[0] (id 'late-1')")
            .withMessageContaining("Scheduler is not running: cannot add 2 job(s): it has been shut down")
            .satisfies((ex) -> assertThat(ex.added()).isEmpty());
        assertThat(refusing.getJobs()).isEmpty();
        refusing.start();
        refusing.addJob(JobSpec.task("tick").id("after-restart").trigger(everySecond()));
        assertThat(refusing.getJobs()).extracting((job) -> job.id())
            .containsExactlyInAnyOrder("before-start", "after-restart");
    }

    @Test
    void closeShutsDownAStartedScheduler() {
        this.scheduler.start();
        this.scheduler.close();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        this.scheduler.close();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }

    @Test
    void sharedStoreCapsTheSleepWithItsMaximumWait() {
        ManualScheduler scheduler = this.fixture.builder().jobStore("shared", new SharedStore()).build();
        scheduler.start();
        assertThat(scheduler.runDue()).contains(SchedulerFixture.T0.plusSeconds(5).toInstant());
        scheduler.addJob(JobSpec.task("tick").jobstore("shared").trigger(dev.apscheduler.trigger.DateTrigger
            .of(SchedulerFixture.at(3))));
        assertThat(scheduler.runDue()).contains(SchedulerFixture.at(3).toInstant());
    }

    /**
     * A store that asks the scheduler to look at it at least every 5 seconds, as one shared by instances does.
     */
    private static final class SharedStore extends dev.apscheduler.support.DelegatingJobStore {

        SharedStore() {
            super(new dev.apscheduler.store.MemoryJobStore());
        }

        @Override
        public java.util.Optional<Duration> maxWait() {
            return java.util.Optional.of(Duration.ofSeconds(5));
        }

    }

    @Test
    void nextWakeUpIsTheEarliestNextRunTimeAcrossStores() {
        this.scheduler.addJobStore(new dev.apscheduler.store.MemoryJobStore(), "other");
        this.scheduler.start();
        assertThat(this.scheduler.runDue()).isEmpty();
        this.scheduler.addJob(JobSpec.task("tick").trigger(dev.apscheduler.trigger.DateTrigger
            .of(SchedulerFixture.at(30))));
        this.scheduler.addJob(JobSpec.task("tick").jobstore("other").trigger(dev.apscheduler.trigger.DateTrigger
            .of(SchedulerFixture.at(20))));
        assertThat(this.scheduler.runDue()).contains(SchedulerFixture.at(20).toInstant());
        this.scheduler.pause();
        assertThat(this.scheduler.runDue()).isEmpty();
    }

}
