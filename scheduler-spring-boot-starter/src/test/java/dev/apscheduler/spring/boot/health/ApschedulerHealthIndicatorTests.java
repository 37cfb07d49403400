package dev.apscheduler.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.support.FailingHistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The health of the scheduler in each of its states, of its job stores and of its run history, and the jobs whose
 * last runs all failed.
 */
class ApschedulerHealthIndicatorTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final FailingJobStore flaky = new FailingJobStore(new MemoryJobStore());

    private final FailingHistoryStore history = new FailingHistoryStore();

    private final ManualScheduler scheduler;

    private final ApschedulerHealthIndicator indicator;

    ApschedulerHealthIndicatorTests() {
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("report", (context) -> "sent");
        tasks.register("failing", (context) -> {
            throw new IllegalStateException("mail server refused the report");
        });
        this.scheduler = ManualScheduler.builder().clock(MutableClock.at(T0)).timezone(ZoneId.of("UTC"))
            .taskRegistry(tasks).jobStore("flaky", this.flaky).historyStore(this.history).build();
        this.scheduler.addJob(JobSpec.task("report").id("a").trigger("interval", Map.of("minutes", 1)));
        this.scheduler.addJob(JobSpec.task("report").id("b").jobstore("flaky").trigger("interval",
                Map.of("minutes", 1)));
        this.indicator = new ApschedulerHealthIndicator(this.scheduler);
    }

    @Test
    void upWhileRunningWithStateJobsAndStores() {
        this.scheduler.start();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("jobs", 2)
            .containsEntry("jobstores", Map.of(
                    "flaky", Map.of("type", "failing", "jobs", 1, "reachable", true),
                    "default", Map.of("type", "memory", "jobs", 1, "reachable", true)));
    }

    @Test
    void upWhilePausedWithTheStateInTheDetails() {
        this.scheduler.start(true);
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "PAUSED");
    }

    @Test
    void unknownBeforeTheSchedulerHasStarted() {
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        // The default store is created when the scheduler starts: until then only the configured one is listed.
        assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("jobs", 1);
    }

    @Test
    void downWhenTheSchedulerStoppedWhileTheApplicationRuns() {
        this.scheduler.start();
        this.scheduler.shutdown();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "STOPPED");
    }

    @Test
    void outOfServiceWhenTheSchedulerStoppedBecauseTheContextIsClosing() {
        this.scheduler.start();
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            this.indicator.onApplicationEvent(new ContextClosedEvent(context));
        }
        this.scheduler.shutdown();
        assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void schedulerStartedBeforeTheIndicatorWasCreatedCountsAsStarted() {
        this.scheduler.start();
        ApschedulerHealthIndicator late = new ApschedulerHealthIndicator(this.scheduler);
        this.scheduler.shutdown();
        assertThat(late.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenAJobStoreFailsToAnswer() {
        this.scheduler.start();
        this.flaky.failing = true;
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("jobs", 1);
        assertThat(health.getDetails().get("jobstores")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("flaky", Map.of("type", "failing", "reachable", false, "error",
                    "Job store 'flaky' failed to count its jobs: database is down"));
    }

    @Test
    void downWhileTheSchedulersLoopSeesAJobStoreFailingAndUpOnceItRecovered() {
        this.scheduler.start();
        this.flaky.failing = true;
        this.scheduler.advance(Duration.ofMinutes(1));
        this.flaky.failing = false;
        Health failing = this.indicator.health();
        assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.getDetails().get("jobstores").toString()).contains("flaky={type=failing, jobs=1, "
                + "reachable=false, error=database is down}");
        this.scheduler.advance(Duration.ofMinutes(1));
        assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void unrestorableJobsAreCountedInTheStoresDetails() {
        this.scheduler.addJobStore(new BrokenRowsJobStore(), "legacy");
        this.scheduler.start();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("jobstores").toString())
            .contains("legacy={type=brokenrows, jobs=0, reachable=true, unrestorableJobs=1}");
    }

    @Test
    void theHistoryIsDescribedByItsType() {
        this.scheduler.start();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("history", Map.of("type", "failing", "reachable", true))
            .doesNotContainKey("failingJobs");
    }

    @Test
    void downWhileWritingRunRecordsFailsAndUpOnceTheHistoryRecovered() {
        this.scheduler.start();
        this.history.failing = true;
        this.scheduler.advance(Duration.ofMinutes(1));
        Health failing = this.indicator.health();
        assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.getDetails()).containsEntry("history", Map.of("type", "failing", "reachable", false,
                "error", "history database is down"));
        this.history.failing = false;
        this.scheduler.flushHistory();
        assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void noHistoryDetailWithoutAHistory() {
        ManualScheduler withoutHistory = ManualScheduler.builder().historyStore(null).build();
        withoutHistory.start();
        Health health = new ApschedulerHealthIndicator(withoutHistory, 3, Status.DOWN).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKeys("history", "failingJobs");
    }

    @Test
    void jobsWhoseLastRunsAllFailedAreListedAndTheStatusKept() {
        ApschedulerHealthIndicator checking = new ApschedulerHealthIndicator(this.scheduler, 2, Status.UP);
        this.scheduler.addJob(JobSpec.task("failing").id("export").trigger("interval", Map.of("minutes", 1)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofMinutes(1));
        assertThat(checking.health().getDetails()).containsEntry("failingJobs", List.of());
        this.scheduler.advance(Duration.ofMinutes(1));
        Health health = checking.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("failingJobs", List.of("export"));
    }

    @Test
    void failingJobsTakeTheConfiguredStatus() {
        ApschedulerHealthIndicator checking = new ApschedulerHealthIndicator(this.scheduler, 1,
                Status.OUT_OF_SERVICE);
        this.scheduler.addJob(JobSpec.task("failing").id("export").trigger("interval", Map.of("minutes", 1)));
        this.scheduler.start();
        assertThat(checking.health().getStatus()).isEqualTo(Status.UP);
        this.scheduler.advance(Duration.ofMinutes(1));
        assertThat(checking.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        this.flaky.failing = true;
        assertThat(checking.health().getStatus()).as("an unreachable store is worse").isEqualTo(Status.DOWN);
    }

    @Test
    void aJobThatSucceedsAgainOrIsRemovedIsNoLongerFailing() {
        ApschedulerHealthIndicator checking = new ApschedulerHealthIndicator(this.scheduler, 1, Status.DOWN);
        this.scheduler.addJob(JobSpec.task("failing").id("export").trigger("interval", Map.of("minutes", 1)));
        this.scheduler.addJob(JobSpec.task("failing").id("mail").trigger("interval", Map.of("minutes", 1)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofMinutes(1));
        assertThat(checking.health().getDetails()).containsEntry("failingJobs", List.of("export", "mail"));
        this.scheduler.modifyJob("export", JobChanges.builder().task("report").build());
        this.scheduler.removeJob("mail");
        this.scheduler.advance(Duration.ofMinutes(1));
        Health health = checking.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("failingJobs", List.of());
    }

    @Test
    void downWhenTheHistoryCannotBeReadForTheCheck() {
        ApschedulerHealthIndicator checking = new ApschedulerHealthIndicator(this.scheduler, 1, Status.UP);
        this.scheduler.start();
        this.history.failing = true;
        Health health = checking.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("history", Map.of("type", "failing", "reachable", false,
                "error", "history database is down")).doesNotContainKey("failingJobs");
    }

    /**
     * A store holding one row it cannot restore.
     */
    static final class BrokenRowsJobStore extends DelegatingJobStore implements UnrestorableJobs {

        BrokenRowsJobStore() {
            super(new MemoryJobStore());
        }

        @Override
        public List<UnrestorableJob> unrestorableJobs() {
            return List.of(new UnrestorableJob("old", null, "corrupt JSON"));
        }

    }

}
