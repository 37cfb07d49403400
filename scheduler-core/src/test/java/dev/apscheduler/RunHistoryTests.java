package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.HistoryEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * Every run leaves a record in the run history: outcome, timing, attempt, instance, error or result.
 */
class RunHistoryTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private RunPage runs(ManualScheduler scheduler, String jobId) {
        return scheduler.historyStore().orElseThrow().findRuns(jobId, 0, 100);
    }

    @Test
    void successesAndErrorsAreRecordedWithResultAndStackTrace() {
        this.fixture.tasks.register("fail", (context) -> {
            throw new IllegalStateException("export failed for " + context.scheduledFireTime().toLocalTime());
        });
        ManualScheduler scheduler = this.fixture.builder().instanceName("node-a").build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").id("ok").trigger(Triggers.date(at(1))));
        scheduler.addJob(JobSpec.task("fail").id("bad").trigger(Triggers.date(at(2))));
        scheduler.advance(Duration.ofSeconds(3));
        RunRecord ok = runs(scheduler, "ok").runs().get(0);
        assertThat(ok.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(ok.result()).isEqualTo("\"tick@00:00:01\"");
        assertThat(ok.scheduledAt()).isEqualTo(at(1).toInstant());
        assertThat(ok.startedAt()).isEqualTo(at(1).toInstant());
        assertThat(ok.finishedAt()).isEqualTo(at(1).toInstant());
        assertThat(ok.attempt()).isEqualTo(1);
        assertThat(ok.instance()).isEqualTo("node-a");
        assertThat(ok.task()).isEqualTo("tick");
        RunRecord bad = runs(scheduler, "bad").runs().get(0);
        assertThat(bad.outcome()).isEqualTo(RunOutcome.ERROR);
        assertThat(bad.errorType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(bad.errorMessage()).isEqualTo("export failed for 00:00:02");
        assertThat(bad.stackTrace()).startsWith("java.lang.IllegalStateException: export failed")
            .contains("RunHistoryTests");
        assertThat(bad.runId()).isEqualTo(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR)
            .get(0).runId());
        assertThat(scheduler.historyStore().orElseThrow().findFailures(0, 10).runs()).containsExactly(bad);
    }

    @Test
    void missedRunsAndRunsNowAreRecorded() {
        ManualScheduler scheduler = this.fixture.scheduler();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").id("late").trigger(Triggers.date(at(1))));
        scheduler.jump(Duration.ofSeconds(5));
        scheduler.addJob(JobSpec.task("tick").id("now").trigger(Triggers.date(at(3600))));
        scheduler.runJob("now");
        scheduler.runDue();
        assertThat(runs(scheduler, "late").runs()).singleElement().satisfies((record) -> {
            assertThat(record.outcome()).isEqualTo(RunOutcome.MISSED);
            assertThat(record.startedAt()).isNull();
            assertThat(record.scheduledAt()).isEqualTo(at(1).toInstant());
        });
        assertThat(runs(scheduler, "now").runs()).singleElement()
            .extracting(RunRecord::outcome).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void aResultThatIsNotJsonIsNotedAndTheRunStillSucceeds() {
        this.fixture.tasks.register("odd", (context) -> new Thread("not json"));
        ManualScheduler scheduler = this.fixture.scheduler();
        scheduler.start();
        scheduler.addJob(JobSpec.task("odd").id("odd").trigger(Triggers.date(at(1))));
        scheduler.advance(Duration.ofSeconds(2));
        RunRecord record = runs(scheduler, "odd").runs().get(0);
        assertThat(record.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)).hasSize(1);
        if (record.result() == null) {
            assertThat(record.resultNote()).contains(Thread.class.getName());
        }
        else {
            assertThat(record.resultNote()).isNull();
        }
    }

    @Test
    void noHistoryWhenTheStoreIsNone() {
        ManualScheduler scheduler = this.fixture.builder().historyStore(null).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").id("t").trigger(Triggers.date(at(1))));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(scheduler.historyStore()).isEmpty();
        assertThat(this.fixture.ticks).hasSize(1);
    }

    @Test
    void aFailingHistoryStoreNeverStopsRunsAndRecordsWaitUntilItRecovers() {
        FlakyHistory history = new FlakyHistory();
        ManualScheduler scheduler = this.fixture.builder().historyStore(history).build();
        scheduler.start();
        history.failing = true;
        scheduler.addJob(JobSpec.task("tick").id("t").trigger(Triggers.interval().seconds(1).startDate(at(1))
            .build()));
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(this.fixture.ticks).hasSize(3);
        assertThat(scheduler.historyFailure()).get().asString().contains("history is down");
        assertThat(this.fixture.events.events(HistoryEvent.class, EventCodes.HISTORY_FAILED)).hasSize(1);
        history.failing = false;
        assertThat(scheduler.flushHistory()).isTrue();
        assertThat(scheduler.historyFailure()).isEmpty();
        assertThat(this.fixture.events.events(HistoryEvent.class, EventCodes.HISTORY_RECOVERED)).hasSize(1);
        assertThat(history.findRuns("t", 0, 10).runs()).hasSize(3)
            .allMatch((record) -> record.outcome() == RunOutcome.SUCCESS);
    }

    @Test
    void historyOptionsAreCheckedWithTheOptionsName() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> new dev.apscheduler.history.HistoryOptions(Duration.ZERO, 10, Duration.ofMinutes(1),
                    10))
            .withMessageContaining("max_age").withMessageContaining("PT0S");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> new dev.apscheduler.history.HistoryOptions(null, 0, Duration.ofMinutes(1), 10))
            .withMessageContaining("max_runs_per_job");
    }

    /** A memory history that fails while told to. */
    static final class FlakyHistory implements HistoryStore {

        private final MemoryHistoryStore delegate = new MemoryHistoryStore();

        volatile boolean failing;

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public void save(List<RunRecord> records) {
            if (this.failing) {
                throw new IllegalStateException("history is down");
            }
            this.delegate.save(records);
        }

        @Override
        public java.util.Optional<RunRecord> findRun(String runId) {
            return this.delegate.findRun(runId);
        }

        @Override
        public RunPage findRuns(String jobId, int page, int size) {
            return this.delegate.findRuns(jobId, page, size);
        }

        @Override
        public RunPage findFailures(int page, int size) {
            return this.delegate.findFailures(page, size);
        }

        @Override
        public List<String> findFailingJobs(int runs) {
            return this.delegate.findFailingJobs(runs);
        }

        @Override
        public long prune(java.time.Instant olderThan, int maxRunsPerJob) {
            return this.delegate.prune(olderThan, maxRunsPerJob);
        }


    }

}
