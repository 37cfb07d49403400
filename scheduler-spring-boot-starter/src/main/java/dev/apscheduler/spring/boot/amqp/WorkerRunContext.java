package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run received by a worker executes in: the core's run logic (misfire check, timeout, log context, run
 * interceptors) reports to it, and it writes the run's records to the history at once, so that the run's state is
 * visible to every instance before the message is acknowledged. A failed attempt its retry policy retries is
 * published again for the next attempt, after the backoff, and recorded as {@link RunOutcome#RETRY}.
 * <p>
 * An attempt that fails while its policy has attempts left is recorded only once the retry is decided: as
 * {@code RETRY} when it is queued again, else as the failure it was. Readers of the history (a {@link TaskResult}
 * waiting on another instance) never see such an attempt as failed for good in between, and the record of a
 * timed-out attempt's real end, reported after its retry was queued, does not replace the {@code RETRY} record. A
 * timeout is decided on the timer's thread; the run's end waits for that decision ({@link #flush}), so that the
 * message is acknowledged only once the next attempt is published.
 */
final class WorkerRunContext implements ExecutorContext {

    private static final Logger logger = LoggerFactory.getLogger(WorkerRunContext.class);

    /**
     * How long the end of a run waits for the retry of its failure to be decided on another thread: longer than
     * publishing the next attempt may take.
     */
    private static final Duration DECISION_WAIT = AmqpBroker.DEFAULT_CONFIRM_TIMEOUT.plusSeconds(5);

    private final WorkerServices services;

    private final RunMessage message;

    private final AmqpRoute route;

    /** Where the attempt's retry stands; guarded by {@code this}. */
    private Retry retry = Retry.NONE;

    /** The failed attempt's record while {@link Retry#HELD}; guarded by {@code this}. */
    private @Nullable RunRecord heldFailure;

    WorkerRunContext(WorkerServices services, RunMessage message, AmqpRoute route) {
        this.services = services;
        this.message = message;
        this.route = route;
    }

    @Override
    public String alias() {
        return this.message.executor();
    }

    @Override
    public Clock clock() {
        return this.services.clock();
    }

    @Override
    public TaskRegistry taskRegistry() {
        return this.services.tasks();
    }

    @Override
    public void dispatch(SchedulerEvent event) {
        this.services.events().accept(event);
    }

    @Override
    public JobRunInterceptor runInterceptor() {
        return this.services.interceptor();
    }

    @Override
    public String instanceName() {
        return this.services.workerName();
    }

    @Override
    public void record(Job job, RunRecord record) {
        synchronized (this) {
            if (this.retry == Retry.QUEUEING || this.retry == Retry.QUEUED) {
                logger.debug("Run '{}' ended {} on attempt {} after attempt {} was queued", record.runId(),
                        record.outcome(), record.attempt(), record.attempt() + 1);
                return;
            }
            if (this.retry != Retry.DECIDED && record.outcome().isFailure()
                    && record.attempt() < job.retryPolicy().maxAttempts()) {
                this.heldFailure = record;
                this.retry = Retry.HELD;
                return;
            }
        }
        save(this.services.history(), record);
    }

    /**
     * Ends the run's recording, before its message is acknowledged: waits while the retry of a failure is being
     * decided on another thread (a timeout's, on the timer's), up to {@link #DECISION_WAIT}, then writes a failed
     * attempt's record still held, as it was.
     */
    void flush() {
        synchronized (this) {
            long deadline = System.nanoTime() + DECISION_WAIT.toNanos();
            try {
                while (this.retry == Retry.HELD || this.retry == Retry.QUEUEING) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        logger.warn("The retry of run '{}' was not decided within {}; its failure is recorded",
                                this.message.runId(), DECISION_WAIT);
                        break;
                    }
                    this.wait(Math.max(1, remaining / 1_000_000));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        writeHeldFailure();
    }

    /** Writes the failure held, if one is, as it was: its retry is decided against, or was never decided. */
    private void writeHeldFailure() {
        RunRecord held;
        synchronized (this) {
            held = this.heldFailure;
            this.heldFailure = null;
            if (this.retry == Retry.NONE || this.retry == Retry.HELD) {
                this.retry = Retry.DECIDED;
                this.notifyAll();
            }
        }
        if (held != null) {
            save(this.services.history(), held);
        }
    }

    static void save(HistoryStore history, RunRecord record) {
        try {
            history.save(List.of(record));
        }
        catch (RuntimeException ex) {
            logger.error("Could not record run '{}' ({}) in the run history", record.runId(), record.outcome(), ex);
        }
    }

    @Override
    public void failed(Job job, RunRecord record, Throwable error) {
        if (!job.retryPolicy().retries(record.attempt(), error)) {
            writeHeldFailure();
            return;
        }
        synchronized (this) {
            this.heldFailure = null;
            this.retry = Retry.QUEUEING;
        }
        try {
            queueNextAttempt(job, record);
        }
        finally {
            synchronized (this) {
                if (this.retry == Retry.QUEUEING) {
                    // not queued after all (the history already has the failure), or an unexpected error
                    this.retry = Retry.DECIDED;
                }
                this.notifyAll();
            }
        }
    }

    private void queueNextAttempt(Job job, RunRecord record) {
        Instant now = clock().instant();
        Instant eta = job.retryPolicy().retryAt(record.attempt(), now);
        RunMessage next = this.message.nextAttempt(eta);
        save(this.services.history(), record.ended(RunOutcome.RETRY, (record.finishedAt() != null)
                ? record.finishedAt() : now));
        try {
            this.services.broker().publish(List.of(Map.entry(this.route, next)), AmqpBroker.DEFAULT_CONFIRM_TIMEOUT);
            synchronized (this) {
                this.retry = Retry.QUEUED;
            }
            logger.info("Run '{}' of task '{}' failed on attempt {}; attempt {} is queued for {}", record.runId(),
                    record.task(), record.attempt(), next.attempt(), eta);
        }
        catch (RuntimeException ex) {
            logger.error("Run '{}' of task '{}' could not be queued for attempt {}", record.runId(), record.task(),
                    next.attempt(), ex);
            save(this.services.history(), record);
        }
    }

    /** Where a failed attempt's retry stands, which decides what becomes of the attempt's records. */
    private enum Retry {

        /** No failure held: records are written as they come, a failure with attempts left is held. */
        NONE,

        /** A failure is held until {@link #failed} decides; the run's end waits ({@link #flush}). */
        HELD,

        /** The next attempt is being published: later records are not written; the run's end waits. */
        QUEUEING,

        /** The next attempt is queued: later records of this attempt are not written. */
        QUEUED,

        /** No retry (or the next attempt could not be queued): records are written as they come. */
        DECIDED

    }

}
