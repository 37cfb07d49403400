package dev.apscheduler.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's meters after real runs, failures, misfires and dropped runs, on a clock the test drives.
 */
class ApschedulerMeterBinderTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final MutableClock clock = MutableClock.at(T0);

    private final QueueingExecutor queue = new QueueingExecutor();

    private final FailingJobStore flaky = new FailingJobStore(new MemoryJobStore());

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
        this.scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneId.of("UTC")).taskRegistry(tasks)
            .executor("queue", this.queue).jobStore("flaky", this.flaky).build();
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
                "outcome", "success").timer();
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80);
        Timer error = this.registry.get(ApschedulerMeters.EXECUTIONS).tags("task", "failing", "executor", "default",
                "outcome", "error").timer();
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
    }

    @Test
    void noMeterIsTaggedByJobId() {
        this.scheduler.addJob(every10Seconds("report", "r").misfireGraceTime(null));
        this.scheduler.addJob(every10Seconds("failing", "f").executor("queue").maxInstances(1));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(30));
        assertThat(this.registry.getMeters()).isNotEmpty();
        assertThat(this.registry.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
            .extracting(Tag::getKey)
            .isSubsetOf(Set.of("task", "executor", "outcome", "jobstore", "state"));
        assertThat(this.registry.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
            .extracting(Tag::getValue)
            .doesNotContain("r", "f");
    }

    private double jobs(String jobstore, String state) {
        return this.registry.get(ApschedulerMeters.JOBS).tags("jobstore", jobstore, "state", state).gauge().value();
    }

}
