package dev.apscheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.TaskRegistry;
import org.junit.jupiter.api.Test;

/**
 * The run history's buffer: a run's start replaced by its end while both wait, when only the run's worker reports
 * it, and the oldest records dropped from a full buffer. The writer thread is not started here: records wait until the
 * test flushes them, so the buffer's contents are exactly what the test added.
 */
class RunRecorderTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MemoryHistoryStore history = new MemoryHistoryStore();

    private final RunRecorder recorder = recorder(2);

    private RunRecorder recorder(int bufferSize) {
        SchedulerCore core = new SchedulerCore(Clock.fixed(T0, ZoneOffset.UTC), new TaskRegistry(),
                new ComponentFactories(getClass().getClassLoader(), List.of(), List.of(), List.of()),
                (context, task) -> task.run(context));
        RunRecorder recorder = core.recorder();
        recorder.configure(this.history, new HistoryOptions(null, 100, Duration.ofHours(1), bufferSize));
        return recorder;
    }

    @Test
    void aRunReportedByItsWorkerAloneTakesOnePlaceInTheBuffer() {
        // two runs, start and end each, in a buffer of two: nothing is dropped
        for (String run : List.of("run-a", "run-b")) {
            this.recorder.addEnd(this.recorder.addStart(start(run)), end(run));
        }
        assertThat(this.recorder.flush()).isTrue();
        assertThat(outcome("run-a")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(outcome("run-b")).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void aRunOthersMayReportTooKeepsItsStartBesideItsEnd() {
        // a job with a timeout: the timer may report the run while it runs, so its start is never replaced
        for (String run : List.of("run-a", "run-b")) {
            this.recorder.add(start(run));
            this.recorder.add(end(run));
        }
        assertThat(this.recorder.flush()).isTrue();
        // four records in a buffer of two: the oldest two, run-a's, were dropped
        assertThat(this.history.findRun("run-a")).isEmpty();
        assertThat(outcome("run-b")).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void anEndTakesItsOwnStartsPlaceWhateverWasRecordedInBetween() {
        RunRecorder recorder = recorder(2);
        RecordRing.Waiting start = recorder.addStart(start("run-a"));
        // the task reports another run first (a run-now refused, say)
        recorder.add(end("run-c"));
        recorder.addEnd(start, end("run-a"));
        // two places: neither record was dropped
        assertThat(recorder.flush()).isTrue();
        assertThat(outcome("run-a")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(outcome("run-c")).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void anEndWaitsOnItsOwnOnceItsStartIsWritten() {
        RecordRing.Waiting start = this.recorder.addStart(start("run-d"));
        assertThat(this.recorder.flush()).isTrue();
        assertThat(outcome("run-d")).isEqualTo(RunOutcome.RUNNING);
        this.recorder.addEnd(start, end("run-d"));
        assertThat(this.recorder.flush()).isTrue();
        assertThat(outcome("run-d")).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void anEndTakesTheStartOfItsOwnRunOnly() {
        RunRecorder recorder = recorder(10);
        RecordRing.Waiting start = recorder.addStart(start("run-a"));
        recorder.addEnd(start, end("run-b"));
        assertThat(recorder.flush()).isTrue();
        assertThat(outcome("run-a")).isEqualTo(RunOutcome.RUNNING);
        assertThat(outcome("run-b")).isEqualTo(RunOutcome.SUCCESS);
    }

    @Test
    void aStartDroppedFromAFullBufferIsNotReplacedByItsEnd() throws InterruptedException {
        RunRecorder recorder = recorder(1);
        RecordRing.Waiting start = recorder.addStart(start("run-a"));
        // another worker's record fills the buffer: run-a's start, the oldest, is dropped
        Thread other = new Thread(() -> recorder.add(end("run-x")));
        other.start();
        other.join();
        // run-a's end waits on its own (dropping run-x's record in turn) instead of vanishing with its start
        recorder.addEnd(start, end("run-a"));
        assertThat(recorder.flush()).isTrue();
        assertThat(outcome("run-a")).isEqualTo(RunOutcome.SUCCESS);
        assertThat(this.history.findRun("run-x")).isEmpty();
    }

    @Test
    void withoutAHistoryNothingIsQueued() {
        RunRecorder recorder = recorder(10);
        recorder.configure(null, HistoryOptions.DEFAULTS);
        assertThat(recorder.addStart(start("run-a"))).isNull();
        recorder.addEnd(null, end("run-a"));
        recorder.configure(this.history, new HistoryOptions(null, 100, Duration.ofHours(1), 10));
        assertThat(recorder.flush()).isTrue();
        assertThat(this.history.findRun("run-a")).isEmpty();
    }

    @Test
    void recordsWaitingWhenTheBufferIsResizedAreKept() {
        RunRecorder recorder = recorder(10);
        recorder.add(end("run-a"));
        recorder.add(end("run-b"));
        recorder.configure(this.history, new HistoryOptions(null, 100, Duration.ofHours(1), 1));
        // moved into a buffer of one place: the older one is dropped
        assertThat(recorder.flush()).isTrue();
        assertThat(this.history.findRun("run-a")).isEmpty();
        assertThat(outcome("run-b")).isEqualTo(RunOutcome.SUCCESS);
    }

    private RunOutcome outcome(String runId) {
        return this.history.findRun(runId).orElseThrow(() -> new AssertionError("no record of " + runId)).outcome();
    }

    private static RunRecord start(String runId) {
        return RunRecord.running(runId, "job-" + runId, "default", "default", "task", T0, 1, T0, "node");
    }

    private static RunRecord end(String runId) {
        return start(runId).ended(RunOutcome.SUCCESS, T0.plusMillis(5));
    }

}
