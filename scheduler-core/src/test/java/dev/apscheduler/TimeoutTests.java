package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Run timeouts, enforced by the scheduler's loop against its clock: the run is interrupted, recorded as timed out,
 * its {@code max_instances} slot freed and an event published; a task that ignores the interruption is counted as
 * still running until it ends.
 */
class TimeoutTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ThreadPoolJobExecutor pool = new ThreadPoolJobExecutor(4);

    private final ManualScheduler scheduler = this.fixture.builder().executor("default", this.pool).build();

    private final CountDownLatch started = new CountDownLatch(1);

    private final CountDownLatch release = new CountDownLatch(1);

    private final AtomicBoolean interrupted = new AtomicBoolean();

    @AfterEach
    void stop() {
        this.release.countDown();
        this.scheduler.shutdown(false);
    }

    private List<RunRecord> runs(String jobId) {
        this.scheduler.flushHistory();
        return this.scheduler.historyStore().orElseThrow().findRuns(jobId, 0, 100).runs();
    }

    @Test
    void anInterruptibleRunIsInterruptedRecordedAndItsSlotFreed() throws InterruptedException {
        this.fixture.tasks.register("hang", (context) -> {
            this.started.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            }
            catch (InterruptedException ex) {
                this.interrupted.set(true);
                throw ex;
            }
            return null;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("hang").id("h").trigger(Triggers.interval().seconds(60).startDate(at(1))
            .build()).timeout(Duration.ofSeconds(30)));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(this.scheduler.runningInstances("h")).isEqualTo(1);
        this.scheduler.advance(Duration.ofSeconds(29));
        assertThat(this.interrupted).isFalse();
        this.scheduler.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilTrue(this.interrupted);
        assertThat(this.scheduler.runningInstances("h")).isZero();
        JobExecutionEvent timedOut = this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_TIMED_OUT)
            .get(0);
        assertThat(timedOut.exception()).isInstanceOf(TimeoutException.class).hasMessageContaining("PT30S");
        assertThat(timedOut.duration()).isEqualTo(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.timedOutRunning() == 0
                && runs("h").get(0).finishedAt() != null);
        RunRecord record = runs("h").get(0);
        assertThat(record.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(record.errorType()).isEqualTo(TimeoutException.class.getName());
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR)).isEmpty();
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)).isEmpty();
    }

    @Test
    void aRunThatIgnoresTheInterruptionIsCountedAsStillRunningUntilItEnds() throws InterruptedException {
        this.fixture.tasks.register("stubborn", (context) -> {
            this.started.countDown();
            boolean done = false;
            while (!done) {
                try {
                    done = this.release.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    this.interrupted.set(true);
                }
            }
            return "finally";
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("stubborn").id("s").trigger(Triggers.date(at(1)))
            .timeout(Duration.ofSeconds(5)));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
        this.scheduler.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).untilTrue(this.interrupted);
        assertThat(this.pool.timedOutRunning()).isEqualTo(1);
        assertThat(this.scheduler.executors().get("default").timedOutRunning()).isEqualTo(1);
        assertThat(this.scheduler.runningInstances("s")).isZero();
        assertThat(runs("s")).singleElement().satisfies((record) -> {
            assertThat(record.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
            assertThat(record.finishedAt()).as("still running").isNull();
        });
        this.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.timedOutRunning() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("s").get(0).finishedAt() != null);
        assertThat(runs("s").get(0).outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_TIMED_OUT)).hasSize(1);
    }

    @Test
    void aTimedOutRunIsRetriedWhenThePolicyAllows() throws InterruptedException {
        this.fixture.tasks.register("hang", (context) -> {
            if (context.attempt() == 1) {
                this.started.countDown();
                Thread.sleep(Long.MAX_VALUE);
            }
            return "attempt " + context.attempt();
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("hang").id("h").trigger(Triggers.date(at(1)))
            .timeout(Duration.ofSeconds(5)).retryPolicy(RetryPolicy.attempts(2)
                .withRetryOn(List.of(TimeoutException.class.getName()))));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
        this.scheduler.advance(Duration.ofSeconds(5));
        // the retry is written into the job by the loop's next pass
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            this.scheduler.runDue();
            return this.scheduler.getJob("h").map((job) -> job.pendingRetries().size() == 1).orElse(false);
        });
        this.scheduler.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("h").size() == 2
                && runs("h").get(0).outcome() == RunOutcome.SUCCESS);
        assertThat(runs("h").get(1).outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(runs("h").get(0).attempt()).isEqualTo(2);
        assertThat(this.fixture.events.codeNames().stream().filter((name) -> name.equals("JOB_TIMED_OUT")
                || name.startsWith("JOB_RETR")).toList()).containsExactly("JOB_TIMED_OUT", "JOB_RETRY_SCHEDULED");
    }

}
