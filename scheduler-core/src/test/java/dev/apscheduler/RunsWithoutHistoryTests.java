package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * A scheduler without a run history builds no run records: a run's result is not written for one, yet events,
 * retries and run ids are as with a history.
 */
class RunsWithoutHistoryTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final AtomicInteger written = new AtomicInteger();

    /** A result whose JSON form counts how often it is written. */
    public final class Report {

        public int getRows() {
            RunsWithoutHistoryTests.this.written.incrementAndGet();
            return 42;
        }

    }

    @Test
    void aResultIsWrittenOnlyForAHistoryThatKeepsIt() {
        this.fixture.tasks.register("report", (context) -> new Report());
        ManualScheduler withHistory = this.fixture.scheduler();
        withHistory.start();
        withHistory.addJob(JobSpec.task("report").id("r").trigger(Triggers.date(at(1))));
        withHistory.advance(Duration.ofSeconds(1));
        assertThat(withHistory.historyStore().orElseThrow().findRuns("r", 0, 10).runs()).singleElement()
            .extracting(RunRecord::result).isEqualTo("{\"rows\":42}");
        assertThat(this.written).hasValue(1);
        withHistory.shutdown();

        this.fixture.events.clear();
        ManualScheduler without = this.fixture.builder().historyStore(null).build();
        without.start();
        without.addJob(JobSpec.task("report").id("r").trigger(Triggers.date(at(2))));
        without.advance(Duration.ofSeconds(1));
        assertThat(this.written).as("nothing keeps the result: it is not written").hasValue(1);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)).singleElement()
            .satisfies((event) -> {
                assertThat(event.returnValue()).isInstanceOf(Report.class);
                assertThat(event.runId()).isNotBlank();
                assertThat(event.attempt()).isEqualTo(1);
                assertThat(event.scheduledRunTime()).isEqualTo(at(2));
            });
    }

    @Test
    void aFailedRunIsRetriedWithoutAHistory() {
        AtomicInteger calls = new AtomicInteger();
        this.fixture.tasks.register("flaky", (context) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("down");
            }
            return "attempt " + context.attempt();
        });
        ManualScheduler scheduler = this.fixture.builder().historyStore(null).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("flaky").id("f").trigger(Triggers.date(at(1)))
            .retryPolicy(RetryPolicy.attempts(2).withBackoff(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10))));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(scheduler.getJob("f").orElseThrow().pendingRetries()).singleElement()
            .satisfies((retry) -> assertThat(retry.attempt()).isEqualTo(2));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(calls).hasValue(2);
        assertThat(this.fixture.events.codeNames().stream()
            .filter((name) -> name.equals("JOB_ERROR") || name.equals("JOB_EXECUTED") || name.startsWith("JOB_RETR"))
            .toList()).containsExactly("JOB_ERROR", "JOB_RETRY_SCHEDULED", "JOB_EXECUTED");
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR)).singleElement()
            .satisfies((event) -> assertThat(event.exception()).hasMessage("down"));
        assertThat(scheduler.getJob("f")).isEmpty();
    }

    @Test
    void withoutAHistoryOrAListenerRunsStillGetTheirIdsAndGiveBackTheirInstance() {
        List<String> runIds = new CopyOnWriteArrayList<>();
        this.fixture.tasks.register("seen", (context) -> runIds.add(context.runId()));
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.fixture.clock).timezone(SchedulerFixture.UTC)
            .taskRegistry(this.fixture.tasks).historyStore(null).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("seen").id("s").trigger(SchedulerFixture.everySecond()).maxInstances(1));
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(runIds).hasSize(3).doesNotHaveDuplicates().allMatch((id) -> id.length() == 36);
        assertThat(scheduler.runningInstances("s")).isZero();
        assertThat(this.fixture.events.events()).isEmpty();
    }

}
