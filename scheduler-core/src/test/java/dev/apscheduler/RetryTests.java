package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.InvalidJobOptionException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * Retries of failed runs, timed by the scheduler's clock: the backoff sequence, its jitter, giving up, which
 * exceptions are retried, and what is never retried.
 */
class RetryTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    private final AtomicInteger calls = new AtomicInteger();

    private final RetryPolicy policy = RetryPolicy.attempts(4)
        .withBackoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(25));

    /** A task that fails its first {@code failures} calls. */
    private void failing(String name, int failures, RuntimeException error) {
        this.fixture.tasks.register(name, (context) -> {
            if (this.calls.incrementAndGet() <= failures) {
                throw error;
            }
            return "attempt " + context.attempt();
        });
    }

    private List<RunRecord> runs(String jobId) {
        List<RunRecord> newestFirst = this.scheduler.historyStore().orElseThrow().findRuns(jobId, 0, 100).runs();
        List<RunRecord> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheMaximumAndThenGivesUp() {
        failing("flaky", 100, new IllegalStateException("down"));
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("flaky").id("j").trigger(Triggers.date(at(1))).retryPolicy(this.policy));
        this.scheduler.advance(Duration.ofSeconds(1));
        Job waiting = this.scheduler.getJob("j").orElseThrow();
        assertThat(waiting.pendingRetries()).containsExactly(new PendingRetry(at(1), 2, at(11)));
        assertThat(waiting.triggerFinished()).isTrue();
        assertThat(waiting.isPaused()).isFalse();
        this.scheduler.advance(Duration.ofSeconds(60));
        List<RunRecord> runs = runs("j");
        assertThat(runs).extracting(RunRecord::attempt).containsExactly(1, 2, 3, 4);
        assertThat(runs).extracting(RunRecord::startedAt).containsExactly(at(1).toInstant(), at(11).toInstant(),
                at(31).toInstant(), at(56).toInstant());
        assertThat(runs).allMatch((record) -> record.scheduledAt().equals(at(1).toInstant()))
            .allMatch((record) -> record.outcome() == RunOutcome.ERROR);
        assertThat(runs).extracting(RunRecord::runId).doesNotHaveDuplicates();
        List<JobExecutionEvent> scheduled = this.fixture.events.events(JobExecutionEvent.class,
                EventCodes.JOB_RETRY_SCHEDULED);
        assertThat(scheduled).extracting(JobExecutionEvent::retryAt)
            .containsExactly(at(11).toInstant(), at(31).toInstant(), at(56).toInstant());
        assertThat(scheduled).extracting(JobExecutionEvent::attempt).containsExactly(1, 2, 3);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_RETRIES_EXHAUSTED))
            .singleElement().satisfies((event) -> {
                assertThat(event.attempt()).isEqualTo(4);
                assertThat(event.exception()).hasMessage("down");
            });
        assertThat(this.scheduler.getJob("j")).as("a finished job goes once its retries are done").isEmpty();
        assertThat(this.calls).hasValue(4);
        List<String> codes = this.fixture.events.codeNames().stream()
            .filter((name) -> name.equals("JOB_ERROR") || name.startsWith("JOB_RETR")).toList();
        assertThat(codes).containsExactly("JOB_ERROR", "JOB_RETRY_SCHEDULED", "JOB_ERROR", "JOB_RETRY_SCHEDULED",
                "JOB_ERROR", "JOB_RETRY_SCHEDULED", "JOB_ERROR", "JOB_RETRIES_EXHAUSTED");
    }

    @Test
    void aRetryThatSucceedsEndsTheRunAndTheScheduleGoesOn() {
        failing("flaky", 1, new IllegalStateException("once"));
        List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.scheduler.addListener((event) -> {
            if (event instanceof JobExecutionEvent executed) {
                attempts.add(executed.attempt());
            }
        }, EventCodes.JOB_EXECUTED);
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("flaky").id("j").trigger(Triggers.interval().seconds(60).startDate(at(1))
            .build()).retryPolicy(this.policy));
        this.scheduler.advance(Duration.ofSeconds(12));
        Job job = this.scheduler.getJob("j").orElseThrow();
        assertThat(job.pendingRetries()).isEmpty();
        assertThat(job.nextRunTime()).contains(at(61));
        assertThat(runs("j")).extracting(RunRecord::attempt, RunRecord::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RunOutcome.ERROR),
                    org.assertj.core.groups.Tuple.tuple(2, RunOutcome.SUCCESS));
        assertThat(runs("j").get(1).result()).isEqualTo("\"attempt 2\"");
        assertThat(attempts).containsExactly(2);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_RETRIES_EXHAUSTED)).isEmpty();
    }

    @Test
    void onlyTheNamedExceptionTypesAndTheirSubclassesAreRetried() {
        failing("io", 100, new UncheckedIOException(new IOException("disk")));
        failing("state", 100, new IllegalStateException("bug"));
        RetryPolicy onIo = this.policy.withRetryOn(List.of(UncheckedIOException.class.getName()));
        RetryPolicy onRuntime = this.policy.withRetryOn(List.of(RuntimeException.class.getName()));
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("io").id("io").trigger(Triggers.date(at(1))).retryPolicy(onIo));
        this.scheduler.addJob(JobSpec.task("state").id("state").trigger(Triggers.date(at(1))).retryPolicy(onIo));
        this.scheduler.addJob(JobSpec.task("state").id("any").trigger(Triggers.date(at(1))).retryPolicy(onRuntime));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.scheduler.getJob("io").orElseThrow().pendingRetries()).hasSize(1);
        assertThat(this.scheduler.getJob("state")).isEmpty();
        assertThat(this.scheduler.getJob("any").orElseThrow().pendingRetries()).hasSize(1);
        assertThat(onIo.retriesType(new UncheckedIOException(new IOException()))).isTrue();
        assertThat(onIo.retriesType(new IllegalStateException())).isFalse();
    }

    @Test
    void missedAndSkippedRunsAreNotRetried() {
        failing("flaky", 100, new IllegalStateException("down"));
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("flaky").id("late").trigger(Triggers.date(at(1))).retryPolicy(this.policy));
        this.scheduler.jump(Duration.ofSeconds(5));
        assertThat(runs("late")).singleElement().extracting(RunRecord::outcome).isEqualTo(RunOutcome.MISSED);
        assertThat(this.scheduler.getJob("late")).isEmpty();
        assertThat(this.calls).hasValue(0);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_RETRY_SCHEDULED)).isEmpty();
    }

    @Test
    void aRunSkippedAtMaxInstancesIsRecordedAndNotRetried() throws InterruptedException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        this.fixture.tasks.register("slow", (context) -> {
            started.countDown();
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return null;
        });
        ManualScheduler pooled = this.fixture.builder()
            .executor("default", new dev.apscheduler.executor.ThreadPoolJobExecutor(2)).build();
        try {
            pooled.start();
            pooled.addJob(JobSpec.task("slow").id("s").trigger(Triggers.interval().seconds(10).startDate(at(1))
                .build()).retryPolicy(this.policy));
            pooled.advance(Duration.ofSeconds(1));
            assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            pooled.advance(Duration.ofSeconds(10));
            assertThat(pooled.historyStore().orElseThrow().findRuns("s", 0, 10).runs())
                .extracting(RunRecord::outcome).contains(RunOutcome.SKIPPED);
            assertThat(pooled.getJob("s").orElseThrow().pendingRetries()).isEmpty();
            assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_RETRY_SCHEDULED))
                .isEmpty();
        }
        finally {
            release.countDown();
            pooled.shutdown(false);
        }
    }

    @Test
    void pausingTheJobStopsNewFireTimesButTheRetryStillRuns() {
        failing("flaky", 1, new IllegalStateException("once"));
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("flaky").id("j").trigger(Triggers.interval().seconds(60).startDate(at(1))
            .build()).retryPolicy(this.policy));
        this.scheduler.advance(Duration.ofSeconds(1));
        this.scheduler.pauseJob("j");
        Job paused = this.scheduler.getJob("j").orElseThrow();
        assertThat(paused.isPaused()).isTrue();
        assertThat(paused.pendingRetries()).hasSize(1);
        this.scheduler.advance(Duration.ofSeconds(120));
        assertThat(runs("j")).extracting(RunRecord::attempt).containsExactly(1, 2);
        assertThat(this.scheduler.getJob("j").orElseThrow().pendingRetries()).isEmpty();
    }

    @Test
    void removingTheJobDropsItsRetries() {
        failing("flaky", 100, new IllegalStateException("down"));
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("flaky").id("j").trigger(Triggers.interval().seconds(60).startDate(at(1))
            .build()).retryPolicy(this.policy));
        this.scheduler.advance(Duration.ofSeconds(1));
        this.scheduler.removeJob("j");
        this.scheduler.advance(Duration.ofSeconds(120));
        assertThat(this.calls).hasValue(1);
    }

    @Test
    void jitterStaysWithinItsBounds() {
        RetryPolicy jittered = this.policy.withJitter(Duration.ofSeconds(3));
        Instant failedAt = at(0).toInstant();
        for (int i = 0; i < 2000; i++) {
            Instant due = jittered.retryAt(2, failedAt);
            assertThat(due).isBetween(failedAt.plusSeconds(20), failedAt.plusSeconds(23));
        }
        assertThat(jittered.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(jittered.backoff(3)).isEqualTo(Duration.ofSeconds(25));
        assertThat(jittered.backoff(1000)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void policiesAreCheckedWithTheOptionsName() {
        assertThatExceptionOfType(InvalidJobOptionException.class).isThrownBy(() -> RetryPolicy.attempts(0))
            .satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("max_attempts"))
            .withMessageContaining("was 0");
        assertThatExceptionOfType(InvalidJobOptionException.class)
            .isThrownBy(() -> RetryPolicy.fromOptions(Map.of("retry_multiplier", "0.5"), RetryPolicy.NONE))
            .satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("retry_multiplier"));
        assertThatExceptionOfType(InvalidJobOptionException.class)
            .isThrownBy(() -> RetryPolicy.fromOptions(Map.of("retry_backoff", "soon"), RetryPolicy.NONE))
            .satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("retry_backoff"))
            .withMessageContaining("'soon'");
        assertThatExceptionOfType(InvalidJobOptionException.class)
            .isThrownBy(() -> RetryPolicy.fromOptions(Map.of("retry_on", "not a class"), RetryPolicy.NONE))
            .satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("retry_on"));
        assertThatExceptionOfType(InvalidJobOptionException.class)
            .isThrownBy(() -> RetryPolicy.fromOptions(Map.of("retries", 3), RetryPolicy.NONE))
            .satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("retries"));
        RetryPolicy parsed = RetryPolicy.fromOptions(Map.of("max_attempts", "5", "retry_backoff", "2.5",
                "retry_on", "java.io.IOException, java.util.concurrent.TimeoutException"), RetryPolicy.NONE);
        assertThat(parsed.maxAttempts()).isEqualTo(5);
        assertThat(parsed.backoff()).isEqualTo(Duration.ofMillis(2500));
        assertThat(parsed.retryOn()).containsExactly("java.io.IOException", "java.util.concurrent.TimeoutException");
        assertThat(RetryPolicy.fromOptions(parsed.toOptions(), RetryPolicy.NONE)).isEqualTo(parsed);
    }

    @Test
    void retryStateRoundTripsThroughTheJobsJson() {
        JobCodec codec = new JobCodec(SchedulerFixture.UTC, this.fixture.clock);
        Job job = Job.builder().id("j").task(dev.apscheduler.job.TaskReference.named("tick"))
            .trigger(Triggers.interval().seconds(60).startDate(at(1)).build()).nextRunTime(at(61))
            .retryPolicy(this.policy.withJitter(Duration.ofMillis(1500)).withRetryOn(List.of("java.io.IOException")))
            .timeout(Duration.ofSeconds(30)).pendingRetries(List.of(new PendingRetry(at(1), 2, at(11))))
            .build();
        String json = codec.encode(job);
        assertThat(json).contains("\"pending_retries\"").contains("\"timeout\":30").contains("\"max_attempts\":4");
        Job restored = codec.decode(json, "default");
        assertThat(restored).isEqualTo(job);
        assertThat(restored.dueTime()).contains(at(11));
        Job plain = codec.decode(codec.encode(job.toBuilder().retryPolicy(RetryPolicy.NONE).timeout(null)
            .pendingRetries(List.of()).build()), "default");
        assertThat(plain.retryPolicy()).isEqualTo(RetryPolicy.NONE);
        assertThat(plain.timeout()).isEmpty();
    }

    @Test
    void theTaskSeesItsAttempt() {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.fixture.tasks.register("seen", (JobContext context) -> {
            seen.add(context.attempt());
            throw new IllegalStateException("again");
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("seen").id("j").trigger(Triggers.date(at(1)))
            .retryPolicy(RetryPolicy.attempts(3)));
        this.scheduler.advance(Duration.ofSeconds(10));
        assertThat(seen).containsExactly(1, 2, 3);
    }

}
