package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeoutException;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.spring.boot.actuate.LastExecution.ExceptionInfo;
import dev.apscheduler.spring.boot.actuate.LastExecution.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The last execution of each job, kept from execution events, bounded, and forgotten with the job.
 */
class JobExecutionHistoryTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final JobExecutionHistory history = new JobExecutionHistory(2);

    private static JobExecutionEvent event(int code, String jobId, int startSecond, Throwable exception) {
        return new JobExecutionEvent(code, jobId, "run-" + startSecond, "default", "pool", "report", T0, T0.toInstant()
            .plusSeconds(startSecond), (code == EventCodes.JOB_MISSED) ? Duration.ZERO : Duration.ofMillis(5), null,
                exception);
    }

    private static JobExecutionEvent event(int code, String jobId, int startSecond) {
        return event(code, jobId, startSecond, null);
    }

    @Test
    void keepsTheOutcomeTimesAndExceptionOfTheLastRun() {
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 1));
        this.history.onEvent(event(EventCodes.JOB_ERROR, "a", 2, new IllegalStateException("refused")));
        assertThat(this.history.lastExecution("default", "a")).contains(new LastExecution(Outcome.ERROR, T0,
                Instant.parse("2030-01-01T00:00:02Z"), Duration.ofMillis(5),
                new ExceptionInfo("java.lang.IllegalStateException", "refused"), "run-2", 1));
        this.history.onEvent(event(EventCodes.JOB_MISSED, "a", 3));
        assertThat(this.history.lastExecution("default", "a")).hasValueSatisfying((last) -> {
            assertThat(last.outcome()).isEqualTo(Outcome.MISSED);
            assertThat(last.exception()).isNull();
        });
    }

    @Test
    void keepsATimedOutRunWithItsTimeoutException() {
        this.history.onEvent(event(EventCodes.JOB_TIMED_OUT, "a", 1, new TimeoutException("ran longer than PT1S")));
        assertThat(this.history.lastExecution("default", "a")).hasValueSatisfying((last) -> {
            assertThat(last.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(last.exception()).isEqualTo(new ExceptionInfo("java.util.concurrent.TimeoutException",
                    "ran longer than PT1S"));
        });
    }

    @Test
    void aRunThatStartedEarlierButFinishedLaterDoesNotReplaceTheLatestRun() {
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 5));
        this.history.onEvent(event(EventCodes.JOB_ERROR, "a", 4, new IllegalStateException("slow one")));
        assertThat(this.history.lastExecution("default", "a")).map(LastExecution::outcome).contains(Outcome.SUCCESS);
    }

    @Test
    void jobsAreKeptPerStore() {
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 1));
        assertThat(this.history.lastExecution("other", "a")).isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyUpdatedJobBeyondItsCapacity() {
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 1));
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "b", 2));
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 3));
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "c", 4));
        assertThat(this.history.size()).isEqualTo(2);
        assertThat(this.history.lastExecution("default", "b")).isEmpty();
        assertThat(this.history.lastExecution("default", "a")).isPresent();
        assertThat(this.history.lastExecution("default", "c")).isPresent();
    }

    @Test
    void forgetsRemovedJobs() {
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "a", 1));
        this.history.onEvent(event(EventCodes.JOB_EXECUTED, "b", 1));
        this.history.onEvent(new JobEvent(EventCodes.JOB_REMOVED, "a", "default"));
        assertThat(this.history.lastExecution("default", "a")).isEmpty();
        this.history.onEvent(new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, "elsewhere"));
        assertThat(this.history.lastExecution("default", "b")).isPresent();
        this.history.onEvent(new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, null));
        assertThat(this.history.size()).isZero();
    }

    @Test
    void capacityMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JobExecutionHistory(0))
            .withMessage("capacity must be >= 1, was 0");
    }

}
