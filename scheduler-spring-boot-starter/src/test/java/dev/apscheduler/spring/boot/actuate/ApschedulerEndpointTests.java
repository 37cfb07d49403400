package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.actuate.LastExecution.Outcome;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.DateTrigger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * What the endpoint reports and does, on a scheduler whose time the test drives.
 */
class ApschedulerEndpointTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, UTC);

    private final MutableClock clock = MutableClock.at(T0);

    private final TaskRegistry tasks = new TaskRegistry();

    private final QueueingExecutor queue = new QueueingExecutor();

    private final FailingJobStore secondStore = new FailingJobStore(new MemoryJobStore());

    private final ManualScheduler scheduler;

    private final JobExecutionHistory history = new JobExecutionHistory();

    private final ApschedulerEndpoint endpoint;

    ApschedulerEndpointTests() {
        this.tasks.register("report", (context) -> {
            this.clock.advance(Duration.ofMillis(40));
            return "sent";
        });
        this.tasks.register("failing", (context) -> {
            throw new IllegalStateException("mail server refused the report");
        });
        this.scheduler = ManualScheduler.builder().clock(this.clock).timezone(UTC).taskRegistry(this.tasks)
            .executor("queue", this.queue).jobStore("second", this.secondStore).build();
        this.scheduler.addListener(this.history, JobExecutionHistory.EVENT_MASK);
        this.endpoint = new ApschedulerEndpoint(this.scheduler, this.history,
                List.of(SanitizingFunction.sanitizeValue().ifLikelyCredential()));
    }

    @Test
    void summaryDescribesStateStoresExecutorsAndJobs() {
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
        this.scheduler.addJob(JobSpec.task("report").id("held").jobstore("second").executor("queue")
            .trigger("interval", Map.of("minutes", 5)));
        this.scheduler.start();
        this.scheduler.pauseJob("held");
        SchedulerDescriptor summary = this.endpoint.scheduler();
        assertThat(summary.state()).isEqualTo("RUNNING");
        assertThat(summary.timezone()).isEqualTo("UTC");
        assertThat(summary.jobstores()).containsOnlyKeys("second", "default");
        assertThat(summary.jobstores().get("default"))
            .isEqualTo(new JobStoreDescriptor("memory", 1, true, null, null));
        assertThat(summary.jobstores().get("second"))
            .isEqualTo(new JobStoreDescriptor("failing", 1, true, null, null));
        assertThat(summary.executors()).containsOnlyKeys("queue", "default");
        assertThat(summary.executors().get("default")).isEqualTo(new ExecutorDescriptor("direct", 1, 0, 0));
        assertThat(summary.executors().get("queue")).isEqualTo(new ExecutorDescriptor("queueingexecutor", null, 0, 0));
        assertThat(summary.history()).isEqualTo(new HistoryDescriptor("memory", false, false, null));
        assertThat(summary.jobs()).containsExactlyInAnyOrder(
                new JobSummaryDescriptor("nightly", "report", "report", "cron[hour='3']", T0.plusHours(3), false,
                        "default", "default", null),
                new JobSummaryDescriptor("held", "report", "report", "interval[0:05:00]", null, true, "second",
                        "queue", null));
    }

    @Test
    void summaryReportsAnUnreachableStoreAndKeepsTheOthersJobs() {
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
        this.scheduler.start();
        this.secondStore.failing = true;
        SchedulerDescriptor summary = this.endpoint.scheduler();
        assertThat(summary.jobstores().get("second")).isEqualTo(new JobStoreDescriptor("failing", null, false,
                "Job store 'second' failed to count its jobs: database is down", null));
        assertThat(summary.jobs()).extracting(JobSummaryDescriptor::id).containsExactly("nightly");
    }

    @Test
    void summaryCountsEveryJobAndListsTheFirstOnesUpToTheLimit() {
        this.scheduler.addJob(JobSpec.task("report").id("later").trigger("cron", Map.of("hour", "5")));
        this.scheduler.addJob(JobSpec.task("report").id("sooner").trigger("cron", Map.of("hour", "3")));
        this.scheduler.addJob(JobSpec.task("report").id("paused").trigger("cron", Map.of("hour", "1"))
            .nextRunTime(null));
        this.scheduler.start();
        ApschedulerEndpoint limited = new ApschedulerEndpoint(this.scheduler, this.history, List.of(), 2);
        SchedulerDescriptor summary = limited.scheduler();
        assertThat(summary.jobstores().get("default").jobs()).isEqualTo(3);
        assertThat(summary.jobs()).extracting(JobSummaryDescriptor::id).containsExactly("sooner", "later");
        assertThat(new ApschedulerEndpoint(this.scheduler, this.history, List.of(), 0).scheduler().jobs()).isEmpty();
    }

    @Test
    void jobsLimitOutOfRangeIsRejectedNamingTheProperty() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ApschedulerEndpoint(this.scheduler, this.history, List.of(), 1001))
            .withMessage("management.endpoint.apscheduler.jobs-limit must be between 0 and 1000, was 1001");
    }

    @Test
    void summaryListsTheStoredJobsAStoreCannotRestore() {
        this.scheduler.addJobStore(new BrokenRowsJobStore(), "jpa");
        this.scheduler.start();
        assertThat(this.endpoint.scheduler().jobstores().get("jpa").unrestorableJobs())
            .containsExactly(new UnrestorableJob("legacy", null, "unknown trigger alias 'weekly'"));
    }

    @Test
    void jobDetailsShowTheTriggerTypeKeyedWithItsParametersAndTheNextFiveFireTimes() {
        this.scheduler.addJob(JobSpec.task("report").id("nightly").misfireGraceTime(Duration.ofSeconds(30))
            .coalesce(false).maxInstances(3).trigger("cron", Map.of("hour", "3", "minute", "30")));
        this.scheduler.start();
        JobDetailsDescriptor details = this.endpoint.job("nightly", false);
        assertThat(details.trigger()).containsEntry("type", "cron")
            .containsEntry("description", "cron[hour='3', minute='30']")
            .hasEntrySatisfying("cron", (parameters) -> assertThat(parameters)
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("hour", "3").containsEntry("minute", "30").containsEntry("timezone", "UTC"));
        ZonedDateTime first = T0.withHour(3).withMinute(30);
        assertThat(details.nextFireTimes()).containsExactly(first, first.plusDays(1), first.plusDays(2),
                first.plusDays(3), first.plusDays(4));
        assertThat(details.options())
            .isEqualTo(new JobDetailsDescriptor.Options(Duration.ofSeconds(30), false, 3, null,
                    JobDetailsDescriptor.Retry.of(RetryPolicy.NONE)));
        assertThat(details.pendingRetries()).isEmpty();
        assertThat(details.nextRunTime()).isEqualTo(first);
        assertThat(details.paused()).isFalse();
        assertThat(details.lastExecution()).isNull();
        assertThat(details.runningInstances()).isZero();
    }

    @Test
    void jobDetailsListFewerFireTimesWhenTheTriggerEndsAndNoneWhenPaused() {
        this.scheduler.addJob(JobSpec.task("report").id("twice")
            .trigger("interval", Map.of("hours", 1, "end_date", "2030-01-01 02:00:00")));
        this.scheduler.addJob(JobSpec.task("report").id("held").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.pauseJob("held");
        assertThat(this.endpoint.job("twice", false).nextFireTimes()).containsExactly(T0.plusHours(1),
                T0.plusHours(2));
        assertThat(this.endpoint.job("held", false).nextFireTimes()).isEmpty();
        assertThat(this.endpoint.job("held", false).paused()).isTrue();
    }

    @Test
    void argumentValuesAreSanitisedUnlessShown() {
        this.scheduler.addJob(JobSpec.task("report").id("mail").args(List.of("ops@example.com", 3))
            .kwargs(Map.of("password", "s3cret", "subject", "Daily")).trigger(DateTrigger.of(T0.plusDays(1))));
        this.scheduler.start();
        JobDetailsDescriptor hidden = this.endpoint.job("mail", false);
        assertThat(hidden.args()).containsExactly(SanitizableData.SANITIZED_VALUE, SanitizableData.SANITIZED_VALUE);
        assertThat(hidden.kwargs()).containsEntry("password", SanitizableData.SANITIZED_VALUE)
            .containsEntry("subject", SanitizableData.SANITIZED_VALUE);
        JobDetailsDescriptor shown = this.endpoint.job("mail", true);
        assertThat(shown.args()).containsExactly("ops@example.com", 3);
        assertThat(shown.kwargs()).containsEntry("password", SanitizableData.SANITIZED_VALUE)
            .containsEntry("subject", "Daily");
    }

    @Test
    void jobDetailsShowTheLastExecutionOfEachOutcomeFromTheRunHistory() {
        this.scheduler.addJob(JobSpec.task("report").id("ok").trigger(DateTrigger.of(T0.plusDays(1))));
        this.scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("seconds", 10))
            .misfireGraceTime(Duration.ofMinutes(1)));
        this.scheduler.addJob(JobSpec.task("report").id("late").trigger("interval", Map.of("seconds", 10))
            .misfireGraceTime(Duration.ofSeconds(1)));
        this.scheduler.start();
        this.scheduler.runJob("ok");
        this.scheduler.jump(Duration.ofSeconds(15));
        LastExecution ok = this.endpoint.job("ok", false).lastExecution();
        assertThat(ok).isEqualTo(new LastExecution(Outcome.SUCCESS, T0, T0.toInstant(), Duration.ofMillis(40), null,
                ok.runId(), 1));
        assertThat(this.scheduler.historyStore().orElseThrow().findRun(ok.runId())).isPresent();
        LastExecution bad = this.endpoint.job("bad", false).lastExecution();
        assertThat(bad.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(bad.scheduledRunTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(bad.exception()).isEqualTo(new LastExecution.ExceptionInfo(IllegalStateException.class.getName(),
                "mail server refused the report"));
        LastExecution late = this.endpoint.job("late", false).lastExecution();
        assertThat(late.outcome()).isEqualTo(Outcome.MISSED);
        assertThat(late.scheduledRunTime()).isEqualTo(T0.plusSeconds(10));
        // as in the JOB_MISSED event: when the run was found late (the scheduler woke 15 s in)
        assertThat(late.startTime()).isAfterOrEqualTo(T0.plusSeconds(15).toInstant());
        assertThat(late.duration()).isZero();
    }

    @Test
    void jobDetailsCountRunningInstances() {
        this.scheduler.addJob(JobSpec.task("report").id("queued").executor("queue").maxInstances(2)
            .trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.runJob("queued");
        this.scheduler.runJob("queued");
        assertThat(this.endpoint.job("queued", false).runningInstances()).isEqualTo(2);
        assertThat(this.endpoint.scheduler().executors().get("queue").active()).isEqualTo(2);
        this.queue.runAll();
        assertThat(this.endpoint.job("queued", false).runningInstances()).isZero();
    }

    @Test
    void actionsPauseResumeAndRunAJob() {
        this.scheduler.addJob(JobSpec.task("report").id("hourly").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        JobActionDescriptor paused = this.endpoint.perform("hourly", JobAction.PAUSE);
        assertThat(paused.action()).isEqualTo("pause");
        assertThat(paused.job().paused()).isTrue();
        assertThat(this.scheduler.getJob("hourly").orElseThrow().isPaused()).isTrue();
        this.clock.advance(Duration.ofMinutes(90));
        JobActionDescriptor resumed = this.endpoint.perform("hourly", JobAction.RESUME);
        assertThat(resumed.job().nextRunTime()).isEqualTo(T0.plusHours(2));
        JobActionDescriptor ran = this.endpoint.perform("hourly", JobAction.RUN);
        assertThat(ran.job().nextRunTime()).isEqualTo(T0.plusHours(2));
        assertThat(this.history.lastExecution("default", "hourly")).hasValueSatisfying(
                (execution) -> assertThat(execution.scheduledRunTime()).isEqualTo(T0.plusMinutes(90)));
    }

    @Test
    void resumingAJobWhoseTriggerIsFinishedRemovesIt() {
        this.scheduler.addJob(JobSpec.task("report").id("once")
            .trigger("interval", Map.of("minutes", 1, "end_date", "2030-01-01 00:02:00")));
        this.scheduler.start();
        this.endpoint.perform("once", JobAction.PAUSE);
        this.clock.advance(Duration.ofMinutes(5));
        JobActionDescriptor resumed = this.endpoint.perform("once", JobAction.RESUME);
        assertThat(resumed.job()).isNull();
        assertThat(this.scheduler.getJob("once")).isEmpty();
    }

    @Test
    void removeDeletesTheJob() {
        this.scheduler.addJob(JobSpec.task("report").id("doomed").jobstore("second")
            .trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.endpoint.removeJob("doomed");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void operationsOnAnUnknownJobFailWithItsId() {
        this.scheduler.start();
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.endpoint.job("ghost", true))
            .withMessage("No job by the id of 'ghost' was found");
        assertThatExceptionOfType(JobLookupException.class)
            .isThrownBy(() -> this.endpoint.perform("ghost", JobAction.RUN));
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.endpoint.removeJob("ghost"));
    }

    @Test
    void runningAJobBeyondMaxInstancesOrWhileStoppedFails() {
        this.scheduler.addJob(JobSpec.task("report").id("busy").executor("queue").maxInstances(1)
            .trigger("interval", Map.of("hours", 1)));
        assertThatExceptionOfType(SchedulerNotRunningException.class)
            .isThrownBy(() -> this.endpoint.perform("busy", JobAction.RUN));
        this.scheduler.start();
        this.endpoint.perform("busy", JobAction.RUN);
        assertThatExceptionOfType(MaxInstancesReachedException.class)
            .isThrownBy(() -> this.endpoint.perform("busy", JobAction.RUN));
    }

    /**
     * A store holding one row it cannot restore, as a persistent store would after a downgrade.
     */
    static final class BrokenRowsJobStore extends DelegatingJobStore implements UnrestorableJobs {

        BrokenRowsJobStore() {
            super(new MemoryJobStore());
        }

        @Override
        public List<UnrestorableJob> unrestorableJobs() {
            return List.of(new UnrestorableJob("legacy", null, "unknown trigger alias 'weekly'"));
        }

    }

}
