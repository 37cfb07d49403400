package dev.apscheduler.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.support.FailingHistoryStore;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.DefaultScheduledTaskObservationConvention;

/**
 * The scheduler's meters after real runs, failures, retries, timeouts, misfires, dropped runs and history outages, on
 * a clock the test drives.
 */
class ApschedulerMeterBinderTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final MutableClock clock = MutableClock.at(T0);

    private final QueueingExecutor queue = new QueueingExecutor();

    private final FailingJobStore flaky = new FailingJobStore(new MemoryJobStore());

    private final FailingHistoryStore history = new FailingHistoryStore();

    private final CountDownLatch stubbornStarted = new CountDownLatch(1);

    private final CountDownLatch stubbornReleased = new CountDownLatch(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ManualScheduler scheduler;

    ApschedulerMeterBinderTests() {
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("report", (context) -> {
            this.clock.advance(Duration.ofMillis(40));
            return "sent";
        });
        tasks.register("failing", (context) -> {
            this.clock.advance(Duration.ofMillis(10));
            throw new IllegalStateException("refused");
        });
        tasks.registerAction("stubborn", (context) -> {
            this.stubbornStarted.countDown();
            awaitIgnoringInterrupts(this.stubbornReleased);
        });
        this.scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneId.of("UTC")).taskRegistry(tasks)
            .executor("queue", this.queue).executor("pool", new ThreadPoolJobExecutor(2))
            .jobStore("flaky", this.flaky).historyStore(this.history).build();
        new ApschedulerMeterBinder(this.scheduler).bindTo(this.registry);
    }

    private static JobSpecBuilder every10Seconds(String task, String id) {
        return JobSpec.task(task).id(id).trigger("interval", Map.of("seconds", 10));
    }

    @Test
    void executionsAreTimedByTaskExecutorAndOutcome() {
        this.scheduler.addJob(every10Seconds("report", "r").misfireGraceTime(null));
        this.scheduler.addJob(every10Seconds("failing", "f").misfireGraceTime(null));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(20));
        Timer success = this.registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "report", "executor", "default",
                "outcome", "SUCCESS").timer();
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80);
        Timer error = this.registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "failing", "executor", "default",
                "outcome", "ERROR").timer();
        assertThat(error.count()).isEqualTo(2);
        assertThat(error.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
    }

    @Test
    void latenessIsTheStartTimeMinusTheScheduledTime() {
        this.scheduler.addJob(every10Seconds("report", "r").misfireGraceTime(null));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofSeconds(13));
        Timer lateness = this.registry.get(ApschedulerMeters.LATENESS).tags("task", "report", "executor", "default")
            .timer();
        assertThat(lateness.count()).isEqualTo(1);
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    }

    @Test
    void missedRunsAreCounted() {
        this.scheduler.addJob(every10Seconds("report", "r").coalesce(false).misfireGraceTime(Duration.ofSeconds(1)));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofSeconds(35));
        assertThat(this.registry.get(ApschedulerMeters.MISSED).tags("task", "report", "executor", "default")
            .counter()
            .count()).isEqualTo(3);
        assertThat(this.registry.find(ApschedulerMeters.EXECUTIONS).timer()).isNull();
    }

    @Test
    void retriesAndGiveUpsAreCountedAndEveryAttemptIsTimed() {
        this.scheduler.addJob(JobSpec.task("failing").id("f").trigger(Triggers.date(T0.plusSeconds(1)))
            .retryPolicy(RetryPolicy.attempts(3).withBackoff(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10))));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofMinutes(1));
        assertThat(this.registry.get(ApschedulerMeters.RETRIES_SCHEDULED).tags("task", "failing", "executor",
                "default").counter().count()).isEqualTo(2);
        assertThat(this.registry.get(ApschedulerMeters.RETRIES_EXHAUSTED).tags("task", "failing", "executor",
                "default").counter().count()).isEqualTo(1);
        assertThat(this.registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "failing", "outcome", "ERROR")
            .timer().count()).isEqualTo(3);
        assertThat(this.registry.get(ApschedulerMeters.LATENESS).tags("task", "failing").timer().count())
            .as("a retry is late by design: only first attempts are timed").isEqualTo(1);
    }

    @Test
    void timedOutRunsAreCountedTimedAndGaugedWhileTheyIgnoreTheInterruption() {
        this.scheduler.addJob(JobSpec.task("stubborn").id("s").executor("pool")
            .trigger(Triggers.date(T0.plusSeconds(1))).timeout(Duration.ofSeconds(5)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.stubbornStarted.getCount() == 0);
        assertThat(timedOutRunning("pool")).isZero();
        this.scheduler.advance(Duration.ofSeconds(5));
        assertThat(this.registry.get(ApschedulerMeters.TIMEOUTS).tags("task", "stubborn", "executor", "pool")
            .counter().count()).isEqualTo(1);
        Timer timedOut = this.registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "stubborn", "executor", "pool",
                "outcome", "TIMED_OUT").timer();
        assertThat(timedOut.count()).isEqualTo(1);
        assertThat(timedOut.totalTime(TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(timedOutRunning("pool")).isEqualTo(1);
        assertThat(this.registry.get(ApschedulerMeters.ACTIVE_EXECUTIONS).tags("executor", "pool").gauge().value())
            .as("the timed-out run gave its place up").isZero();
        this.stubbornReleased.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> timedOutRunning("pool") == 0);
    }

    @Test
    void outcomeTagsAreTheRunOutcomesNamesAsSpringsScheduledTasksSpellThem() {
        assertThat(List.of(ApschedulerMeters.SUCCESS, ApschedulerMeters.ERROR, ApschedulerMeters.TIMED_OUT))
            .containsExactly(RunOutcome.SUCCESS.name(), RunOutcome.ERROR.name(), RunOutcome.TIMED_OUT.name());
        assertThat(List.of(ApschedulerMeters.SUCCESS, ApschedulerMeters.ERROR, ApschedulerMeters.UNKNOWN))
            .containsExactly(springOutcome("OUTCOME_SUCCESS"), springOutcome("OUTCOME_ERROR"),
                    springOutcome("OUTCOME_UNKNOWN"));
    }

    private static String springOutcome(String field) {
        try {
            Field constant = DefaultScheduledTaskObservationConvention.class.getDeclaredField(field);
            constant.setAccessible(true);
            return ((KeyValue) constant.get(null)).getValue();
        }
        catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void historyOutagesAreCountedAndTheHistorysHealthGauged() {
        this.scheduler.addJob(every10Seconds("report", "r"));
        this.scheduler.start();
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILURES).counter().count()).isZero();
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILING).gauge().value()).isZero();
        this.history.failing = true;
        this.scheduler.advance(Duration.ofSeconds(30));
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILURES).counter().count()).isEqualTo(1);
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILING).gauge().value()).isEqualTo(1);
        this.history.failing = false;
        this.scheduler.flushHistory();
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILING).gauge().value()).isZero();
        assertThat(this.registry.get(ApschedulerMeters.HISTORY_FAILURES).counter().count()).isEqualTo(1);
    }

    @Test
    void noHistoryMetersWithoutAHistory() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ApschedulerMeterBinder(ManualScheduler.builder().historyStore(null).build()).bindTo(registry);
        assertThat(registry.find(ApschedulerMeters.HISTORY_FAILING).gauge()).isNull();
        assertThat(registry.find(ApschedulerMeters.HISTORY_FAILURES).counter()).isNull();
    }

    @Test
    void runsDroppedAtMaxInstancesAreCountedAndActiveExecutionsGauged() {
        this.scheduler.addJob(every10Seconds("report", "busy").executor("queue").maxInstances(1));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(30));
        assertThat(this.registry.get(ApschedulerMeters.DROPPED).tags("task", "report", "executor", "queue")
            .counter()
            .count()).isEqualTo(2);
        assertThat(this.registry.get(ApschedulerMeters.ACTIVE_EXECUTIONS).tags("executor", "queue").gauge().value())
            .isEqualTo(1);
        this.queue.runAll();
        assertThat(this.registry.get(ApschedulerMeters.ACTIVE_EXECUTIONS).tags("executor", "queue").gauge().value())
            .isZero();
    }

    @Test
    void jobsAreGaugedByStoreAndState() {
        this.scheduler.addJob(every10Seconds("report", "a"));
        this.scheduler.addJob(every10Seconds("report", "b"));
        this.scheduler.addJob(every10Seconds("report", "c").jobstore("flaky"));
        this.scheduler.start();
        this.scheduler.pauseJob("b");
        assertThat(jobs("default", "scheduled")).isEqualTo(1);
        assertThat(jobs("default", "paused")).isEqualTo(1);
        assertThat(jobs("flaky", "scheduled")).isEqualTo(1);
        assertThat(jobs("flaky", "paused")).isZero();
        this.flaky.failing = true;
        assertThat(jobs("flaky", "scheduled")).isNaN();
    }

    @Test
    void gaugesFollowStoresAndExecutorsAsTheyAreAddedAndRemoved() {
        assertThat(this.registry.find(ApschedulerMeters.JOBS).tag("jobstore", "default").gauges()).isEmpty();
        this.scheduler.start();
        assertThat(jobs("default", "scheduled")).isZero();
        assertThat(this.registry.find(ApschedulerMeters.ACTIVE_EXECUTIONS).tag("executor", "default").gauge())
            .isNotNull();
        this.scheduler.addJobStore(new MemoryJobStore(), "extra");
        this.scheduler.addExecutor(new DirectJobExecutor(), "inline");
        assertThat(jobs("extra", "paused")).isZero();
        assertThat(this.registry.find(ApschedulerMeters.ACTIVE_EXECUTIONS).tag("executor", "inline").gauge())
            .isNotNull();
        this.scheduler.removeJobStore("extra");
        this.scheduler.removeExecutor("inline");
        assertThat(this.registry.find(ApschedulerMeters.JOBS).tag("jobstore", "extra").gauges()).isEmpty();
        assertThat(this.registry.find(ApschedulerMeters.ACTIVE_EXECUTIONS).tag("executor", "inline").gauges())
            .isEmpty();
        assertThat(this.registry.find(ApschedulerMeters.TIMED_OUT_RUNNING).tag("executor", "inline").gauges())
            .isEmpty();
        assertThat(timedOutRunning("pool")).isZero();
    }

    @Test
    void noMeterIsTaggedByJobId() {
        this.scheduler.addJob(every10Seconds("report", "r").misfireGraceTime(null));
        this.scheduler.addJob(every10Seconds("failing", "f").executor("queue").maxInstances(1));
        this.scheduler.addJob(every10Seconds("failing", "retried").retryPolicy(RetryPolicy.attempts(2)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(30));
        assertThat(this.registry.getMeters()).isNotEmpty();
        assertThat(this.registry.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
            .extracting(Tag::getKey)
            .isSubsetOf(Set.of("task", "executor", "outcome", "jobstore", "state"));
        assertThat(this.registry.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
            .extracting(Tag::getValue)
            .doesNotContain("r", "f", "retried");
    }

    private double timedOutRunning(String executor) {
        return this.registry.get(ApschedulerMeters.TIMED_OUT_RUNNING).tags("executor", executor).gauge().value();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private double jobs(String jobstore, String state) {
        return this.registry.get(ApschedulerMeters.JOBS).tags("jobstore", jobstore, "state", state).gauge().value();
    }

}
