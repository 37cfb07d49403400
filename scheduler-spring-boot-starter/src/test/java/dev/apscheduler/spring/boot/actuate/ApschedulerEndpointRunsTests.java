package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.actuate.LastExecution.Outcome;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.spring.boot.support.FailingHistoryStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * What the endpoint shows of the scheduler's run history: a job's runs, one run, failures, results sanitised as
 * arguments are, and what it says when the scheduler keeps no history or its history store fails.
 */
class ApschedulerEndpointRunsTests {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, UTC);

    private static final RetryPolicy THREE_ATTEMPTS = RetryPolicy.attempts(3)
        .withBackoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1));

    private final MutableClock clock = MutableClock.at(T0);

    private final FailingHistoryStore historyStore = new FailingHistoryStore();

    private final ManualScheduler scheduler = scheduler(this.historyStore);

    private final ApschedulerEndpoint endpoint = endpoint(this.scheduler, new JobExecutionHistory());

    private ManualScheduler scheduler(@Nullable HistoryStore history) {
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("report", (context) -> "sent");
        tasks.register("flaky", (context) -> {
            if (context.attempt() < 3) {
                throw new IllegalStateException("upstream refused attempt " + context.attempt());
            }
            return "imported";
        });
        tasks.register("summary", (context) -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("sent", 3);
            summary.put("password", "s3cret");
            return summary;
        });
        tasks.register("list", (context) -> List.of("a", 2));
        return ManualScheduler.builder().clock(this.clock).timezone(UTC).taskRegistry(tasks).historyStore(history)
            .build();
    }

    private static ApschedulerEndpoint endpoint(ManualScheduler scheduler, JobExecutionHistory history) {
        return new ApschedulerEndpoint(scheduler, history,
                List.of(SanitizingFunction.sanitizeValue().ifLikelyCredential()));
    }

    @Test
    void aRetriedFireTimeShowsEachAttemptNewestFirstAndItsPendingRetryMeanwhile() {
        this.scheduler.addJob(JobSpec.task("flaky").id("import").retryPolicy(THREE_ATTEMPTS)
            .timeout(Duration.ofMinutes(5)).trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofHours(1));
        JobDetailsDescriptor waiting = this.endpoint.job("import", false);
        assertThat(waiting.pendingRetries()).containsExactly(new PendingRetry(T0.plusHours(1), 2,
                T0.plusHours(1).plusSeconds(1)));
        assertThat(waiting.options().retry()).isEqualTo(new JobDetailsDescriptor.Retry(3, Duration.ofSeconds(1), 1.0,
                Duration.ofSeconds(1), Duration.ZERO, List.of()));
        assertThat(waiting.options().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(waiting.lastExecution().outcome()).isEqualTo(Outcome.ERROR);
        this.scheduler.advance(Duration.ofSeconds(2));
        RunPageDescriptor runs = this.endpoint.jobRuns("import", 0, 20, true);
        assertThat(runs.total()).isEqualTo(3);
        assertThat(runs.runs()).extracting(RunDescriptor::attempt).containsExactly(3, 2, 1);
        assertThat(runs.runs()).extracting(RunDescriptor::outcome).containsExactly(RunOutcome.SUCCESS,
                RunOutcome.ERROR, RunOutcome.ERROR);
        assertThat(runs.runs()).extracting(RunDescriptor::scheduledAt).containsOnly(T0.plusHours(1).toInstant());
        assertThat(runs.runs()).extracting(RunDescriptor::stackTrace).containsOnlyNulls();
        RunDescriptor first = runs.runs().get(2);
        assertThat(first.errorType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.errorMessage()).isEqualTo("upstream refused attempt 1");
        assertThat(first.instance()).isEqualTo(this.scheduler.instanceName());
        assertThat(first.executor()).isEqualTo("default");
        assertThat(runs.runs().get(0).result()).isEqualTo("imported");
        assertThat(runs.runs().get(0).durationMs()).isZero();
        assertThat(this.endpoint.run(first.runId(), false).stackTrace())
            .startsWith("java.lang.IllegalStateException: upstream refused attempt 1");
        JobDetailsDescriptor done = this.endpoint.job("import", false);
        assertThat(done.pendingRetries()).isEmpty();
        assertThat(done.lastExecution().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(done.lastExecution().attempt()).isEqualTo(3);
    }

    @Test
    void pagesCountEveryRunOfTheJob() {
        this.scheduler.addJob(JobSpec.task("report").id("report").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofHours(3));
        RunPageDescriptor first = this.endpoint.jobRuns("report", 0, 2, true);
        assertThat(first.runs()).extracting(RunDescriptor::scheduledAt)
            .containsExactly(T0.plusHours(3).toInstant(), T0.plusHours(2).toInstant());
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(this.endpoint.jobRuns("report", 1, 2, true).runs()).extracting(RunDescriptor::scheduledAt)
            .containsExactly(T0.plusHours(1).toInstant());
        RunPageDescriptor beyond = this.endpoint.jobRuns("report", 5, 2, true);
        assertThat(beyond.runs()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
    }

    @Test
    void aBadPageOrSizeIsRefusedNamingIt() {
        this.scheduler.start();
        assertThatIllegalArgumentException().isThrownBy(() -> this.endpoint.jobRuns("report", -1, 20, true))
            .withMessage("page must be >= 0, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> this.endpoint.failures(0, 0, true))
            .withMessage("size must be between 1 and 1000, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> this.endpoint.failures(0, RunPage.MAX_SIZE + 1, true))
            .withMessage("size must be between 1 and 1000, was 1001");
    }

    @Test
    void theRunsOfAnUnknownJobAreNotFoundUnlessTheHistoryHoldsSome() {
        this.scheduler.addJob(JobSpec.task("report").id("gone").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofHours(1));
        this.scheduler.removeJob("gone");
        assertThat(this.endpoint.jobRuns("gone", 0, 20, true).total()).isOne();
        assertThatExceptionOfType(JobLookupException.class)
            .isThrownBy(() -> this.endpoint.jobRuns("ghost", 0, 20, true))
            .withMessage("No job by the id of 'ghost' was found");
        assertThatExceptionOfType(RunLookupException.class).isThrownBy(() -> this.endpoint.run("no-such-run", true))
            .withMessage("No run by the id of 'no-such-run' was found");
    }

    @Test
    void failuresAreListedAcrossJobsNewestFirst() {
        this.scheduler.addJob(JobSpec.task("flaky").id("first").trigger("interval", Map.of("hours", 1)));
        this.scheduler.addJob(JobSpec.task("report").id("fine").trigger("interval", Map.of("hours", 1)));
        this.scheduler.addJob(JobSpec.task("flaky").id("second").trigger("interval", Map.of("hours", 2)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofHours(2));
        RunPageDescriptor failures = this.endpoint.failures(0, 20, true);
        assertThat(failures.total()).isEqualTo(3);
        assertThat(failures.runs()).extracting(RunDescriptor::outcome).containsOnly(RunOutcome.ERROR);
        assertThat(failures.runs()).extracting(RunDescriptor::jobId).containsExactlyInAnyOrder("first", "first",
                "second");
        assertThat(failures.runs().get(2).scheduledAt()).isEqualTo(T0.plusHours(1).toInstant());
    }

    @Test
    void resultsAreShownAsJsonAndSanitisedLikeArguments() {
        this.scheduler.addJob(JobSpec.task("summary").id("summary").trigger("interval", Map.of("hours", 1)));
        this.scheduler.addJob(JobSpec.task("list").id("list").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofHours(1));
        assertThat(this.endpoint.jobRuns("summary", 0, 1, true).runs().get(0).result())
            .isEqualTo(Map.of("sent", 3, "password", SanitizableData.SANITIZED_VALUE));
        assertThat(this.endpoint.jobRuns("list", 0, 1, true).runs().get(0).result()).isEqualTo(List.of("a", 2));
        RunDescriptor hidden = this.endpoint.jobRuns("summary", 0, 1, false).runs().get(0);
        assertThat(hidden.result()).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(this.endpoint.run(hidden.runId(), false).result()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Test
    void withoutRunHistoryRunsAreOffAndTheLastExecutionComesFromEvents() {
        ManualScheduler scheduler = scheduler(null);
        JobExecutionHistory events = new JobExecutionHistory();
        scheduler.addListener(events, JobExecutionHistory.EVENT_MASK);
        ApschedulerEndpoint endpoint = endpoint(scheduler, events);
        scheduler.addJob(JobSpec.task("flaky").id("import").trigger("interval", Map.of("hours", 1)));
        scheduler.start();
        scheduler.advance(Duration.ofHours(1));
        assertThat(endpoint.scheduler().history()).isNull();
        LastExecution last = endpoint.job("import", false).lastExecution();
        assertThat(last.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(last.exception().message()).isEqualTo("upstream refused attempt 1");
        for (Runnable runs : List.<Runnable>of(() -> endpoint.jobRuns("import", 0, 20, true),
                () -> endpoint.run("any", true), () -> endpoint.failures(0, 20, true))) {
            assertThatExceptionOfType(RunHistoryOffException.class).isThrownBy(runs::run)
                .withMessage("Run history is off: the scheduler keeps no run records");
        }
    }

    @Test
    void aFailingHistoryStoreIsReportedAndLeavesTheJobDetailsWhole() {
        this.scheduler.addJob(JobSpec.task("report").id("report").trigger("interval", Map.of("hours", 1)));
        this.scheduler.start();
        this.historyStore.failing = true;
        this.scheduler.advance(Duration.ofHours(1));
        assertThat(this.endpoint.scheduler().history())
            .isEqualTo(new HistoryDescriptor("failing", true, true, "history database is down"));
        assertThatExceptionOfType(RunHistoryUnavailableException.class)
            .isThrownBy(() -> this.endpoint.jobRuns("report", 0, 20, true))
            .withMessage("The run history store (failing) failed to answer: history database is down");
        assertThat(this.endpoint.job("report", false).lastExecution()).isNull();
        this.historyStore.failing = false;
        this.scheduler.flushHistory();
        assertThat(this.endpoint.scheduler().history().failing()).isFalse();
        assertThat(this.endpoint.jobRuns("report", 0, 20, true).total()).isOne();
    }

}
