package dev.apscheduler.spring.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * The last run of a job, as the endpoint shows it: taken from the scheduler's run history when it keeps one, or else
 * from the run's {@code JOB_EXECUTED}, {@code JOB_ERROR}, {@code JOB_MISSED} or {@code JOB_TIMED_OUT} event, in both
 * cases without the return value or the stack trace, so that it stays cheap to keep and to show.
 *
 * @param outcome how the run ended
 * @param scheduledRunTime the fire time the run was scheduled for
 * @param startTime when it started; for a run that did not start, when it was found missed, skipped or cancelled
 * @param duration how long the task ran; zero for a run that did not start, {@code null} while a timed-out task
 * that ignored its interruption still runs
 * @param exception what the task threw, for {@link Outcome#ERROR} and {@link Outcome#TIMED_OUT}
 * @param runId the run's id, under which the run history shows the whole run
 * @param attempt the attempt number: 1, or above for a retry
 */
public record LastExecution(Outcome outcome, ZonedDateTime scheduledRunTime, Instant startTime,
        @Nullable Duration duration, @Nullable ExceptionInfo exception, String runId, int attempt) {

    /**
     * Takes the last execution from an execution event.
     * @param event a {@code JOB_EXECUTED}, {@code JOB_ERROR}, {@code JOB_MISSED} or {@code JOB_TIMED_OUT} event
     * @return the last execution
     * @throws IllegalArgumentException for any other event code
     */
    public static LastExecution of(JobExecutionEvent event) {
        Outcome outcome = switch (event.code()) {
            case EventCodes.JOB_EXECUTED -> Outcome.SUCCESS;
            case EventCodes.JOB_ERROR -> Outcome.ERROR;
            case EventCodes.JOB_MISSED -> Outcome.MISSED;
            case EventCodes.JOB_TIMED_OUT -> Outcome.TIMED_OUT;
            default -> throw new IllegalArgumentException("not an execution outcome: " + event.codeName());
        };
        ExceptionInfo exception = event.exceptionIfAny()
            .map((ex) -> new ExceptionInfo(ex.getClass().getName(), ex.getMessage()))
            .orElse(null);
        return new LastExecution(outcome, event.scheduledRunTime(), event.startTime(), event.duration(), exception,
                event.runId(), event.attempt());
    }

    /**
     * Takes the last execution from a run record of the history.
     * @param run a record whose outcome is not {@link RunOutcome#RUNNING}
     * @param zone the time zone to show the fire time in
     * @return the last execution
     * @throws IllegalArgumentException for a run that has not ended
     */
    public static LastExecution of(RunRecord run, ZoneId zone) {
        Outcome outcome = switch (run.outcome()) {
            case SUCCESS -> Outcome.SUCCESS;
            case ERROR, RETRY -> Outcome.ERROR;
            case MISSED -> Outcome.MISSED;
            case SKIPPED -> Outcome.SKIPPED;
            case TIMED_OUT -> Outcome.TIMED_OUT;
            case CANCELLED -> Outcome.CANCELLED;
            case RUNNING -> throw new IllegalArgumentException("run '" + run.runId() + "' has not ended");
        };
        Instant startedAt = run.startedAt();
        Instant finishedAt = run.finishedAt();
        Instant start = (startedAt != null) ? startedAt : (finishedAt != null) ? finishedAt : run.scheduledAt();
        Duration duration = (startedAt == null) ? Duration.ZERO : run.duration().orElse(null);
        String errorType = run.errorType();
        ExceptionInfo exception = (errorType != null) ? new ExceptionInfo(errorType, run.errorMessage()) : null;
        return new LastExecution(outcome, ZonedDateTime.ofInstant(run.scheduledAt(), zone), start, duration,
                exception, run.runId(), run.attempt());
    }

    /**
     * How a run ended.
     */
    public enum Outcome {

        /** The task returned. */
        SUCCESS,

        /** The task threw, or could not run. */
        ERROR,

        /** The run started later than the misfire grace time allows and was skipped. */
        MISSED,

        /** The job already ran {@code max_instances} times, so the run was dropped (run history only). */
        SKIPPED,

        /** The run exceeded the job's {@code timeout} and was interrupted. */
        TIMED_OUT,

        /** The scheduler shut down before the run started, or interrupted it while stopping (run history only). */
        CANCELLED

    }

    /**
     * What a failed run threw.
     *
     * @param type the exception's class name
     * @param message its message
     */
    public record ExceptionInfo(String type, @Nullable String message) {
    }

}
