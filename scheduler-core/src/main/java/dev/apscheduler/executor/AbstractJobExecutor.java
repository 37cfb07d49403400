package dev.apscheduler.executor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.UnknownTaskException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.job.Task;
import dev.apscheduler.job.TaskRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared part of every executor: APScheduler's {@code BaseExecutor.submit_job} and {@code run_job}. Counts
 * instances per job (refusing a submission at {@code max_instances}), publishes {@code JOB_SUBMITTED}, runs each
 * run time with the misfire check made when it is about to start, and publishes the execution events once the
 * submission's runs are done and its instance is released. Subclasses say only how work is executed.
 */
public abstract class AbstractJobExecutor implements JobExecutor {

    private static final Integer ONE = 1;

    private static final VarHandle TAKEN;

    private static final VarHandle RELEASED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAKEN = lookup.findVarHandle(QueuedWork.class, "taken", int.class);
            RELEASED = lookup.findVarHandle(Slot.class, "released", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** How many job ids the instance count holds before its table grows. */
    private static final int INSTANCES_CAPACITY = 8192;

    /** How many accepted submissions {@link #submitAll} queues in one {@link #executeAll} step at most. */
    static final int HAND_OVER_CHUNK = 256;

    /** The executor's logger, named after the executor class. */
    protected final Logger logger = LoggerFactory.getLogger(getClass());

    /**
     * Running instances per job id. A concurrent map rather than one lock: the loop's submissions and every worker's
     * releases would all contend for that lock, and a holder descheduled on a busy machine stalls them all. Sized for
     * a burst of {@value #INSTANCES_CAPACITY} runs queued at once without growing (64 KB of table once a run is
     * counted): growing the table while a burst is handed over costs the loop more than counting the runs.
     */
    private final ConcurrentHashMap<String, Integer> instances = new ConcurrentHashMap<>(INSTANCES_CAPACITY);

    private final AtomicInteger timedOutRunning = new AtomicInteger();

    private volatile boolean cancelling;

    /** Runs every submission, with the context given at start: {@code null} until then. */
    private volatile @Nullable JobRunner runner;

    @Override
    public void start(ExecutorContext context) {
        this.runner = new JobRunner(context, this.logger, this);
    }

    /**
     * Returns the context given at start.
     * @return the context
     * @throws SchedulerException if the executor has not been started
     */
    protected ExecutorContext context() {
        return runner().context();
    }

    private JobRunner runner() {
        JobRunner runner = this.runner;
        if (runner == null) {
            throw new SchedulerException("Executor " + getClass().getSimpleName() + " has not been started");
        }
        return runner;
    }

    @Override
    public final void submit(Job job, List<ZonedDateTime> runTimes) {
        submit(new Submission(job, runTimes));
    }

    @Override
    public final void submit(Submission submission) {
        JobRunner runner = runner();
        ExecutorContext context = runner.context();
        Job job = submission.job();
        QueuedWork work = accept(runner, submission);
        try {
            execute(work);
        }
        catch (RuntimeException ex) {
            work.release();
            throw refusal(context, job, ex);
        }
    }

    @Override
    public final void submitAll(List<Submission> submissions, BiConsumer<Submission, RuntimeException> refused) {
        submitAll(submissions, refused, false);
    }

    @Override
    public final void submitAll(List<Submission> submissions, BiConsumer<Submission, RuntimeException> refused,
            boolean more) {
        if (!queuesInBatches()) {
            JobExecutor.super.submitAll(submissions, refused);
            return;
        }
        JobRunner runner = runner();
        ExecutorContext context = runner.context();
        // Queued a chunk at a time, so that workers start on the first runs while the rest are still being accepted.
        // This loop runs once per hand-over, which leaves it to the interpreter for many passes of the scheduler's
        // loop: each submission's work is in a method of its own, compiled after a few passes.
        List<Submission> all = (submissions instanceof RandomAccess) ? submissions : new ArrayList<>(submissions);
        List<Runnable> chunk = new ArrayList<>(Math.min(all.size(), HAND_OVER_CHUNK));
        for (int i = 0; i < all.size(); i++) {
            if (acceptInto(chunk, runner, all.get(i), refused)) {
                handOver(context, chunk, true, refused);
                chunk = new ArrayList<>(HAND_OVER_CHUNK);
            }
        }
        handOver(context, chunk, more, refused);
    }

    /**
     * Accepts a submission into the chunk being queued, or reports it refused.
     * @return whether the chunk is full
     */
    private boolean acceptInto(List<Runnable> chunk, JobRunner runner, Submission submission,
            BiConsumer<Submission, RuntimeException> refused) {
        try {
            chunk.add(accept(runner, submission));
        }
        catch (RuntimeException ex) {
            refused.accept(submission, ex);
            return false;
        }
        return chunk.size() == HAND_OVER_CHUNK;
    }

    private void handOver(ExecutorContext context, List<Runnable> chunk, boolean more,
            BiConsumer<Submission, RuntimeException> refused) {
        if (chunk.isEmpty() && more) {
            return;
        }
        try {
            executeAll(chunk, more);
        }
        catch (RuntimeException ex) {
            for (Runnable work : chunk) {
                QueuedWork queued = (QueuedWork) work;
                queued.release();
                refused.accept(queued.submission, refusal(context, queued.submission.job(), ex));
            }
        }
    }

    /**
     * Counts a new instance of the job (refusing it at {@code max_instances}, in this executor and, for a job counted
     * across the cluster, in its store's run slots) and publishes {@code JOB_SUBMITTED}. The instance counted is what
     * {@link #activeCount()} counts until the work is released.
     * @return the work that runs the submission
     */
    private QueuedWork accept(JobRunner runner, Submission submission) {
        ExecutorContext context = runner.context();
        Job job = submission.job();
        List<ZonedDateTime> runTimes = submission.runTimes();
        // The usual case, no instance of the job counted yet, takes one insertion into an empty bin.
        if (this.instances.putIfAbsent(job.id(), ONE) != null) {
            int[] runningBefore = new int[1];
            this.instances.compute(job.id(), (id, running) -> {
                int count = (running != null) ? running : 0;
                runningBefore[0] = count;
                return (count < job.maxInstances()) ? Integer.valueOf(count + 1) : running;
            });
            if (runningBefore[0] >= job.maxInstances()) {
                throw new MaxInstancesReachedException(job.id(), job.maxInstances(), job.maxInstancesScope());
            }
        }
        Runnable runSlot = runSlot(context, job);
        // Run ids are made here only when the submission event names them; otherwise each as its run starts.
        List<String> runIds = submission.runIds().isEmpty() ? null : submission.runIds();
        if (context.wants(EventCodes.JOB_SUBMITTED)) {
            if (runIds == null) {
                runIds = RunIds.next(runTimes.size());
            }
            context.dispatch(new JobSubmissionEvent(EventCodes.JOB_SUBMITTED, job.id(), job.jobstore(),
                    context.alias(), job.task().name(), runTimes, runIds, job.maxInstancesScope()));
        }
        return new QueuedWork(runner, submission, runIds, runSlot, capture(context, job));
    }

    /**
     * Lets the run interceptors take along what the submitting thread holds; a failure there is logged and the
     * submission runs through the interceptors as they are.
     */
    private JobRunInterceptor capture(ExecutorContext context, Job job) {
        JobRunInterceptor interceptor = context.runInterceptor();
        try {
            return interceptor.capture();
        }
        catch (RuntimeException ex) {
            this.logger.warn("Run interceptor of job \"{}\" could not capture the submitting thread's context; the run "
                    + "goes ahead without it", job, ex);
            return interceptor;
        }
    }

    /**
     * Takes the job's run slot in its store when it is counted across the cluster, giving back the executor's own
     * count when there is none to take (or the store fails).
     * @return what gives the slot back
     */
    private Runnable runSlot(ExecutorContext context, Job job) {
        Optional<Runnable> runSlot;
        try {
            runSlot = context.acquireRunSlot(job);
        }
        catch (RuntimeException ex) {
            uncount(job.id());
            throw ex;
        }
        if (runSlot.isEmpty()) {
            uncount(job.id());
            throw new MaxInstancesReachedException(job.id(), job.maxInstances(), MaxInstancesScope.CLUSTER);
        }
        return runSlot.get();
    }

    /**
     * A submission's {@code max_instances} slot, released once: when its runs end, or early when one times out. The
     * queued work is its own slot, so that a run takes one object for both.
     */
    abstract class Slot {

        private final String jobId;

        private final Runnable runSlot;

        /** Set once, when the slot is released. */
        private volatile int released;

        /** The runs that failed, reported for a retry once the submission's events are published. */
        private List<JobRunner.Failure> failures = List.of();

        Slot(String jobId, Runnable runSlot) {
            this.jobId = jobId;
            this.runSlot = runSlot;
        }

        /**
         * Gives back the counted instance and its run slot, the first time only: the runs ended, one timed out, or
         * the work will never run (refused, cancelled).
         */
        void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                AbstractJobExecutor.this.release(this.jobId, this.runSlot);
            }
        }

        boolean released() {
            return this.released != 0;
        }

        void timedOut() {
            AbstractJobExecutor.this.timedOutRunning.incrementAndGet();
            release();
        }

        void timedOutRunEnded() {
            AbstractJobExecutor.this.timedOutRunning.decrementAndGet();
        }

        /** Keeps a failed run, on the thread running the submission. */
        void failed(JobRunner.Failure failure) {
            if (this.failures.isEmpty()) {
                this.failures = new ArrayList<>(1);
            }
            this.failures.add(failure);
        }

        List<JobRunner.Failure> failures() {
            return this.failures;
        }

    }

    /**
     * A submission's work: run once by a worker, unless cancelled first ({@link #cancelQueued()}).
     */
    private final class QueuedWork extends Slot implements Runnable {

        private final JobRunner runner;

        private final Submission submission;

        /** The run ids, or {@code null} when each is made as its run starts. */
        private final @Nullable List<String> runIds;

        private final JobRunInterceptor interceptor;

        /** Set once, by the worker that runs the work or by {@link #cancel()}. */
        private volatile int taken;

        QueuedWork(JobRunner runner, Submission submission, @Nullable List<String> runIds, Runnable runSlot,
                JobRunInterceptor interceptor) {
            super(submission.job().id(), runSlot);
            this.runner = runner;
            this.submission = submission;
            this.runIds = runIds;
            this.interceptor = interceptor;
        }

        @Override
        public void run() {
            if (!TAKEN.compareAndSet(this, 0, 1)) {
                return;
            }
            if (AbstractJobExecutor.this.cancelling) {
                cancelled();
                return;
            }
            runJob(this);
        }

        boolean cancel() {
            if (!TAKEN.compareAndSet(this, 0, 1)) {
                return false;
            }
            cancelled();
            return true;
        }

        private void cancelled() {
            Job job = this.submission.job();
            ExecutorContext context = this.runner.context();
            java.time.Instant now = context.clock().instant();
            List<ZonedDateTime> runTimes = this.submission.runTimes();
            for (int i = 0; i < runTimes.size(); i++) {
                String runId = (this.runIds != null) ? this.runIds.get(i) : RunIds.next();
                context.record(job, RunRecord.running(runId, job.id(), job.jobstore(),
                        context.alias(), job.task().name(), runTimes.get(i).toInstant(),
                        this.submission.attempt(), null, context.instanceName())
                    .ended(RunOutcome.CANCELLED, now));
            }
            AbstractJobExecutor.this.logger.warn("Run of job \"{}\" cancelled: the scheduler shut down before it "
                    + "started", job);
            release();
        }

    }

    @Override
    public int cancelQueued() {
        this.cancelling = true;
        int cancelled = 0;
        for (Runnable work : drainQueued()) {
            if (work instanceof QueuedWork queued && queued.cancel()) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Takes the work queued and not yet started off the executor's queue, for {@link #cancelQueued()}; work that
     * cannot be taken off is cancelled when a worker picks it up.
     * @return the work taken off, none by default
     */
    protected List<Runnable> drainQueued() {
        return List.of();
    }

    private static RuntimeException refusal(ExecutorContext context, Job job, RuntimeException ex) {
        if (ex instanceof RejectedExecutionException) {
            return new SchedulerException("Executor '" + context.alias() + "' refused job '" + job.id()
                    + "': it is shut down", ex);
        }
        return ex;
    }

    private void runJob(QueuedWork work) {
        JobRunner runner = work.runner;
        List<SchedulerEvent> events;
        try {
            events = runner.run(work.submission, work.runIds, work, work.interceptor);
        }
        finally {
            work.release();
        }
        ExecutorContext context = runner.context();
        for (int i = 0; i < events.size(); i++) {
            context.dispatch(events.get(i));
        }
        runner.reportFailures(work.failures());
    }

    /**
     * Returns the task a run executes, called on the worker thread as the run starts (a failure here is the run's
     * {@code JOB_ERROR}). By default the job's inline task, or the task registered under its name; an executor that
     * runs tasks elsewhere (in another process) returns a stand-in that delegates the run there.
     * @param context the context given at start
     * @param job the job
     * @return the task
     * @throws dev.apscheduler.UnknownTaskException if no task is registered under the job's task name
     */
    protected Task task(ExecutorContext context, Job job) {
        Optional<Task> inline = job.task().inlineTask();
        if (inline.isPresent()) {
            return inline.get();
        }
        TaskRegistry registry = context.taskRegistry();
        Optional<Task> registered = registry.find(job.task().name());
        if (registered.isPresent()) {
            return registered.get();
        }
        throw new UnknownTaskException(job.id(), job.task().name(), registry.names());
    }

    private void release(String jobId, Runnable runSlot) {
        uncount(jobId);
        runSlot.run();
    }

    private void uncount(String jobId) {
        if (!this.instances.remove(jobId, ONE)) {
            this.instances.computeIfPresent(jobId, (id, count) -> (count > 1) ? Integer.valueOf(count - 1) : null);
        }
    }

    /**
     * Executes one submission's work: on a worker thread, or on the caller's thread.
     * @param work the work, which never throws
     * @throws RejectedExecutionException if the executor is shut down
     */
    protected abstract void execute(Runnable work);

    /**
     * Returns whether this executor queues several submissions' work in one step ({@link #executeAll}); otherwise
     * each goes through {@link #execute}.
     * @return {@code false} by default
     */
    protected boolean queuesInBatches() {
        return false;
    }

    /**
     * Executes several submissions' work, handed over at once, in one step: all of it is accepted, or none. Called
     * only when {@link #queuesInBatches()} says so.
     * @param work the work, none of which throws
     * @throws RejectedExecutionException if the executor is shut down
     */
    protected void executeAll(List<Runnable> work) {
        throw new UnsupportedOperationException(getClass().getName() + " does not queue work in batches");
    }

    /**
     * Executes one chunk of a hand-over queued in several ({@link #submitAll} queues at most
     * {@value #HAND_OVER_CHUNK} submissions per step), as {@link #executeAll(List)} does; by default it is just that.
     * An executor may hold back waking workers until the last chunk, so that they do not compete for the processors
     * with the thread still handing over. The last chunk may be empty: the hand-over ended with nothing more to
     * queue.
     * @param work the work, none of which throws
     * @param more whether more chunks of the same hand-over follow at once
     * @throws RejectedExecutionException if the executor is shut down
     */
    protected void executeAll(List<Runnable> work, boolean more) {
        if (!work.isEmpty()) {
            executeAll(work);
        }
    }

    @Override
    public int activeCount() {
        // The submissions in progress are the instances counted: summed when asked (by metrics, seldom) rather than
        // kept in a second counter that every run would update as it ends.
        return (int) this.instances.reduceValuesToLong(Long.MAX_VALUE, Integer::longValue, 0L, Long::sum);
    }

    @Override
    public int timedOutRunning() {
        return this.timedOutRunning.get();
    }

    @Override
    public int runningInstances(String jobId) {
        return this.instances.getOrDefault(jobId, 0);
    }

}
