package dev.apscheduler.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What one run did: which job and fire time it ran, which attempt it was, when it started and ended, how it ended,
 * on which scheduler instance, and its error or its result. A retry is a new run of the same fire time with the
 * next attempt number; the runs of one fire time are one logical run.
 *
 * <p>Texts are capped so that a huge message, stack trace or result never bloats the history: see
 * {@link #MAX_MESSAGE_LENGTH}, {@link #MAX_STACK_TRACE_LENGTH} and {@link #MAX_RESULT_LENGTH}.
 *
 * @param runId the run's id ({@link dev.apscheduler.job.RunIds}): time-ordered, so newest first is highest id first
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param executor the alias of the executor the run was handed to
 * @param task the task's name
 * @param scheduledAt the fire time the run is for
 * @param attempt the attempt number, from 1; above 1 for a retry
 * @param startedAt when the task started, or {@code null} if it never did (missed, skipped, cancelled before start)
 * @param finishedAt when the run ended (for a run that never started: when it was found missed, skipped or
 * cancelled), or {@code null} while it runs (also after a timeout the task ignored)
 * @param outcome how the run ended, or {@link RunOutcome#RUNNING}
 * @param instance the name of the scheduler instance that ran it
 * @param errorType the exception's class name, for a failure
 * @param errorMessage the exception's message, capped at {@link #MAX_MESSAGE_LENGTH}
 * @param stackTrace the exception's stack trace, capped at {@link #MAX_STACK_TRACE_LENGTH}
 * @param result the task's return value as JSON text, when it returned one that could be written within
 * {@link #MAX_RESULT_LENGTH}
 * @param resultNote why a returned value is not in {@code result} (not writable as JSON, or too long)
 */
public record RunRecord(String runId, String jobId, String jobstore, String executor, String task, Instant scheduledAt,
        int attempt, @Nullable Instant startedAt, @Nullable Instant finishedAt, RunOutcome outcome, String instance,
        @Nullable String errorType, @Nullable String errorMessage, @Nullable String stackTrace,
        @Nullable String result, @Nullable String resultNote) {

    /** The most characters of an error message kept. */
    public static final int MAX_MESSAGE_LENGTH = 2_000;

    /** The most characters of a stack trace kept. */
    public static final int MAX_STACK_TRACE_LENGTH = 16_000;

    /** The most characters of a result's JSON kept; a longer one is left out with a note. */
    public static final int MAX_RESULT_LENGTH = 16_000;

    /** The most characters of a result note kept. */
    public static final int MAX_NOTE_LENGTH = 500;

    /**
     * Checks the record and caps its texts.
     * @param runId the run's id
     * @param jobId the job's id
     * @param jobstore the alias of the job's store
     * @param executor the alias of the executor
     * @param task the task's name
     * @param scheduledAt the fire time
     * @param attempt the attempt number, from 1
     * @param startedAt when the task started, or {@code null}
     * @param finishedAt when the run ended, or {@code null}
     * @param outcome how the run ended
     * @param instance the scheduler instance's name
     * @param errorType the exception's class name, or {@code null}
     * @param errorMessage the exception's message, or {@code null}
     * @param stackTrace the stack trace, or {@code null}
     * @param result the result as JSON text, or {@code null}
     * @param resultNote why a result is missing, or {@code null}
     */
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobstore, "jobstore");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(instance, "instance");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        errorMessage = cap(errorMessage, MAX_MESSAGE_LENGTH);
        stackTrace = cap(stackTrace, MAX_STACK_TRACE_LENGTH);
        resultNote = cap(resultNote, MAX_NOTE_LENGTH);
        if (result != null && result.length() > MAX_RESULT_LENGTH) {
            resultNote = "result of " + result.length() + " characters of JSON exceeds " + MAX_RESULT_LENGTH
                    + " and is not kept";
            result = null;
        }
    }

    /**
     * Starts the record of a run that has not ended: running, or about to be decided.
     * @param runId the run's id
     * @param jobId the job's id
     * @param jobstore the alias of the job's store
     * @param executor the alias of the executor
     * @param task the task's name
     * @param scheduledAt the fire time
     * @param attempt the attempt number
     * @param startedAt when the task started, or {@code null} if it did not
     * @param instance the scheduler instance's name
     * @return a {@link RunOutcome#RUNNING} record
     */
    public static RunRecord running(String runId, String jobId, String jobstore, String executor, String task,
            Instant scheduledAt, int attempt, @Nullable Instant startedAt, String instance) {
        return new RunRecord(runId, jobId, jobstore, executor, task, scheduledAt, attempt, startedAt, null,
                RunOutcome.RUNNING, instance, null, null, null, null, null);
    }

    /**
     * Returns this run ended with an outcome and no error or result.
     * @param outcome how it ended
     * @param finishedAt when
     * @return the new record
     */
    public RunRecord ended(RunOutcome outcome, @Nullable Instant finishedAt) {
        return new RunRecord(this.runId, this.jobId, this.jobstore, this.executor, this.task, this.scheduledAt,
                this.attempt, this.startedAt, finishedAt, outcome, this.instance, this.errorType, this.errorMessage,
                this.stackTrace, this.result, this.resultNote);
    }

    /**
     * Returns this run ended by an exception.
     * @param outcome {@link RunOutcome#ERROR} or {@link RunOutcome#TIMED_OUT}
     * @param finishedAt when, or {@code null} while a timed-out task still runs
     * @param error the exception
     * @return the new record
     */
    public RunRecord failed(RunOutcome outcome, @Nullable Instant finishedAt, Throwable error) {
        return new RunRecord(this.runId, this.jobId, this.jobstore, this.executor, this.task, this.scheduledAt,
                this.attempt, this.startedAt, finishedAt, outcome, this.instance, error.getClass().getName(),
                error.getMessage(), RunResults.stackTrace(error), null, null);
    }

    /**
     * Returns this run ended successfully with the task's return value, written as JSON; a value that cannot be
     * written is left out with a note, and never fails the run.
     * @param finishedAt when
     * @param value the return value, or {@code null}
     * @return the new record
     */
    public RunRecord succeeded(Instant finishedAt, @Nullable Object value) {
        RunResults.Written written = RunResults.write(value);
        return new RunRecord(this.runId, this.jobId, this.jobstore, this.executor, this.task, this.scheduledAt,
                this.attempt, this.startedAt, finishedAt, RunOutcome.SUCCESS, this.instance, null, null, null,
                written.json(), written.note());
    }

    /**
     * Returns how long the run took.
     * @return the time from start to end, or empty if it did not start or has not ended
     */
    public Optional<Duration> duration() {
        if (this.startedAt == null || this.finishedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(this.startedAt, this.finishedAt));
    }

    private static @Nullable String cap(@Nullable String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int end = length - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            // never half a character: the pair's first half goes too
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }

}
