package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A submitted run, Celery's {@code AsyncResult}: its id, its {@link #state()} read from the run history, and a
 * blocking {@link #get(Duration)} that returns the task's result or throws its error. Works from any instance that
 * shares the run history with the workers.
 */
public final class TaskResult {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration POLL = Duration.ofMillis(20);

    private final String runId;

    private final String task;

    private final HistoryStore history;

    private final Clock clock;

    TaskResult(String runId, String task, HistoryStore history, Clock clock) {
        this.runId = runId;
        this.task = task;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Returns the run's id, under which the run history keeps it.
     * @return the id
     */
    public String runId() {
        return this.runId;
    }

    /**
     * Returns the run's state now.
     * @return the state
     */
    public TaskState state() {
        return TaskState.of(record());
    }

    /**
     * Returns the run's record in the history.
     * @return the record, or empty while no worker has recorded the run
     */
    public Optional<RunRecord> record() {
        return this.history.findRun(this.runId);
    }

    /**
     * Waits until the run has finished and returns the task's result, read back from its JSON.
     * @param timeout how long to wait
     * @return the result ({@code null} when the task returned none): strings, numbers, booleans, lists and maps
     * @throws TaskFailedException if the run failed or was revoked
     * @throws TimeoutException if the run has not finished within the timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public @Nullable Object get(Duration timeout) throws TimeoutException, InterruptedException {
        Instant deadline = this.clock.instant().plus(timeout);
        while (true) {
            Optional<RunRecord> record = record();
            TaskState state = TaskState.of(record);
            if (state.isReady()) {
                return result(record.orElseThrow(), state);
            }
            if (!this.clock.instant().isBefore(deadline)) {
                throw new TimeoutException("Run '" + this.runId + "' of task '" + this.task + "' is still " + state
                        + " after " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Revokes the run, Celery's {@code revoke}: a worker that receives it afterwards acknowledges it without running
     * it. A run already started is not interrupted.
     * @return whether the run was revoked (false when it has already started or ended)
     */
    public boolean revoke() {
        Optional<RunRecord> record = record();
        if (record.isPresent()) {
            return false;
        }
        Instant now = this.clock.instant();
        RunRecord revoked = RunRecord.running(this.runId, this.task, "default", AmqpTasks.DEFAULT_EXECUTOR, this.task,
                now, 1, null, "revoked").ended(RunOutcome.CANCELLED, now);
        WorkerRunContext.save(this.history, revoked);
        return true;
    }

    private @Nullable Object result(RunRecord record, TaskState state) {
        if (state != TaskState.SUCCESS) {
            throw new TaskFailedException(this.runId, this.task, state, record.errorType(), record.errorMessage(),
                    record.stackTrace());
        }
        return (record.result() != null) ? JSON.readValue(record.result(), Object.class) : null;
    }

    @Override
    public String toString() {
        return "TaskResult[" + this.runId + ", task=" + this.task + "]";
    }

}
