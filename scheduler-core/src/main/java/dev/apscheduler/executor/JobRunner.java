package dev.apscheduler.executor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.AbstractJobExecutor.Slot;
import dev.apscheduler.executor.JobExecutor.Submission;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.job.Task;
import dev.apscheduler.trigger.DateTimes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * APScheduler's {@code run_job}: runs a job's run times in order, each checked against the misfire grace time at
 * the moment it is about to start, so time spent queueing counts as lateness. Each run that starts goes through the
 * context's {@link JobRunInterceptor}, is watched for its {@code timeout}, and is reported to the context as a run
 * record when it starts and when it ends. One runner serves every submission of an executor started with a context:
 * what belongs to one submission (its slot, its interceptor, its failures) is passed in or kept in its slot, so that
 * a run allocates no runner of its own.
 */
final class JobRunner {

    private static final Runnable NOTHING = () -> {
    };

    private final ExecutorContext context;

    private final Logger logger;

    /** Where the task a run executes comes from ({@link AbstractJobExecutor#task}). */
    private final AbstractJobExecutor executor;

    JobRunner(ExecutorContext context, Logger logger, AbstractJobExecutor executor) {
        this.context = context;
        this.logger = logger;
        this.executor = executor;
    }

    /**
     * Returns the context the runner reports to.
     * @return the context
     */
    ExecutorContext context() {
        return this.context;
    }

    /**
     * Runs the submission's run times in order; the runs that fail are kept in its slot, for
     * {@link #reportFailures}.
     * @param submission the submission
     * @param runIds the run ids, one per run time, or {@code null} to make each as its run comes up
     * @param slot the submission's {@code max_instances} slot
     * @param interceptor what each run goes through
     * @return the events of the runs that listeners want
     */
    List<SchedulerEvent> run(Submission submission, @Nullable List<String> runIds, Slot slot,
            JobRunInterceptor interceptor) {
        List<ZonedDateTime> runTimes = submission.runTimes();
        // most runs publish nothing: no listener wants their events
        List<SchedulerEvent> events = List.of();
        Job job = submission.job();
        Clock clock = this.context.clock();
        for (int i = 0; i < runTimes.size(); i++) {
            // one clock read stamps the run's id, its misfire check and its start
            Instant now = clock.instant();
            String runId = (runIds != null) ? runIds.get(i) : RunIds.next(now);
            if (slot.released()) {
                // an earlier run of this submission timed out and gave up the slot the rest would run in
                this.context.record(job, record(job, runId, runTimes.get(i), submission.attempt(), null)
                    .ended(RunOutcome.CANCELLED, now));
                continue;
            }
            JobExecutionEvent event = runOnce(job, runTimes.get(i), runId, submission.attempt(), now, slot,
                    interceptor);
            if (event != null) {
                if (events.isEmpty()) {
                    events = new ArrayList<>(runTimes.size());
                }
                events.add(event);
            }
        }
        return events;
    }

    /**
     * Whether a run starting at {@code now} is later than the grace time allows, worked out from the times' seconds
     * and nanoseconds: the check every run with a grace time makes, without the instant and the duration it would
     * otherwise allocate.
     */
    static boolean isLate(ZonedDateTime runTime, Instant now, Duration grace) {
        long seconds = now.getEpochSecond() - runTime.toEpochSecond();
        int nanos = now.getNano() - runTime.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        return seconds > grace.getSeconds() || (seconds == grace.getSeconds() && nanos > grace.getNano());
    }

    /** A run's record while it runs ({@code startedAt} given) or before it starts. */
    private RunRecord record(Job job, String runId, ZonedDateTime runTime, int attempt, @Nullable Instant startedAt) {
        return RunRecord.running(runId, job.id(), job.jobstore(), this.context.alias(), job.task().name(),
                runTime.toInstant(), attempt, startedAt, this.context.instanceName());
    }

    private @Nullable JobExecutionEvent runOnce(Job job, ZonedDateTime runTime, String runId, int attempt,
            Instant now, Slot slot, JobRunInterceptor interceptor) {
        Clock clock = this.context.clock();
        Duration grace = job.misfireGraceTime().orElse(null);
        // a retry runs however late it is claimed: it is late by design, and it is the same run as its first attempt
        if (grace != null && attempt == 1 && isLate(runTime, now, grace)) {
            Duration late = Duration.between(runTime.toInstant(), now);
            this.logger.warn("Run time of job \"{}\" was missed by {}", job, late);
            RunRecord missed = record(job, runId, runTime, attempt, null).ended(RunOutcome.MISSED, now);
            this.context.record(job, missed);
            return event(EventCodes.JOB_MISSED, job, runId, attempt, runTime, now, now, null, null);
        }
        if (this.logger.isInfoEnabled()) {
            // Formatting the run time costs more than a short job; only pay for it when the line is written.
            this.logger.info("Running job \"{}\" (scheduled at {})", job, DateTimes.describe(runTime));
        }
        // Without a run history the records go nowhere: only a run with a timeout needs its record from the start
        // (the timer reports it when the timeout strikes); a run that fails gets one as it fails, for its retry.
        boolean records = this.context.recordsRuns();
        Duration timeout = job.timeout().orElse(null);
        RunRecord started = null;
        // a run without a timeout is reported by this thread alone: its end may take its start's place
        ExecutorContext.RecordedStart recordedStart = null;
        Watch watch = null;
        if (records || timeout != null) {
            started = record(job, runId, runTime, attempt, now);
            if (timeout != null) {
                if (records) {
                    this.context.record(job, started);
                }
                watch = new Watch(job, started, runTime, now, timeout, slot);
            }
            else if (records) {
                recordedStart = this.context.recordStart(job, started);
            }
        }
        // no lambda for the common case: a capturing one would be made for every run, timeout or not
        Runnable unwatch = (watch != null)
                ? this.context.watchTimeout(now.plus(watch.timeout), watch::expire) : NOTHING;
        String previousJobId = MDC.get(JobContext.MDC_JOB_ID);
        String previousRunId = MDC.get(JobContext.MDC_RUN_ID);
        MDC.put(JobContext.MDC_JOB_ID, job.id());
        MDC.put(JobContext.MDC_RUN_ID, runId);
        Object result = null;
        Throwable failure = null;
        try {
            Task task = this.executor.task(this.context, job);
            JobContext jobContext = new JobContext(job.id(), runId, job.name(), job.task().name(), runTime,
                    job.args(), job.kwargs(), job.jobstore(), this.context.alias(), attempt);
            result = interceptor.intercept(jobContext, task);
        }
        catch (Throwable ex) {
            if (ex instanceof VirtualMachineError error) {
                throw error;
            }
            failure = ex;
        }
        finally {
            unwatch.run();
            restore(JobContext.MDC_JOB_ID, previousJobId);
            restore(JobContext.MDC_RUN_ID, previousRunId);
        }
        if (watch != null && !watch.finish()) {
            // timed out: the timeout was reported when it struck; now the run has really ended
            Instant end = clock.instant();
            Thread.interrupted();
            slot.timedOutRunEnded();
            this.logger.warn("Job \"{}\" ended {} after it timed out", job, Duration.between(now, end));
            this.context.record(job, watch.timedOutRecord(end));
            return null;
        }
        if (failure != null) {
            Instant end = clock.instant();
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            this.logger.error("Job \"{}\" raised an exception", job, failure);
            RunRecord failed = ((started != null) ? started : record(job, runId, runTime, attempt, now))
                .failed(RunOutcome.ERROR, end, failure);
            // a run with a timeout has no recorded start to replace: its end is recorded on its own
            this.context.recordEnd(job, recordedStart, failed);
            slot.failed(new Failure(job, failed, failure));
            return event(EventCodes.JOB_ERROR, job, runId, attempt, runTime, now, end, null, failure);
        }
        this.logger.info("Job \"{}\" executed successfully", job);
        if (!records && !this.context.wants(EventCodes.JOB_EXECUTED)) {
            // nothing reports when this run ended: no history, no listener
            return null;
        }
        Instant end = clock.instant();
        if (records && started != null) {
            // the result is written for the record only when the record is kept
            this.context.recordEnd(job, recordedStart, started.succeeded(end, result));
        }
        return event(EventCodes.JOB_EXECUTED, job, runId, attempt, runTime, now, end, result, null);
    }

    /**
     * Reports the runs of a submission that failed to the context, for a retry: called once their events are
     * published.
     * @param failures the failures its slot kept
     */
    void reportFailures(List<Failure> failures) {
        for (int i = 0; i < failures.size(); i++) {
            Failure failure = failures.get(i);
            this.context.failed(failure.job(), failure.record(), failure.error());
        }
    }

    /** A run that failed, reported for a retry once its submission's events are published. */
    record Failure(Job job, RunRecord record, Throwable error) {
    }

    /** Returns the run's event, or {@code null} when no listener wants its code. */
    private @Nullable JobExecutionEvent event(int code, Job job, String runId, int attempt, ZonedDateTime runTime,
            Instant start, Instant end, @Nullable Object result, @Nullable Throwable exception) {
        if (!this.context.wants(code)) {
            return null;
        }
        return new JobExecutionEvent(code, job.id(), runId, job.jobstore(), this.context.alias(),
                job.task().name(), runTime, start, Duration.between(start, end), result, exception, attempt);
    }

    // a run on the caller's thread (the direct executor) leaves the caller's log context as it found it
    private static void restore(String key, @Nullable String value) {
        if (value != null) {
            MDC.put(key, value);
        }
        else {
            MDC.remove(key);
        }
    }

    /**
     * A run with a timeout: either it finishes first, or the timeout strikes first and interrupts it, frees its
     * slot, reports it timed out (still running) and publishes {@code JOB_TIMED_OUT}.
     */
    private final class Watch {

        private static final int RUNNING = 0;

        private static final int FINISHED = 1;

        private static final int TIMED_OUT = 2;

        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private final Job job;

        private final RunRecord started;

        private final ZonedDateTime runTime;

        private final Instant startedAt;

        private final Duration timeout;

        private final Slot slot;

        private final Thread thread = Thread.currentThread();

        private volatile @Nullable TimeoutException error;

        Watch(Job job, RunRecord started, ZonedDateTime runTime, Instant startedAt, Duration timeout, Slot slot) {
            this.job = job;
            this.started = started;
            this.runTime = runTime;
            this.startedAt = startedAt;
            this.timeout = timeout;
            this.slot = slot;
        }

        /** Marks the run finished; returns false when the timeout struck first. */
        boolean finish() {
            return this.state.compareAndSet(RUNNING, FINISHED);
        }

        void expire() {
            ExecutorContext context = JobRunner.this.context;
            TimeoutException error;
            Instant now;
            RunRecord timedOut;
            // held while the timed-out record is reported, so the record of the run's real end always comes after it
            synchronized (this) {
                if (!this.state.compareAndSet(RUNNING, TIMED_OUT)) {
                    return;
                }
                now = context.clock().instant();
                error = new TimeoutException("Job '" + this.job.id() + "' exceeded its timeout of " + this.timeout);
                error.setStackTrace(this.thread.getStackTrace());
                this.error = error;
                JobRunner.this.logger.error("Job \"{}\" exceeded its timeout of {} and is interrupted", this.job,
                        this.timeout);
                timedOut = this.started.failed(RunOutcome.TIMED_OUT, null, error);
                context.record(this.job, timedOut);
                this.slot.timedOut();
                this.thread.interrupt();
            }
            JobExecutionEvent event = event(EventCodes.JOB_TIMED_OUT, this.job, this.started.runId(),
                    this.started.attempt(), this.runTime, this.startedAt, now, null, error);
            if (event != null) {
                context.dispatch(event);
            }
            context.failed(this.job, timedOut, error);
        }

        synchronized RunRecord timedOutRecord(Instant end) {
            TimeoutException error = this.error;
            return this.started.failed(RunOutcome.TIMED_OUT, end, (error != null) ? error
                    : new TimeoutException("Job '" + this.job.id() + "' exceeded its timeout of " + this.timeout));
        }

    }

}
