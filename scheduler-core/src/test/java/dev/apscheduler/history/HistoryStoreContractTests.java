package dev.apscheduler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.job.RunIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link HistoryStore} fulfils: saving (insert or replace by run id), finding one run, a job's runs
 * newest first and paged, failures across jobs, failing jobs, and pruning by age and count. Shipped in the core's
 * test jar; a store's test class extends it and implements {@link #createStore()}; a persistent store also overrides
 * {@link #reopenStore()} so that records are shown to outlive the store instance.
 */
public abstract class HistoryStoreContractTests {

    /** A fire time the tests' records are scheduled around. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** The store under test, started and empty before each test. */
    protected HistoryStore store;

    private final List<HistoryStore> opened = new ArrayList<>();

    /**
     * Creates a new store on empty (or emptied) data, keeping at least 1,000 records per job.
     * @return a store, not started
     */
    protected abstract HistoryStore createStore();

    /**
     * Opens a second store instance on the same data, as the application would after a restart; a store that keeps
     * nothing returns empty.
     * @return a store, not started, or empty
     */
    protected Optional<HistoryStore> reopenStore() {
        return Optional.empty();
    }

    @BeforeEach
    void startStore() {
        this.store = open(createStore());
    }

    @AfterEach
    void stopStores() {
        this.opened.forEach(HistoryStore::shutdown);
    }

    private HistoryStore open(HistoryStore store) {
        store.start();
        this.opened.add(store);
        return store;
    }

    /**
     * Makes a finished record.
     * @param jobId the job
     * @param outcome how it ended
     * @param scheduledAt its fire time
     * @return the record, with a new run id
     */
    protected static RunRecord record(String jobId, RunOutcome outcome, Instant scheduledAt) {
        RunRecord running = RunRecord.running(RunIds.next(), jobId, "default", "default", "task." + jobId, scheduledAt,
                1, scheduledAt.plusMillis(5), "host-1");
        return switch (outcome) {
            case SUCCESS -> running.succeeded(scheduledAt.plusMillis(20), List.of("ok", 1));
            case ERROR, TIMED_OUT -> running.failed(outcome, scheduledAt.plusMillis(20),
                    new IllegalStateException("boom in " + jobId));
            default -> running.ended(outcome, scheduledAt.plusMillis(20));
        };
    }

    /** Makes records in run id order, oldest first: run ids made in one process increase strictly. */
    private static List<RunRecord> records(String jobId, RunOutcome outcome, int count) {
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(jobId, outcome, T0.plusSeconds(i)));
        }
        return records;
    }

    @Test
    void savedRecordIsFoundWithEveryField() {
        RunRecord failed = record("job-a", RunOutcome.ERROR, T0);
        RunRecord succeeded = record("job-a", RunOutcome.SUCCESS, T0.plusSeconds(1));
        this.store.save(List.of(failed, succeeded));
        assertThat(this.store.findRun(failed.runId())).contains(failed);
        assertThat(this.store.findRun(succeeded.runId())).contains(succeeded);
        assertThat(succeeded.result()).isEqualTo("[\"ok\",1]");
        assertThat(failed.errorType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.stackTrace()).contains("boom in job-a").contains("HistoryStoreContractTests");
        assertThat(this.store.findRun(RunIds.next())).isEmpty();
    }

    @Test
    void recordWithoutOptionalFieldsRoundTrips() {
        RunRecord missed = RunRecord.running(RunIds.next(), "job-m", "store-2", "pool", "task.m", T0, 3, null, "h")
            .ended(RunOutcome.MISSED, null);
        this.store.save(List.of(missed));
        assertThat(this.store.findRun(missed.runId())).contains(missed);
    }

    @Test
    void savingTheSameRunIdAgainReplacesTheRecord() {
        RunRecord running = RunRecord.running(RunIds.next(), "job-r", "default", "default", "task", T0, 1,
                T0.plusMillis(1), "h");
        this.store.save(List.of(running));
        RunRecord ended = running.succeeded(T0.plusSeconds(2), 42);
        this.store.save(List.of(ended));
        assertThat(this.store.findRun(running.runId())).contains(ended);
        assertThat(this.store.findRuns("job-r", 0, 10).runs()).containsExactly(ended);
        assertThat(ended.duration()).contains(Duration.ofMillis(1999));
    }

    @Test
    void jobRunsAreListedNewestFirstInPages() {
        List<RunRecord> runs = records("job-p", RunOutcome.SUCCESS, 7);
        this.store.save(runs);
        this.store.save(List.of(record("other", RunOutcome.SUCCESS, T0)));
        RunPage first = this.store.findRuns("job-p", 0, 3);
        assertThat(first.runs()).extracting(RunRecord::runId)
            .containsExactly(runs.get(6).runId(), runs.get(5).runId(), runs.get(4).runId());
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.hasNext()).isTrue();
        RunPage last = this.store.findRuns("job-p", 2, 3);
        assertThat(last.runs()).extracting(RunRecord::runId).containsExactly(runs.get(0).runId());
        assertThat(last.hasNext()).isFalse();
        assertThat(this.store.findRuns("job-p", 3, 3).runs()).isEmpty();
        assertThat(this.store.findRuns("nobody", 0, 3)).satisfies((page) -> {
            assertThat(page.runs()).isEmpty();
            assertThat(page.total()).isZero();
        });
    }

    @Test
    void pageRequestsOutOfRangeAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.store.findRuns("job", -1, 10))
            .withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> this.store.findRuns("job", 0, 0))
            .withMessageContaining("size");
        assertThatIllegalArgumentException().isThrownBy(() -> this.store.findFailures(0, RunPage.MAX_SIZE + 1))
            .withMessageContaining("size");
    }

    @Test
    void failuresAcrossJobsAreListedNewestFirst() {
        RunRecord error = record("job-1", RunOutcome.ERROR, T0);
        this.store.save(List.of(record("job-1", RunOutcome.SUCCESS, T0), record("job-2", RunOutcome.MISSED, T0),
                record("job-2", RunOutcome.SKIPPED, T0)));
        RunRecord timedOut = record("job-2", RunOutcome.TIMED_OUT, T0);
        this.store.save(List.of(error, timedOut));
        RunPage failures = this.store.findFailures(0, 10);
        assertThat(failures.runs()).extracting(RunRecord::runId).containsExactly(timedOut.runId(), error.runId());
        assertThat(failures.total()).isEqualTo(2);
    }

    @Test
    void failingJobsAreThoseWhoseLastCompletedRunsAllFailed() {
        List<RunRecord> records = new ArrayList<>();
        records.addAll(records("recovered", RunOutcome.ERROR, 3));
        records.addAll(records("recovered", RunOutcome.SUCCESS, 1));
        records.addAll(records("broken", RunOutcome.SUCCESS, 1));
        records.addAll(records("broken", RunOutcome.ERROR, 2));
        records.addAll(records("broken", RunOutcome.TIMED_OUT, 1));
        records.addAll(records("broken", RunOutcome.MISSED, 1));
        records.addAll(records("once", RunOutcome.ERROR, 1));
        this.store.save(records);
        assertThat(this.store.findFailingJobs(3)).containsExactly("broken");
        assertThat(this.store.findFailingJobs(1)).containsExactly("broken", "once");
        assertThat(this.store.findFailingJobs(4)).isEmpty();
    }

    @Test
    void pruneRemovesRecordsOlderThanTheCutOff() {
        RunRecord old = record("job-o", RunOutcome.SUCCESS, T0.minus(Duration.ofDays(10)));
        RunRecord recent = record("job-o", RunOutcome.SUCCESS, T0);
        this.store.save(List.of(old, recent));
        assertThat(this.store.prune(T0.minus(Duration.ofDays(7)), 0)).isEqualTo(1);
        assertThat(this.store.findRun(old.runId())).isEmpty();
        assertThat(this.store.findRun(recent.runId())).contains(recent);
    }

    @Test
    void pruneKeepsTheNewestRunsOfEachJob() {
        List<RunRecord> first = records("job-x", RunOutcome.SUCCESS, 5);
        List<RunRecord> second = records("job-y", RunOutcome.ERROR, 2);
        this.store.save(first);
        this.store.save(second);
        assertThat(this.store.prune(null, 2)).isEqualTo(3);
        assertThat(this.store.findRuns("job-x", 0, 10).runs()).extracting(RunRecord::runId)
            .containsExactly(first.get(4).runId(), first.get(3).runId());
        assertThat(this.store.findRuns("job-y", 0, 10).total()).isEqualTo(2);
        assertThat(this.store.findRun(first.get(0).runId())).isEmpty();
        assertThat(this.store.prune(null, 0)).isZero();
    }

    @Test
    void recordsOutliveTheStoreInstance() {
        Optional<HistoryStore> reopened = reopenStore();
        if (reopened.isEmpty()) {
            assertThat(this.store.isPersistent()).isFalse();
            return;
        }
        assertThat(this.store.isPersistent()).isTrue();
        RunRecord record = record("job-k", RunOutcome.ERROR, T0);
        this.store.save(List.of(record));
        this.store.shutdown();
        HistoryStore second = open(reopened.get());
        assertThat(second.findRun(record.runId())).contains(record);
        assertThat(second.findRuns("job-k", 0, 5).runs()).containsExactly(record);
    }

    @Test
    void longTextsAreCappedAndAnUnwritableResultIsNoted() {
        String longMessage = "m".repeat(RunRecord.MAX_MESSAGE_LENGTH * 3);
        RunRecord running = RunRecord.running(RunIds.next(), "job-c", "default", "default", "task", T0, 1, T0, "h");
        RunRecord failed = running.failed(RunOutcome.ERROR, T0.plusSeconds(1), new RuntimeException(longMessage,
                deep(500)));
        RunRecord unwritable = RunRecord.running(RunIds.next(), "job-c", "default", "default", "task", T0, 1, T0, "h")
            .succeeded(T0.plusSeconds(1), new Unwritable());
        RunRecord huge = RunRecord.running(RunIds.next(), "job-c", "default", "default", "task", T0, 1, T0, "h")
            .succeeded(T0.plusSeconds(1), "x".repeat(RunRecord.MAX_RESULT_LENGTH * 2));
        assertThat(failed.errorMessage()).hasSize(RunRecord.MAX_MESSAGE_LENGTH);
        assertThat(failed.stackTrace()).hasSizeLessThanOrEqualTo(RunRecord.MAX_STACK_TRACE_LENGTH)
            .startsWith("java.lang.RuntimeException: mmm");
        assertThat(unwritable.result()).isNull();
        assertThat(unwritable.resultNote()).contains(Unwritable.class.getName())
            .contains("could not be written as JSON");
        assertThat(huge.result()).isNull();
        assertThat(huge.resultNote()).contains("exceeds " + RunRecord.MAX_RESULT_LENGTH);
        this.store.save(List.of(failed, unwritable, huge));
        assertThat(this.store.findRun(failed.runId())).contains(failed);
        assertThat(this.store.findRun(unwritable.runId())).contains(unwritable);
        assertThat(this.store.findRun(huge.runId())).contains(huge);
    }

    /** A value whose only property cannot be read. */
    public static final class Unwritable {

        /**
         * Fails.
         * @return nothing
         */
        public String getValue() {
            throw new IllegalStateException("not readable");
        }

    }

    private static Throwable deep(int depth) {
        return (depth == 0) ? new IllegalStateException("root") : new RuntimeException("level " + depth,
                deep(depth - 1));
    }

}
