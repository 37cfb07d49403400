package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStore;
import org.jspecify.annotations.Nullable;

/**
 * One pass of the scheduler's loop, APScheduler's {@code _process_jobs}: for each job store, claim the due jobs with
 * the engine's decision applied atomically, hand their run times to their executors, and work out how long the loop
 * may sleep: until the earliest next run time across stores, capped by a store's maximum wait and by the retry time
 * of a failed store. Every store call is guarded: a failure is logged, published and retried later, and the loop
 * goes on with the other stores.
 */
public final class JobProcessor {

    /** How many due jobs one store hands over per pass; more are taken in an immediate next pass. */
    public static final int BATCH_SIZE = 100;

    private final SchedulerCore core;

    /**
     * Creates the processor.
     * @param core the scheduler's state
     */
    public JobProcessor(SchedulerCore core) {
        this.core = core;
    }

    /**
     * Processes the due jobs of every store.
     * @return how long to sleep before the next pass, or empty to sleep until woken (no scheduled job, or paused)
     */
    public Optional<Duration> processJobs() {
        if (this.core.state() != SchedulerState.RUNNING) {
            return Optional.empty();
        }
        ZonedDateTime now = this.core.now();
        List<SchedulerEvent> events = new ArrayList<>();
        List<AcquiredJob> due = new ArrayList<>();
        Instant wakeAt = null;
        this.core.lock();
        try {
            for (Map.Entry<String, JobStore> entry : this.core.components().stores().entrySet()) {
                wakeAt = earliest(wakeAt, processStore(entry.getKey(), entry.getValue(), now, due, events));
            }
        }
        finally {
            this.core.unlock();
        }
        this.core.events().dispatchAll(events);
        due.forEach(this::submit);
        if (wakeAt == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(this.core.clock().instant(), wakeAt);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    private @Nullable Instant processStore(String alias, JobStore store, ZonedDateTime now, List<AcquiredJob> due,
            List<SchedulerEvent> events) {
        Instant instant = now.toInstant();
        Optional<Instant> retryAt = this.core.guard().backingOff(alias, instant);
        if (retryAt.isPresent()) {
            return retryAt.get();
        }
        RunTimeCalculator calculator = new RunTimeCalculator(now);
        List<AcquiredJob> acquired;
        try {
            acquired = store.acquireDueJobs(instant, BATCH_SIZE, calculator);
        }
        catch (RuntimeException ex) {
            return failed(alias, "acquire its due jobs", ex, instant, events);
        }
        due.addAll(acquired);
        calculator.failures().forEach((failure) -> events.add(triggerFailed(failure, instant)));
        Instant wakeAt = (acquired.size() >= BATCH_SIZE) ? instant : null;
        try {
            Optional<Instant> next = store.nextRunTime();
            Optional<Duration> maxWait = store.maxWait();
            JobStoreEvent recovered = this.core.guard().succeeded(alias);
            if (recovered != null) {
                events.add(recovered);
            }
            wakeAt = earliest(wakeAt, next.orElse(null));
            return earliest(wakeAt, maxWait.map(instant::plus).orElse(null));
        }
        catch (RuntimeException ex) {
            return earliest(wakeAt, failed(alias, "find its next run time", ex, instant, events));
        }
    }

    private Instant failed(String alias, String operation, RuntimeException ex, Instant now,
            List<SchedulerEvent> events) {
        StoreGuard.Outcome outcome = this.core.guard().failed(alias, operation, ex, now, this.core.retryInterval());
        events.add(outcome.event());
        return outcome.retryAt();
    }

    private JobExecutionEvent triggerFailed(RunTimeCalculator.Failure failure, Instant now) {
        Job job = failure.job();
        return new JobExecutionEvent(EventCodes.JOB_ERROR, job.id(), job.jobstore(), job.executor(),
                job.task().name(), job.nextRunTime().orElseThrow(), now, Duration.ZERO, null, failure.exception());
    }

    private void submit(AcquiredJob acquired) {
        Job job = acquired.job();
        JobDecision decision = acquired.decision();
        if (!decision.runTimes().isEmpty()) {
            submit(job, decision);
        }
        if (decision.removeJob()) {
            SchedulerCore.logger.info("Removed job {}: its trigger has no further fire time", job.id());
            this.core.events().dispatch(new JobEvent(EventCodes.JOB_REMOVED, job.id(), job.jobstore()));
        }
    }

    private void submit(Job job, JobDecision decision) {
        List<java.time.ZonedDateTime> runTimes = decision.runTimes();
        Optional<JobExecutor> executor = this.core.components().executor(job.executor());
        try {
            if (executor.isEmpty()) {
                throw new SchedulerException("Job '" + job.id() + "' names executor '" + job.executor()
                        + "', which is not configured (configured: "
                        + String.join(", ", this.core.components().executors().keySet()) + ")");
            }
            executor.get().submit(job, runTimes);
        }
        catch (MaxInstancesReachedException ex) {
            SchedulerCore.logger.warn("Execution of job \"{}\" skipped: maximum number of running instances "
                    + "reached ({})", job, job.maxInstances());
            this.core.events().dispatch(new JobSubmissionEvent(EventCodes.JOB_MAX_INSTANCES, job.id(),
                    job.jobstore(), job.executor(), job.task().name(), runTimes));
        }
        catch (RuntimeException ex) {
            SchedulerCore.logger.error("Error submitting job \"{}\" to executor \"{}\"", job, job.executor(), ex);
            this.core.events().dispatch(new JobExecutionEvent(EventCodes.JOB_ERROR, job.id(), job.jobstore(),
                    job.executor(), job.task().name(), runTimes.get(runTimes.size() - 1),
                    this.core.clock().instant(), Duration.ZERO, null, ex));
        }
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return (b == null || a.isBefore(b)) ? a : b;
    }

}
