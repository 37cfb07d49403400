package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * A store with a look-ahead window: its jobs are claimed that much before their run time, held, and handed over at
 * their run time, with this scheduler's own changes applied to the held runs and the runs given back on shutdown.
 */
class LookAheadTests {

    private static final Duration WINDOW = Duration.ofMillis(200);

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final MemoryJobStore memory = new MemoryJobStore(WINDOW);

    private final AtomicInteger acquireCalls = new AtomicInteger();

    private final ManualScheduler scheduler = this.fixture.builder()
        .jobStore("default", new DelegatingJobStore(this.memory) {
            @Override
            public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                LookAheadTests.this.acquireCalls.incrementAndGet();
                return super.acquireDueJobs(now, limit, decider);
            }
        })
        .build();

    /** When each run started, by the scheduler's clock, and the arguments it was given. */
    private final List<String> runs = new CopyOnWriteArrayList<>();

    LookAheadTests() {
        this.fixture.tasks.register("stamp", (context) -> {
            this.runs.add(context.scheduledFireTime().toLocalTime() + " at "
                    + this.fixture.clock.instant().atZone(SchedulerFixture.UTC).toLocalTime() + " " + context.args());
            return null;
        });
    }

    @Test
    void jobsAreClaimedAheadAndRunAtTheirRunTime() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.start();
        assertThat(this.scheduler.advance(seconds(0.8))).contains(at(1).toInstant());
        // claimed: the store already holds the following run time, and nothing has run yet
        assertThat(this.scheduler.getJob("every").orElseThrow().nextRunTime()).contains(at(2));
        assertThat(this.runs).isEmpty();
        this.scheduler.advance(seconds(2.2));
        assertThat(this.runs).containsExactly("00:00:01 at 00:00:01 []", "00:00:02 at 00:00:02 []",
                "00:00:03 at 00:00:03 []");
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED))
            .extracting(JobSubmissionEvent::scheduledRunTimes)
            .containsExactly(List.of(at(1)), List.of(at(2)), List.of(at(3)));
    }

    @Test
    void passesWokenOnlyToHandOverDoNotAskTheStore() {
        for (double time : new double[] { 1.0, 1.05, 1.1 }) {
            this.scheduler.addJob(JobSpec.task("stamp").id("once-" + time).trigger(DateTrigger.of(at(time))));
        }
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        int afterClaim = this.acquireCalls.get();
        assertThat(this.scheduler.getJobs()).isEmpty();
        this.scheduler.advance(seconds(0.3));
        assertThat(this.runs).containsExactly("00:00:01 at 00:00:01 []", "00:00:01.050 at 00:00:01.050 []",
                "00:00:01.100 at 00:00:01.100 []");
        assertThat(this.acquireCalls.get()).isEqualTo(afterClaim);
        // a change wakes the loop, which then asks the store again
        this.scheduler.addJob(JobSpec.task("stamp").id("later").trigger(DateTrigger.of(at(5))));
        this.scheduler.runDue();
        assertThat(this.acquireCalls.get()).isEqualTo(afterClaim + 1);
    }

    @Test
    void overdueRunsAreDecidedAtNowAndTheNextOneIsHeldForItsTime() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()).coalesce(true).misfireGraceTime(Duration.ofSeconds(5)));
        this.scheduler.start();
        this.scheduler.jump(seconds(3.9));
        // 1, 2 and 3 were due: coalesced into one run now; 4 is within the window and waits for its time
        assertThat(this.runs).containsExactly("00:00:03 at 00:00:03.900 []");
        this.scheduler.advance(seconds(0.1));
        assertThat(this.runs).containsExactly("00:00:03 at 00:00:03.900 []", "00:00:04 at 00:00:04 []");
    }

    @Test
    void removingAJobCancelsItsClaimedRun() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        this.scheduler.removeJob("every");
        this.scheduler.advance(seconds(2));
        assertThat(this.runs).isEmpty();
    }

    @Test
    void removingAllJobsCancelsTheirClaimedRuns() {
        this.scheduler.addJob(JobSpec.task("stamp").id("once").trigger(DateTrigger.of(at(1))));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        this.scheduler.removeAllJobs();
        this.scheduler.advance(seconds(2));
        assertThat(this.runs).isEmpty();
    }

    @Test
    void pausingCancelsTheClaimedRunAndResumingBeforeItsTimeRunsItOnce() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.85));
        this.scheduler.pauseJob("every");
        this.scheduler.advance(seconds(0.05));
        this.scheduler.resumeJob("every");
        assertThat(this.scheduler.getJob("every").orElseThrow().nextRunTime()).contains(at(1));
        this.scheduler.advance(seconds(1.15));
        assertThat(this.runs).containsExactly("00:00:01 at 00:00:01 []", "00:00:02 at 00:00:02 []");
    }

    @Test
    void pausingAJobCancelsItsClaimedRun() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        this.scheduler.pauseJob("every");
        this.scheduler.advance(seconds(3));
        assertThat(this.runs).isEmpty();
    }

    @Test
    void reschedulingCancelsTheClaimedRunOfTheOldTrigger() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        this.scheduler.rescheduleJob("every", DateTrigger.of(at(1.5)));
        this.scheduler.advance(seconds(2));
        assertThat(this.runs).containsExactly("00:00:01.500 at 00:00:01.500 []");
    }

    @Test
    void otherChangesApplyToTheClaimedRun() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").args(List.of("old")).trigger(Triggers.interval()
            .seconds(1).startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        this.scheduler.modifyJob("every", JobChanges.builder().args(List.of("new")).build());
        this.scheduler.advance(seconds(0.1));
        assertThat(this.runs).containsExactly("00:00:01 at 00:00:01 [new]");
        assertThat(this.scheduler.getJob("every").orElseThrow().nextRunTime()).contains(at(2));
    }

    @Test
    void shutdownGivesClaimedRunsBackToTheStore() {
        this.scheduler.addJob(JobSpec.task("stamp").id("every").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.addJob(JobSpec.task("stamp").id("once").trigger(DateTrigger.of(at(1.1))));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.95));
        assertThat(this.memory.lookupJob("every").flatMap(Job::nextRunTime)).contains(at(2));
        assertThat(this.memory.lookupJob("once")).isEmpty();
        this.scheduler.shutdown(false);
        assertThat(this.runs).isEmpty();
        assertThat(this.memory.lookupJob("every").flatMap(Job::nextRunTime)).contains(at(1));
        assertThat(this.memory.lookupJob("once").flatMap(Job::nextRunTime)).contains(at(1.1));
    }

    @Test
    void severalClaimedRunsOfOneJobAreGivenBackInOrder() {
        this.scheduler.addJob(JobSpec.task("stamp").id("fast").trigger(Triggers.interval()
            .every(Duration.ofMillis(50)).startDate(at(1)).build()));
        this.scheduler.start();
        this.scheduler.advance(seconds(0.9));
        // 1.00, 1.05 and 1.10 are held; the store is at 1.15
        assertThat(this.memory.lookupJob("fast").flatMap(Job::nextRunTime)).isPresent().get()
            .satisfies((next) -> assertThat(next).isAfter(at(1.05)));
        this.scheduler.shutdown(false);
        assertThat(this.memory.lookupJob("fast").flatMap(Job::nextRunTime)).contains(at(1));
    }

    @Test
    void aStoreIsAskedAgainWhenItIsRetriedAfterAFailureThoughNothingWasDueBefore() {
        FailingJobStore flaky = new FailingJobStore(new MemoryJobStore(WINDOW));
        ManualScheduler scheduler = this.fixture.builder().jobStore("default", flaky)
            .jobstoreRetryInterval(Duration.ofSeconds(10)).build();
        scheduler.addJob(JobSpec.task("stamp").id("late").trigger(DateTrigger.of(at(60))));
        scheduler.start();
        assertThat(scheduler.runDue()).contains(at(59.8).toInstant());
        flaky.failing = true;
        scheduler.wakeup();
        assertThat(scheduler.runDue()).contains(at(10).toInstant());
        flaky.failing = false;
        // added while the store is left alone until its retry time: seen at the retry, not at the old next run time
        scheduler.addJob(JobSpec.task("stamp").id("soon").trigger(DateTrigger.of(at(12))));
        scheduler.advance(seconds(20));
        assertThat(this.runs).containsExactly("00:00:12 at 00:00:12 []");
    }

    @Test
    void theWindowComesFromTheStoreConfiguration() {
        ManualScheduler configured = this.fixture.builder()
            .config(Map.of("apscheduler.jobstores.default.type", "memory",
                    "apscheduler.jobstores.default.look_ahead", "0.25"))
            .build();
        assertThat(configured.jobStores().get("default").lookAhead()).isEqualTo(Duration.ofMillis(250));
        assertThat(new MemoryJobStore().lookAhead()).isZero();
    }

    @Test
    void aNegativeWindowIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> this.fixture.builder()
                .config(Map.of("apscheduler.jobstores.default.type", "memory",
                        "apscheduler.jobstores.default.look_ahead", "-1"))
                .build())
            .withMessageContaining("apscheduler.jobstores.default.look_ahead").withMessageContaining("-1");
    }

}
