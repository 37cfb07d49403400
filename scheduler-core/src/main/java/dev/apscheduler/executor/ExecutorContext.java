package dev.apscheduler.executor;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What an executor receives when it starts: its alias, the scheduler's clock (for the misfire check and timings),
 * the task registry (tasks are resolved when a job runs), the channel for execution events and the interceptor that
 * wraps each run.
 */
public interface ExecutorContext {

    /**
     * Returns the alias the executor is registered under.
     * @return the alias
     */
    String alias();

    /**
     * Returns the scheduler's clock.
     * @return the clock
     */
    Clock clock();

    /**
     * Returns the registry jobs' task names are resolved in.
     * @return the registry
     */
    TaskRegistry taskRegistry();

    /**
     * Publishes an event to the scheduler's listeners; never throws.
     * @param event the event
     */
    void dispatch(SchedulerEvent event);

    /**
     * Tells whether a listener wants events of a code, so that an executor builds an event only when one does: a
     * run's events cost more than a short run.
     * @param code the event code, one of {@link dev.apscheduler.event.EventCodes}
     * @return whether {@link #dispatch} would deliver such an event to anyone; {@code true} by default
     */
    default boolean wants(int code) {
        return true;
    }

    /**
     * Returns what wraps every run of a task on the thread that runs it: the scheduler's registered
     * {@link JobRunInterceptor}s, chained.
     * @return the interceptor, {@link JobRunInterceptor#none()} by default
     */
    default JobRunInterceptor runInterceptor() {
        return JobRunInterceptor.none();
    }

    /**
     * Returns the name of the scheduler instance, written in run records.
     * @return the name, by default the host name and process id
     */
    default String instanceName() {
        return RunTimeouts.LOCAL_INSTANCE;
    }

    /**
     * Reports a run's record: when its task starts ({@link dev.apscheduler.history.RunOutcome#RUNNING}) and when
     * the run ends, whatever the outcome. The scheduler writes it to the run history in the background. Never
     * throws, never blocks on the history store.
     * @param job the job as it was handed over
     * @param record the record
     */
    default void record(Job job, RunRecord record) {
    }

    /**
     * Reports the start of a run whose records only the calling thread reports (a run without a timeout: the timer
     * enforcing a timeout reports that run too), as {@link #record} does, and returns what {@link #recordEnd} takes
     * for the same run: while the start still waits to be written, the end takes its place, so that a short run costs
     * the history one write.
     * @param job the job as it was handed over
     * @param record the run's record as it starts ({@link dev.apscheduler.history.RunOutcome#RUNNING})
     * @return the start as recorded, for {@link #recordEnd}; by default {@code null}, after {@link #record}
     */
    default @Nullable RecordedStart recordStart(Job job, RunRecord record) {
        record(job, record);
        return null;
    }

    /**
     * Reports the end of a run whose start {@link #recordStart} reported, as {@link #record} does; with no start
     * ({@code null}), just as {@link #record} does.
     * @param job the job as it was handed over
     * @param start what {@link #recordStart} returned for the run, or {@code null} (then the end waits on its own)
     * @param record the run's record as it ended
     */
    default void recordEnd(Job job, @Nullable RecordedStart start, RunRecord record) {
        record(job, record);
    }

    /**
     * A run's start as {@link #recordStart} recorded it: opaque to the executor, which hands it back to
     * {@link #recordEnd}.
     */
    interface RecordedStart {
    }

    /**
     * Tells whether {@link #record} keeps run records, so that an executor builds a run's records (and writes its
     * result for them) only when they go somewhere: without a run history they cost more than a short run. A run that
     * fails or times out still gets its record, for {@link #failed}.
     * @return whether records reported to {@link #record} are kept; {@code true} by default
     */
    default boolean recordsRuns() {
        return true;
    }

    /**
     * Reports a run that failed or timed out, after its event ({@code JOB_ERROR} or {@code JOB_TIMED_OUT}) was
     * published: the scheduler decides on a retry per the job's {@link dev.apscheduler.job.RetryPolicy}. Never
     * throws.
     * @param job the job as it was handed over
     * @param record the failed run's record
     * @param error the failure
     */
    default void failed(Job job, RunRecord record, Throwable error) {
    }

    /**
     * Calls {@code onTimeout} at {@code deadline} unless cancelled first: how a run's {@code timeout} is enforced. The
     * scheduler checks deadlines against its clock in its own loop; outside a scheduler a shared timer thread does.
     * @param deadline when the run times out
     * @param onTimeout interrupts the run; called at most once, never on the loop's lock
     * @return cancels the watch; safe to call more than once
     */
    default Runnable watchTimeout(Instant deadline, Runnable onTimeout) {
        return RunTimeouts.shared().watch(clock(), deadline, onTimeout);
    }

    /**
     * Takes one of a job's cluster-wide {@code max_instances} slots in its job store, for a job whose
     * {@code max_instances_scope} is {@code cluster}: called when a submission is accepted, after the executor's own
     * count. The scheduler renews the slot while the run lasts. Outside a scheduler there is no cluster and the
     * executor's own count is the limit, so the default takes nothing.
     * @param job the job
     * @return what gives the slot back (called once, when the run ends or is given up), or empty when the job
     * already runs {@code max_instances} times across the scheduler instances sharing its store
     * @throws dev.apscheduler.SchedulerException if the job's store cannot count runs across instances, or fails
     */
    default Optional<Runnable> acquireRunSlot(Job job) {
        return Optional.of(() -> {
        });
    }

    /**
     * Returns the default name of this scheduler instance: the host name and the process id, as {@code host-1234}.
     * @return the name
     */
    static String localInstanceName() {
        return RunTimeouts.LOCAL_INSTANCE;
    }

    /**
     * Creates a context for an executor used outside a scheduler (tests, tools).
     * @param alias the executor's alias
     * @param clock the clock
     * @param taskRegistry the tasks
     * @param listener receives the events
     * @return the context
     */
    static ExecutorContext of(String alias, Clock clock, TaskRegistry taskRegistry, Consumer<SchedulerEvent> listener) {
        return of(alias, clock, taskRegistry, listener, JobRunInterceptor.none());
    }

    /**
     * Creates a context whose runs are wrapped by an interceptor.
     * @param alias the executor's alias
     * @param clock the clock
     * @param taskRegistry the tasks
     * @param listener receives the events
     * @param runInterceptor wraps every run of a task
     * @return the context
     */
    static ExecutorContext of(String alias, Clock clock, TaskRegistry taskRegistry, Consumer<SchedulerEvent> listener,
            JobRunInterceptor runInterceptor) {
        return new ExecutorContext() {

            @Override
            public String alias() {
                return alias;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public TaskRegistry taskRegistry() {
                return taskRegistry;
            }

            @Override
            public void dispatch(SchedulerEvent event) {
                listener.accept(event);
            }

            @Override
            public JobRunInterceptor runInterceptor() {
                return runInterceptor;
            }

            @Override
            public boolean recordsRuns() {
                // record() is not overridden: the records go nowhere
                return false;
            }

        };
    }

}
