package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import dev.apscheduler.executor.JobExecutor.Submission;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStore;
import org.jspecify.annotations.Nullable;

/**
 * One pass of the scheduler's loop, APScheduler's {@code _process_jobs}: for each job store, claim the due jobs with
 * the engine's decision applied atomically, hand their run times to their executors, and work out how long the loop
 * may sleep: until the earliest next run time across stores, capped by a store's maximum wait and by the retry time
 * of a failed store. A store with a look-ahead window has its jobs claimed that much before their run time; the runs
 * are held ({@link ClaimedRuns}) and handed over when their time comes, and passes woken only for that do not ask the
 * store again before it has something due. Every store call is guarded: a failure is logged, published and retried
 * later, and the loop goes on with the other stores.
 */
final class JobProcessor {

    /**
     * How many due jobs one persistent store hands over per pass (one transaction); more are taken in an immediate
     * next pass.
     */
    public static final int BATCH_SIZE = 100;

    /**
     * How many due jobs a store keeping its jobs in memory hands over per pass, where claiming costs little: a burst
     * is claimed and handed over in parts of this size (after a smaller first one, {@link #MEMORY_FIRST_BATCH_SIZE}),
     * so that its first runs start while the rest is claimed.
     */
    public static final int MEMORY_BATCH_SIZE = 1_000;

    /**
     * How many due jobs a store keeping its jobs in memory hands over in the first pass of a hand-over: a quarter of
     * {@link #MEMORY_BATCH_SIZE}, so that the first workers start once that many are claimed rather than a whole
     * batch, and run while the loop claims the rest of a burst. The passes that go on with the same hand-over take
     * full batches.
     */
    public static final int MEMORY_FIRST_BATCH_SIZE = MEMORY_BATCH_SIZE / 4;

    /**
     * How long before a store in memory has a job due the loop's own thread wakes for a pass of its own
     * ({@link #loopPass()}), when it would otherwise sleep at least {@link #EARLY_PASS_AFTER} until then.
     */
    static final Duration EARLY_PASS = Duration.ofMillis(2);

    /** The shortest sleep the loop's own thread ends with an early pass ({@link #EARLY_PASS} before its end). */
    static final Duration EARLY_PASS_AFTER = Duration.ofMillis(20);

    private final SchedulerCore core;

    /** Whether the last runs handed over were told more would follow at once (used by the loop's thread only). */
    private boolean handOverOpen;

    /** Whether the current pass has handed runs over. */
    private boolean handedOverThisPass;

    /** Whether a store in memory had more jobs due now than one batch in the current pass. */
    private boolean memoryBatchFull;

    /** Per store, when it next needs asking for due jobs if nothing changes: the loop's own schedule. */
    private final Map<String, Instant> checkAt = new HashMap<>();

    /**
     * The earliest due time of the stores in memory claimed at their time, when the current pass asks to wake then
     * and at nothing earlier; otherwise {@code null}.
     */
    private @Nullable Instant wakeForMemoryDue;

    /** The due time the loop's thread has woken early for ({@link #loopPass()}), until the next pass. */
    private @Nullable Instant earlyFor;

    /**
     * Creates the processor.
     * @param core the scheduler's state
     */
    public JobProcessor(SchedulerCore core) {
        this.core = core;
    }

    /**
     * Processes the due jobs of every store: hands over the runs claimed ahead whose time has come, then claims what
     * each store has due (within its look-ahead window).
     * @return how long to sleep before the next pass, or empty to sleep until woken (no scheduled job, or paused)
     */
    public Optional<Duration> processJobs() {
        Instant earlyFor = this.earlyFor;
        this.earlyFor = null;
        try {
            return process(earlyFor);
        }
        finally {
            if (this.handOverOpen && !this.handedOverThisPass) {
                // the pass that was to go on with the hand-over had nothing to give (paused, or a store failed)
                closeHandOver();
            }
            this.handedOverThisPass = false;
        }
    }

    /**
     * One pass of the loop's own thread: {@link #processJobs()}, except that a sleep of at least
     * {@link #EARLY_PASS_AFTER} until a store in memory has a job due ends {@link #EARLY_PASS} before that time. The
     * pass then made finds nothing due yet and asks no persistent store that has nothing due and no change to look at;
     * it runs the loop's code and reads the store in memory shortly before the due jobs are claimed, so that the pass
     * at their time, which hands over the first runs, does not find both cold after the long sleep. A pass driven by
     * an injected clock ({@code ManualScheduler}) calls {@link #processJobs()} and is not shortened.
     * @return how long to sleep before the next pass, or empty to sleep until woken
     */
    public Optional<Duration> loopPass() {
        Optional<Duration> wait = processJobs();
        Instant dueAt = this.wakeForMemoryDue;
        if (dueAt == null || wait.isEmpty() || wait.get().compareTo(EARLY_PASS_AFTER) < 0) {
            return wait;
        }
        this.earlyFor = dueAt;
        return Optional.of(wait.get().minus(EARLY_PASS));
    }

    private Optional<Duration> process(@Nullable Instant earlyFor) {
        this.wakeForMemoryDue = null;
        // Timeouts are enforced in every state: a paused scheduler still has running jobs.
        this.core.timeouts().expire(this.core.clock().instant());
        // so are the leases of runs counted across the cluster
        this.core.runSlots().renewDue(this.core.clock().instant());
        if (this.core.state() != SchedulerState.RUNNING) {
            Instant wakeAt = earliest(this.core.timeouts().earliest().orElse(null),
                    this.core.runSlots().earliest().orElse(null));
            return Optional.ofNullable(wakeAt).map(this::until);
        }
        Instant retriesAt = this.core.retries().store()
            .map((interval) -> this.core.clock().instant().plus(interval)).orElse(null);
        handOverClaimedRuns();
        ZonedDateTime now = this.core.now();
        List<SchedulerEvent> events = new ArrayList<>();
        List<AcquiredJob> due = new ArrayList<>();
        Instant wakeAt = null;
        Instant memoryDue = null;
        this.core.lock();
        try {
            if (this.core.state() != SchedulerState.RUNNING) {
                // shut down or paused since the pass began: claim nothing that shutdown would not give back
                return Optional.empty();
            }
            boolean changed = this.core.takeStoresChanged();
            // an early pass before anything is due leaves alone the persistent stores with nothing due, unless
            // something changed (processStore)
            boolean early = earlyFor != null && now.toInstant().isBefore(earlyFor);
            this.memoryBatchFull = false;
            for (Map.Entry<String, JobStore> entry : this.core.components().stores().entrySet()) {
                JobStore store = entry.getValue();
                Instant storeWakeAt = processStore(entry.getKey(), store, now, changed, early, due, events);
                if (storeWakeAt != null && !store.isPersistent() && store.lookAhead().isZero()) {
                    memoryDue = earliest(memoryDue, storeWakeAt);
                }
                wakeAt = earliest(wakeAt, storeWakeAt);
            }
            wakeAt = earliest(wakeAt, this.core.claimedRuns().earliest().orElse(null));
        }
        finally {
            this.core.unlock();
        }
        // A store in memory with more due than one batch is asked again at once: these runs are part of a larger
        // hand-over, claimed by the loop's processor alone. A persistent store's next batch mostly waits for its
        // server, when the workers may as well run what is queued.
        boolean more = this.memoryBatchFull;
        this.memoryBatchFull = false;
        this.core.events().dispatchAll(events);
        submit(due, more);
        wakeAt = earliest(wakeAt, retriesAt);
        wakeAt = earliest(wakeAt, this.core.timeouts().earliest().orElse(null));
        wakeAt = earliest(wakeAt, this.core.runSlots().earliest().orElse(null));
        if (!this.core.retries().isEmpty()) {
            // runs on this thread (the direct executor) failed and queued retries: store them at once
            wakeAt = this.core.clock().instant();
        }
        if (wakeAt == null || wakeAt.equals(Instant.MAX)) {
            return Optional.empty();
        }
        if (memoryDue != null && !memoryDue.isAfter(wakeAt)) {
            this.wakeForMemoryDue = memoryDue;
        }
        return Optional.of(until(wakeAt));
    }

    private Duration until(Instant wakeAt) {
        Duration wait = Duration.between(this.core.clock().instant(), wakeAt);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * Hands over the runs claimed ahead whose time has come, first thing in a pass: that is what the pass was woken
     * for, and asking the stores may take a while.
     */
    private void handOverClaimedRuns() {
        submit(this.core.locked(() -> this.core.claimedRuns().takeDue(this.core.clock().instant())), false);
    }

    private @Nullable Instant processStore(String alias, JobStore store, ZonedDateTime now, boolean changed,
            boolean early, List<AcquiredJob> due, List<SchedulerEvent> events) {
        Instant instant = now.toInstant();
        Optional<Instant> retryAt = this.core.guard().backingOff(alias, instant);
        if (retryAt.isPresent()) {
            return retryAt.get();
        }
        Duration lookAhead = store.lookAhead();
        Instant checkAt = this.checkAt.get(alias);
        if ((!lookAhead.isZero() || (early && store.isPersistent())) && !changed && checkAt != null
                && instant.isBefore(checkAt)) {
            // Woken to hand over runs claimed ahead, or early for a store in memory: nothing new is due in this store
            // before checkAt.
            return checkAt;
        }
        RunTimeCalculator calculator = new RunTimeCalculator(now);
        int batchSize = store.isPersistent() ? BATCH_SIZE : memoryBatchSize();
        List<AcquiredJob> acquired;
        try {
            acquired = store.acquireDueJobs(instant.plus(lookAhead), batchSize, calculator);
        }
        catch (RuntimeException ex) {
            return failed(alias, "acquire its due jobs", ex, instant, events);
        }
        if (lookAhead.isZero()) {
            // claimed at their time: every run handed over is due
            due.addAll(acquired);
        }
        else {
            for (AcquiredJob job : acquired) {
                holdOrHandOver(job, instant, due);
            }
        }
        calculator.failures().forEach((failure) -> events.add(triggerFailed(failure, instant)));
        Instant wakeAt = (acquired.size() >= batchSize) ? instant : null;
        try {
            Optional<Instant> next = store.nextRunTime();
            if (wakeAt != null && !store.isPersistent() && next.isPresent() && !next.get().isAfter(instant)) {
                // more of a burst is due: the next pass, at once, goes on with this hand-over
                this.memoryBatchFull = true;
            }
            Optional<Duration> maxWait = store.maxWait();
            JobStoreEvent recovered = this.core.guard().succeeded(alias);
            if (recovered != null) {
                events.add(recovered);
            }
            wakeAt = earliest(wakeAt, next.map((time) -> time.minus(lookAhead)).orElse(null));
            wakeAt = earliest(wakeAt, maxWait.map(instant::plus).orElse(null));
            this.checkAt.put(alias, (wakeAt != null) ? wakeAt : Instant.MAX);
            return wakeAt;
        }
        catch (RuntimeException ex) {
            return earliest(wakeAt, failed(alias, "find its next run time", ex, instant, events));
        }
    }

    /** How many due jobs a store in memory is asked for in this pass: fewer when a hand-over begins. */
    private int memoryBatchSize() {
        return this.handOverOpen ? MEMORY_BATCH_SIZE : MEMORY_FIRST_BATCH_SIZE;
    }

    /** Holds a run claimed ahead until its time, or adds it to the runs handed over now when its time has come. */
    private void holdOrHandOver(AcquiredJob job, Instant now, List<AcquiredJob> due) {
        Optional<ZonedDateTime> start = job.decision().latestStart();
        if (start.isPresent() && start.get().toInstant().isAfter(now)) {
            this.core.claimedRuns().hold(job);
        }
        else {
            due.add(job);
        }
    }

    private Instant failed(String alias, String operation, RuntimeException ex, Instant now,
            List<SchedulerEvent> events) {
        // changes made while the store is left alone are not looked at then: ask it as soon as it is retried
        this.checkAt.remove(alias);
        StoreGuard.Outcome outcome = this.core.guard().failed(alias, operation, ex, now, this.core.retryInterval());
        events.add(outcome.event());
        return outcome.retryAt();
    }

    private JobExecutionEvent triggerFailed(RunTimeCalculator.Failure failure, Instant now) {
        Job job = failure.job();
        return new JobExecutionEvent(EventCodes.JOB_ERROR, job.id(), RunIds.next(), job.jobstore(), job.executor(),
                job.task().name(), job.nextRunTime().orElseThrow(), now, Duration.ZERO, null, failure.exception());
    }

    /**
     * Hands claimed runs to their executors, each executor's share in one step, then reports jobs whose trigger is
     * finished as removed.
     */
    private void submit(List<AcquiredJob> acquired, boolean more) {
        if (acquired.isEmpty()) {
            return;
        }
        this.core.markHandOver();
        // This runs once per pass, which leaves its loops to the interpreter for many passes: each job's work is in
        // a method of its own, compiled after a few passes.
        RunsByExecutor byExecutor = new RunsByExecutor(acquired.size());
        for (int i = 0; i < acquired.size(); i++) {
            byExecutor.add(acquired.get(i));
        }
        byExecutor.runs.forEach((executor, runs) -> submit(executor, runs, more));
        this.handedOverThisPass = true;
        this.handOverOpen = more;
        if (byExecutor.removals) {
            boolean publish = this.core.events().wants(EventCodes.JOB_REMOVED);
            for (int i = 0; i < acquired.size(); i++) {
                reportIfRemoved(acquired.get(i), publish);
            }
        }
    }

    private void reportIfRemoved(AcquiredJob job, boolean publish) {
        if (job.decision().removeJob()) {
            SchedulerCore.logger.info("Removed job {}: its trigger has no further fire time", job.job().id());
            if (publish) {
                this.core.events().dispatch(new JobEvent(EventCodes.JOB_REMOVED, job.job().id(),
                        job.job().jobstore()));
            }
        }
    }

    /** The submissions of one hand-over, by executor alias in the order the executors first come up. */
    private static final class RunsByExecutor {

        final Map<String, List<Submission>> runs = new LinkedHashMap<>();

        private final int capacity;

        private @Nullable String lastExecutor;

        private @Nullable List<Submission> submissions;

        /** Whether a job of the hand-over is removed (its trigger is finished). */
        boolean removals;

        RunsByExecutor(int capacity) {
            this.capacity = capacity;
        }

        void add(AcquiredJob job) {
            JobDecision decision = job.decision();
            if (decision.removeJob()) {
                this.removals = true;
            }
            if (!decision.submitsRuns()) {
                return;
            }
            String executor = job.job().executor();
            List<Submission> submissions = this.submissions;
            if (submissions == null || !executor.equals(this.lastExecutor)) {
                // runs due together mostly share one executor: look its list up only when the executor changes
                submissions = this.runs.computeIfAbsent(executor, (alias) -> new ArrayList<>(this.capacity));
                this.submissions = submissions;
                this.lastExecutor = executor;
            }
            if (!decision.retries().isEmpty()) {
                for (PendingRetry retry : decision.retries()) {
                    submissions.add(new Submission(job.job(), List.of(retry.fireTime()), retry.attempt()));
                }
            }
            if (!decision.runTimes().isEmpty()) {
                submissions.add(new Submission(job.job(), decision.runTimes()));
            }
        }

    }

    /**
     * Tells every executor that the hand-over its last runs were part of is over, so that it puts all its workers
     * to the runs queued.
     */
    private void closeHandOver() {
        this.handOverOpen = false;
        this.core.components().executors().forEach((alias, executor) -> {
            try {
                executor.submitAll(List.of(), this::refused, false);
            }
            catch (RuntimeException ex) {
                SchedulerCore.logger.debug("Executor '{}' could not be told the hand-over is over", alias, ex);
            }
        });
    }

    private void submit(String executorAlias, List<Submission> submissions, boolean more) {
        Optional<JobExecutor> executor = this.core.components().executor(executorAlias);
        if (executor.isEmpty()) {
            String configured = String.join(", ", this.core.components().executors().keySet());
            submissions.forEach((submission) -> refused(submission, new SchedulerException("Job '"
                    + submission.job().id() + "' names executor '" + executorAlias
                    + "', which is not configured (configured: " + configured + ")")));
            return;
        }
        try {
            executor.get().submitAll(submissions, this::refused, more);
        }
        catch (RuntimeException ex) {
            submissions.forEach((submission) -> refused(submission, ex));
        }
    }

    private void refused(Submission submission, RuntimeException ex) {
        Job job = submission.job();
        List<ZonedDateTime> runTimes = submission.runTimes();
        Instant now = this.core.clock().instant();
        if (ex instanceof MaxInstancesReachedException reached) {
            SchedulerCore.logger.warn("Execution of job \"{}\" skipped: maximum number of running instances "
                    + "reached ({}{})", job, job.maxInstances(), reached.scopeDescription());
            List<String> runIds = RunIds.next(runTimes.size());
            recordNotRun(job, runTimes, runIds, submission.attempt(), RunOutcome.SKIPPED, now, null);
            this.core.events().dispatch(new JobSubmissionEvent(EventCodes.JOB_MAX_INSTANCES, job.id(),
                    job.jobstore(), job.executor(), job.task().name(), runTimes, runIds, reached.scope()));
            if (submission.attempt() > 1) {
                // a retry waits for a free instance rather than being lost
                this.core.retries().refused(job, runTimes.get(0), submission.attempt());
            }
            return;
        }
        SchedulerCore.logger.error("Error submitting job \"{}\" to executor \"{}\"", job, job.executor(), ex);
        String runId = RunIds.next();
        ZonedDateTime runTime = runTimes.get(runTimes.size() - 1);
        recordNotRun(job, List.of(runTime), List.of(runId), submission.attempt(), RunOutcome.ERROR, now, ex);
        this.core.events().dispatch(new JobExecutionEvent(EventCodes.JOB_ERROR, job.id(), runId,
                job.jobstore(), job.executor(), job.task().name(), runTime, now, Duration.ZERO, null, ex,
                submission.attempt()));
    }

    private void recordNotRun(Job job, List<ZonedDateTime> runTimes, List<String> runIds, int attempt,
            RunOutcome outcome, Instant now, @Nullable Throwable error) {
        for (int i = 0; i < runTimes.size(); i++) {
            RunRecord record = RunRecord.running(runIds.get(i), job.id(), job.jobstore(), job.executor(),
                    job.task().name(), runTimes.get(i).toInstant(), attempt, null, this.core.instanceName());
            record = (error != null) ? record.failed(outcome, now, error) : record.ended(outcome, now);
            // a submission that failed is not retried: the executor is missing or shut down
            this.core.recorder().add(record);
        }
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return (b == null || a.isBefore(b)) ? a : b;
    }

}
