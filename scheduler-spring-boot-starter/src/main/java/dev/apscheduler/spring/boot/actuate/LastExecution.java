package dev.apscheduler.spring.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import org.jspecify.annotations.Nullable;

/**
 * The last run of a job, as the endpoint shows it: taken from the run's {@code JOB_EXECUTED}, {@code JOB_ERROR} or
 * {@code JOB_MISSED} event, without the return value or the exception object, so that keeping one per job stays
 * cheap.
 *
 * @param outcome how the run ended
 * @param scheduledRunTime the fire time the run was scheduled for
 * @param startTime when it started (for a missed run: when it was found to be late)
 * @param duration how long the task ran; zero for a missed run
 * @param exception what the task threw, for {@link Outcome#ERROR}
 */
public record LastExecution(Outcome outcome, ZonedDateTime scheduledRunTime, Instant startTime, Duration duration,
        @Nullable ExceptionInfo exception) {

    /**
     * Takes the last execution from an execution event.
     * @param event a {@code JOB_EXECUTED}, {@code JOB_ERROR} or {@code JOB_MISSED} event
     * @return the last execution
     * @throws IllegalArgumentException for any other event code
     */
    public static LastExecution of(JobExecutionEvent event) {
        Outcome outcome = switch (event.code()) {
            case EventCodes.JOB_EXECUTED -> Outcome.SUCCESS;
            case EventCodes.JOB_ERROR -> Outcome.ERROR;
            case EventCodes.JOB_MISSED -> Outcome.MISSED;
            default -> throw new IllegalArgumentException("not an execution outcome: " + event.codeName());
        };
        ExceptionInfo exception = event.exceptionIfAny()
            .map((ex) -> new ExceptionInfo(ex.getClass().getName(), ex.getMessage()))
            .orElse(null);
        return new LastExecution(outcome, event.scheduledRunTime(), event.startTime(), event.duration(), exception);
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
        MISSED

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
