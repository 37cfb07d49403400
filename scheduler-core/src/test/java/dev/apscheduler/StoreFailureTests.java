package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A job store that fails and recovers, and a trigger that fails: the loop keeps running, reports, retries with
 * backoff, and loses no job.
 */
class StoreFailureTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final FailingJobStore flaky = new FailingJobStore(new MemoryJobStore());

    private final ManualScheduler scheduler = this.fixture.builder().jobStore("flaky", this.flaky)
        .jobstoreRetryInterval(Duration.ofSeconds(10)).build();

    @Test
    void failingStoreIsReportedRetriedAndRecoversWithoutLosingJobs() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("healthy").trigger(everySecond()));
        this.scheduler.addJob(JobSpec.task("tick").id("stuck").jobstore("flaky").trigger(everySecond()));
        this.flaky.failing = true;
        Optional<java.time.Instant> nextWakeUp = this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).containsExactly(at(1));
        assertThat(this.fixture.events.events(JobStoreEvent.class, EventCodes.JOBSTORE_FAILED))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.jobstore()).isEqualTo("flaky");
                assertThat(event.exception()).hasMessage("database is down");
            });
        assertThat(nextWakeUp).contains(at(2).toInstant());
        assertThat(this.scheduler.jobStoreFailure("flaky")).isPresent();
        this.flaky.failing = false;
        // the store failed at T0, so it is asked again at T0 + 10 s: the runs it missed are coalesced into one
        this.scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.fixture.events.events(JobStoreEvent.class, EventCodes.JOBSTORE_RECOVERED))
            .singleElement().extracting(JobStoreEvent::jobstore).isEqualTo("flaky");
        assertThat(this.scheduler.jobStoreFailure("flaky")).isEmpty();
        assertThat(this.scheduler.getJob("stuck", "flaky")).isPresent();
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .filteredOn((event) -> event.jobId().equals("stuck"))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactly(at(10), at(11));
    }

    @Test
    void failingStoreIsLeftAloneUntilItsRetryTimeWhichDoublesWithEachFailure() {
        this.scheduler.start();
        this.flaky.failing = true;
        assertThat(this.scheduler.runDue()).contains(at(10).toInstant());
        assertThat(this.flaky.failedCalls).isEqualTo(1);
        this.scheduler.jump(Duration.ofSeconds(5));
        assertThat(this.flaky.failedCalls).isEqualTo(1);
        assertThat(this.scheduler.jump(Duration.ofSeconds(5))).contains(at(30).toInstant());
        assertThat(this.scheduler.jump(Duration.ofSeconds(20))).contains(at(70).toInstant());
        assertThat(this.flaky.failedCalls).isEqualTo(3);
        assertThat(this.fixture.events.events(JobStoreEvent.class, EventCodes.JOBSTORE_FAILED)).hasSize(3);
    }

    @Test
    void backoffIsCappedAtTwoMinutesOrTheRetryIntervalIfLonger() {
        assertThat(dev.apscheduler.internal.StoreGuardAccess.backoff(Duration.ofSeconds(10), 1))
            .isEqualTo(Duration.ofSeconds(10));
        assertThat(dev.apscheduler.internal.StoreGuardAccess.backoff(Duration.ofSeconds(10), 4))
            .isEqualTo(Duration.ofSeconds(80));
        assertThat(dev.apscheduler.internal.StoreGuardAccess.backoff(Duration.ofSeconds(10), 50))
            .isEqualTo(Duration.ofMinutes(2));
        assertThat(dev.apscheduler.internal.StoreGuardAccess.backoff(Duration.ofMinutes(5), 3))
            .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void apiCallsOnAFailingStoreFailNamingTheStore() {
        this.scheduler.start();
        this.flaky.failing = true;
        assertThatExceptionOfType(JobStoreException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("x").jobstore("flaky")))
            .withMessage("Job store 'flaky' failed to add job 'x': database is down")
            .withCauseInstanceOf(IllegalStateException.class);
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> this.scheduler.getJob("x"))
            .withMessage("Job store 'flaky' failed to look up job 'x': database is down");
    }

    @Test
    void failingTriggerPausesItsJobAndReportsIt() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("broken").trigger(new BrokenTrigger()));
        this.scheduler.addJob(JobSpec.task("tick").id("fine").trigger(everySecond()));
        this.scheduler.advance(Duration.ofSeconds(2));
        assertThat(this.fixture.ticks).containsExactly(at(1), at(2));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.jobId()).isEqualTo("broken");
                assertThat(event.exception()).hasMessage("trigger bug");
            });
        assertThat(this.scheduler.getJob("broken").orElseThrow().isPaused()).isTrue();
    }

    @Test
    void triggerThatGoesBackwardsPausesItsJob() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("backwards").trigger(new BackwardsTrigger()));
        this.scheduler.advance(Duration.ofSeconds(2));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR))
            .singleElement()
            .satisfies((event) -> assertThat(event.exception()).hasMessageContaining("is not after the previous"));
        assertThat(this.scheduler.getJob("backwards").orElseThrow().isPaused()).isTrue();
    }

    @Test
    void storedJobThatCannotBeRestoredIsReportedAsAnEvent() {
        ReportingStore reporting = new ReportingStore();
        ManualScheduler scheduler = this.fixture.builder().jobStore("db", reporting).build();
        scheduler.start();
        assertThat(scheduler.getJobs("db")).isEmpty();
        assertThat(this.fixture.events.events(JobStoreEvent.class, EventCodes.JOB_RESTORE_FAILED))
            .singleElement()
            .satisfies((event) -> {
                assertThat(event.jobstore()).isEqualTo("db");
                assertThat(event.jobId()).isEqualTo("broken");
                assertThat(event.exception()).hasMessage("Job 'broken' cannot be restored: unknown trigger alias");
            });
    }

    /**
     * A store holding one job it cannot restore, which it reports whenever it lists its jobs.
     */
    private static final class ReportingStore extends dev.apscheduler.support.DelegatingJobStore {

        private dev.apscheduler.store.@Nullable JobStoreContext context;

        ReportingStore() {
            super(new MemoryJobStore());
        }

        @Override
        public void start(dev.apscheduler.store.JobStoreContext context) {
            this.context = context;
            super.start(context);
        }

        @Override
        public java.util.List<dev.apscheduler.job.Job> getAllJobs() {
            java.util.Objects.requireNonNull(this.context).reportUnrestorableJob(new JobRestoreException("broken",
                    "unknown trigger alias", new IllegalArgumentException("unknown trigger alias")));
            return super.getAllJobs();
        }

    }

    /**
     * Fires at T0 + 1 s, then throws.
     */
    private static final class BrokenTrigger extends ForwardingTrigger {

        @Override
        public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previous, ZonedDateTime now) {
            if (previous != null) {
                throw new IllegalStateException("trigger bug");
            }
            return Optional.of(at(1));
        }

    }

    /**
     * Fires at T0 + 1 s, then returns the same time again.
     */
    private static final class BackwardsTrigger extends ForwardingTrigger {

        @Override
        public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previous, ZonedDateTime now) {
            return Optional.of(at(1));
        }

    }

    private abstract static class ForwardingTrigger implements Trigger {

        private final Trigger delegate = EveryTrigger.every(Duration.ofSeconds(1), at(1));

        @Override
        public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
            return this.delegate.fireTimeAtOrAfter(time);
        }

        @Override
        public String alias() {
            return "test";
        }

        @Override
        public java.util.Map<String, Object> parameters() {
            return java.util.Map.of();
        }

        @Override
        public java.time.ZoneId zone() {
            return this.delegate.zone();
        }

        @Override
        public String describe() {
            return "test[]";
        }

    }

}
