package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.store.JobStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries of failed runs: a worker reports a failure, the job's {@link RetryPolicy} decides, and the retry is queued
 * here; the scheduler's loop writes it into the job's state in its store ({@link Job#pendingRetries()}), where the
 * store's acquire step claims it when due, once across instances and after a restart. A job whose trigger finished
 * with the failed run was removed from its store by then: it is put back, marked finished, for its retries only. A
 * store that fails keeps the retry queued; it is written when the store answers again.
 */
final class RunRetries {

    private static final Logger logger = LoggerFactory.getLogger(RunRetries.class);

    private final SchedulerCore core;

    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();

    RunRetries(SchedulerCore core) {
        this.core = core;
    }

    /**
     * Decides on a failed run: queues its retry, or reports that retries are exhausted. Called on the worker's
     * thread; never throws.
     * @param job the job as it was handed over
     * @param record the failed run's record
     * @param error the failure
     */
    void failed(Job job, RunRecord record, Throwable error) {
        RetryPolicy policy = job.retryPolicy();
        if (!policy.retries() || !policy.retriesType(error)) {
            return;
        }
        ZonedDateTime fireTime = ZonedDateTime.ofInstant(record.scheduledAt(), zone(job));
        Instant now = this.core.clock().instant();
        if (record.attempt() >= policy.maxAttempts()) {
            logger.error("Job \"{}\": attempt {} of {} failed; the run of {} is given up", job, record.attempt(),
                    policy.maxAttempts(), fireTime);
            this.core.events().dispatch(event(EventCodes.JOB_RETRIES_EXHAUSTED, job, record, fireTime, now, error,
                    null));
            return;
        }
        Instant retryAt = policy.retryAt(record.attempt(), now);
        PendingRetry retry = new PendingRetry(fireTime, record.attempt() + 1, ZonedDateTime.ofInstant(retryAt,
                zone(job)));
        this.queue.add(new Request(job, retry, record, error));
        this.core.wakeup();
    }

    /**
     * Queues again a retry its executor refused ({@code max_instances} reached), after the same backoff.
     * @param job the job
     * @param fireTime the fire time
     * @param attempt the refused attempt
     */
    void refused(Job job, ZonedDateTime fireTime, int attempt) {
        Instant retryAt = job.retryPolicy().retryAt(Math.max(1, attempt - 1), this.core.clock().instant());
        this.queue.add(new Request(job, new PendingRetry(fireTime, attempt, ZonedDateTime.ofInstant(retryAt,
                zone(job))), null, null));
        this.core.wakeup();
    }

    /**
     * Writes the queued retries into their jobs' stores; called by the loop before it claims due jobs.
     * @return when to try again, for retries whose store failed; empty when none waits
     */
    Optional<Duration> store() {
        if (this.queue.isEmpty()) {
            return Optional.empty();
        }
        List<Request> failed = new ArrayList<>();
        Request request;
        while ((request = this.queue.poll()) != null) {
            if (!store(request)) {
                failed.add(request);
            }
        }
        this.queue.addAll(failed);
        return failed.isEmpty() ? Optional.empty() : Optional.of(this.core.retryInterval());
    }

    boolean isEmpty() {
        return this.queue.isEmpty();
    }

    private boolean store(Request request) {
        Job job = request.job();
        PendingRetry retry = request.retry();
        JobStore store;
        try {
            store = this.core.components().store(job.jobstore());
        }
        catch (RuntimeException ex) {
            logger.warn("Job \"{}\": its store '{}' is gone; the retry of {} is dropped", job, job.jobstore(),
                    retry.fireTime());
            return true;
        }
        try {
            try {
                store.modifyJob(job.id(), (stored) -> contains(stored, retry) ? stored
                        : stored.withPendingRetry(retry));
            }
            catch (JobLookupException ex) {
                if (!triggerFinished(job, retry)) {
                    logger.info("Job \"{}\" was removed; the retry of {} is dropped", job, retry.fireTime());
                    return true;
                }
                store.addJob(job.withSchedule(null, List.of(retry), true));
            }
        }
        catch (ConflictingIdException ex) {
            logger.info("Job \"{}\" was replaced; the retry of {} is dropped", job, retry.fireTime());
            return true;
        }
        catch (RuntimeException ex) {
            logger.warn("Storing the retry of job \"{}\" in '{}' failed; it is tried again: {}", job, job.jobstore(),
                    ex.toString());
            return false;
        }
        RunRecord record = request.record();
        Throwable error = request.error();
        if (record != null && error != null) {
            logger.warn("Job \"{}\": attempt {} failed; attempt {} of {} is due at {}", job, record.attempt(),
                    retry.attempt(), job.retryPolicy().maxAttempts(), retry.dueAt());
            this.core.events().dispatch(event(EventCodes.JOB_RETRY_SCHEDULED, job, record, retry.fireTime(),
                    this.core.clock().instant(), error, retry.dueAt().toInstant()));
        }
        return true;
    }

    private static boolean contains(Job job, PendingRetry retry) {
        return job.pendingRetries().stream().anyMatch((waiting) -> waiting.attempt() == retry.attempt()
                && waiting.fireTime().toInstant().equals(retry.fireTime().toInstant()));
    }

    private boolean triggerFinished(Job job, PendingRetry retry) {
        try {
            return job.trigger().nextFireTime(retry.fireTime(), retry.fireTime()).isEmpty()
                    && job.nextRunTime().map((next) -> !next.isAfter(retry.fireTime())).orElse(true);
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private ZoneId zone(Job job) {
        return job.nextRunTime().map(ZonedDateTime::getZone).orElseGet(this.core::timezone);
    }

    private JobExecutionEvent event(int code, Job job, RunRecord record, ZonedDateTime fireTime, Instant now,
            Throwable error, @Nullable Instant retryAt) {
        Instant started = (record.startedAt() != null) ? record.startedAt() : now;
        Duration duration = record.duration().orElse(Duration.ZERO);
        return new JobExecutionEvent(code, job.id(), record.runId(), job.jobstore(), record.executor(),
                job.task().name(), fireTime, started, duration, null, error, record.attempt(), retryAt);
    }

    private record Request(Job job, PendingRetry retry, @Nullable RunRecord record, @Nullable Throwable error) {
    }

}
