package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.support.RecordingHistoryStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The order of a timed-out attempt's records on a worker, where its timeout is decided on the timer's thread while
 * the run's own thread ends it: the steps are taken one by one from the test's threads, on the machine's RabbitMQ.
 */
class WorkerRunContextTests {

    private final TestRabbit rabbit = new TestRabbit();

    private final AmqpBroker broker = new AmqpBroker(this.rabbit.connectionFactory());

    private final AmqpRoute route = AmqpRoute.queue(this.rabbit.queue("context"));

    /** The history, keeping every record written to it in order. */
    private final RecordingHistoryStore history = new RecordingHistoryStore();

    @AfterEach
    void close() {
        this.broker.destroy();
        this.rabbit.close();
    }

    private WorkerRunContext context(RunMessage message) {
        return context(this.broker, message);
    }

    private WorkerRunContext context(AmqpBroker broker, RunMessage message) {
        WorkerServices services = new WorkerServices(broker, new TaskRegistry(), this.history,
                Clock.systemUTC(), "worker-a", (event) -> {
                }, JobRunInterceptor.none());
        return new WorkerRunContext(services, message, this.route);
    }

    private static RunMessage message(RetryPolicy retryPolicy) {
        return new RunMessage("run-1", "stalls", "stalls", List.of(), Map.of(), ZonedDateTime.now(), null, 1, "default",
                null, Duration.ofMillis(300), retryPolicy);
    }

    private static TimeoutException timeout() {
        return new TimeoutException("Job 'stalls' exceeded its timeout of PT0.3S");
    }

    /** The attempt's record once its timeout struck: still running ({@code end} null), or ended late. */
    private static RunRecord timedOut(Job job, @Nullable Instant end, TimeoutException timeout) {
        return started(job).failed(RunOutcome.TIMED_OUT, end, timeout);
    }

    /**
     * Starts the run's own thread as it goes on after a timeout: the interrupted task returns, its late end is
     * reported, and the run is over ({@code flush}), which sets {@code ended}.
     */
    private static Thread runEnds(WorkerRunContext context, Job job, TimeoutException timeout,
            AtomicReference<Instant> ended) {
        Thread runThread = new Thread(() -> {
            context.record(job, timedOut(job, Instant.now(), timeout));
            context.flush();
            ended.set(Instant.now());
        });
        runThread.start();
        return runThread;
    }

    private static RunRecord started(Job job) {
        return RunRecord.running("run-1", job.id(), "default", "default", "stalls", Instant.now(), 1, Instant.now(),
                "worker-a");
    }

    @Test
    void theRunsEndWaitsForTheTimersRetryAndItsLateRecordIsNotWritten() throws Exception {
        this.broker.declare(this.route);
        RunMessage message = message(RetryPolicy.attempts(2));
        Job job = message.toJob();
        WorkerRunContext context = context(message);
        TimeoutException timeout = timeout();
        // the timer: the timeout strikes and is recorded, its retry not decided yet
        RunRecord timedOut = timedOut(job, null, timeout);
        context.record(job, timedOut);
        // the run's thread: the interrupted task returns, its end is reported, the run is over
        AtomicReference<Instant> ended = new AtomicReference<>();
        Thread runThread = runEnds(context, job, timeout, ended);
        await().atMost(Duration.ofSeconds(5)).until(() -> runThread.getState() == Thread.State.TIMED_WAITING);
        assertThat(ended.get()).isNull();
        assertThat(this.history.savedFor("run-1")).isEmpty();
        // the timer decides: the next attempt is queued
        context.failed(job, timedOut, timeout);
        runThread.join(5_000);
        assertThat(ended.get()).isNotNull();
        assertThat(this.history.savedFor("run-1")).extracting(RunRecord::attempt, RunRecord::outcome)
            .containsExactly(tuple(1, RunOutcome.RETRY));
        Message next = new RabbitTemplate(this.rabbit.connectionFactory()).receive(this.route.queue(), 10_000);
        assertThat(next).isNotNull();
        assertThat(RunMessage.fromJson(next.getBody()).attempt()).isEqualTo(2);
    }

    @Test
    void aLateEndReportedAfterTheRetryWasQueuedIsNotWritten() {
        this.broker.declare(this.route);
        RunMessage message = message(RetryPolicy.attempts(2));
        Job job = message.toJob();
        WorkerRunContext context = context(message);
        TimeoutException timeout = timeout();
        RunRecord timedOut = timedOut(job, null, timeout);
        context.record(job, timedOut);
        context.failed(job, timedOut, timeout);
        // the interrupted task returns only now
        context.record(job, timedOut(job, Instant.now(), timeout));
        context.flush();
        assertThat(this.history.savedFor("run-1")).extracting(RunRecord::attempt, RunRecord::outcome)
            .containsExactly(tuple(1, RunOutcome.RETRY));
    }

    @Test
    void theRunsEndWaitsUntilTheNextAttemptIsPublished() throws Exception {
        try (TcpProxy link = new TcpProxy(TestRabbit.PORT)) {
            AmqpBroker linked = new AmqpBroker(TestRabbit.connectionFactory(link.port()));
            try {
                linked.declare(this.route);
                RunMessage message = message(RetryPolicy.attempts(2));
                Job job = message.toJob();
                WorkerRunContext context = context(linked, message);
                TimeoutException timeout = timeout();
                RunRecord timedOut = timedOut(job, null, timeout);
                context.record(job, timedOut);
                link.cut();
                // the timer decides to retry, and publishes while the broker cannot be reached
                Thread timer = new Thread(() -> context.failed(job, timedOut, timeout));
                timer.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> !this.history.savedFor("run-1").isEmpty());
                // the run's thread: its late end and its end, while the next attempt is not published yet
                AtomicReference<Instant> ended = new AtomicReference<>();
                Thread runThread = runEnds(context, job, timeout, ended);
                await().atMost(Duration.ofSeconds(5))
                    .until(() -> runThread.getState() == Thread.State.TIMED_WAITING);
                assertThat(ended.get()).isNull();
                link.restore();
                timer.join(15_000);
                runThread.join(15_000);
                assertThat(ended.get()).isNotNull();
                assertThat(this.history.savedFor("run-1")).extracting(RunRecord::attempt, RunRecord::outcome)
                    .containsExactly(tuple(1, RunOutcome.RETRY));
                Message next = new RabbitTemplate(this.rabbit.connectionFactory()).receive(this.route.queue(),
                        10_000);
                assertThat(next).isNotNull();
                assertThat(RunMessage.fromJson(next.getBody()).attempt()).isEqualTo(2);
            }
            finally {
                linked.destroy();
            }
        }
    }

    @Test
    void aTimeoutItsPolicyDoesNotRetryIsWrittenAndSoIsTheRunsRealEnd() throws Exception {
        RunMessage message = message(RetryPolicy.attempts(2).withRetryOn(List.of(IllegalStateException.class
            .getName())));
        Job job = message.toJob();
        WorkerRunContext context = context(message);
        TimeoutException timeout = timeout();
        RunRecord timedOut = timedOut(job, null, timeout);
        context.record(job, timedOut);
        context.failed(job, timedOut, timeout);
        Instant end = Instant.now();
        // decided: the run's real end is written as it comes, not held for a decision that has been made
        context.record(job, timedOut(job, end, timeout));
        assertThat(this.history.savedFor("run-1")).extracting(RunRecord::outcome, RunRecord::finishedAt)
            .containsExactly(tuple(RunOutcome.TIMED_OUT, null), tuple(RunOutcome.TIMED_OUT, end));
        context.flush();
        assertThat(this.history.savedFor("run-1")).hasSize(2);
        assertThat(this.history.findRun("run-1")).get().extracting(RunRecord::finishedAt).isEqualTo(end);
    }

}
