package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.HistoryStoreContractTests;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The core's history store contract for the JPA history on one database, a second application instance on the same
 * database standing for the application after a restart, and what the contract leaves to the store: several
 * instances writing at once, batched statements and prunes, texts made to fit their columns.
 */
abstract class JpaHistoryStoreContractTestSupport extends HistoryStoreContractTests {

    /**
     * Returns the database the tests run on.
     */
    abstract TestDatabase database();

    /**
     * Returns how the store writes on that database, as it detects it.
     */
    abstract RunUpserts detectedUpserts();

    /**
     * Returns how the stores under test write: as detected, unless a test class picks another way.
     */
    RunUpserts upserts() {
        return detectedUpserts();
    }

    private ConfigurableApplicationContext application() {
        return StoreApplications.shared(database(), 1);
    }

    private JpaHistoryStore store(ConfigurableApplicationContext application, int pruneBatchSize) {
        RunUpserts upserts = upserts();
        return new JpaHistoryStore(application.getBean(EntityManagerFactory.class), () -> upserts, pruneBatchSize);
    }

    @Override
    protected HistoryStore createStore() {
        StoreApplications.jdbc(application()).update("DELETE FROM apscheduler_runs");
        return store(application(), JpaHistoryStore.DEFAULT_PRUNE_BATCH_SIZE);
    }

    @Override
    protected Optional<HistoryStore> reopenStore() {
        return Optional.of(store(StoreApplications.shared(database(), 2), JpaHistoryStore.DEFAULT_PRUNE_BATCH_SIZE));
    }

    /**
     * Returns a store on the tests' database that prunes in batches of {@code batchSize} rows.
     */
    private JpaHistoryStore storeWithPruneBatches(int batchSize) {
        return store(application(), batchSize);
    }

    /**
     * Makes the {@code n}th of a sequence of run ids: version 7 UUIDs one millisecond apart, in order.
     */
    private static String runId(long n) {
        long millis = T0.toEpochMilli() + n;
        return new UUID((millis << 16) | 0x7000L, 0x8000_0000_0000_0000L | n).toString();
    }

    private static RunRecord running(long n, String jobId, Instant scheduledAt) {
        return RunRecord.running(runId(n), jobId, "default", "default", "task." + jobId, scheduledAt, 1,
                scheduledAt.plusMillis(1), "host-1");
    }

    private static List<String> runIds(RunPage page) {
        return page.runs().stream().map(RunRecord::runId).toList();
    }

    @Test
    void typeIsJpa() {
        assertThat(this.store.type()).isEqualTo("jpa");
    }

    @Test
    void writesWithTheStatementOfItsDatabase() {
        assertThat(RunUpserts.detect(application().getBean(DataSource.class))).isEqualTo(detectedUpserts());
        JpaHistoryStore detecting = StoreApplications.historyStore(application());
        RunRecord record = running(1, "job-s", T0);
        detecting.save(List.of(record));
        detecting.save(List.of(record.ended(RunOutcome.SKIPPED, T0)));
        assertThat(detecting.findRuns("job-s", 0, 10).runs()).containsExactly(record.ended(RunOutcome.SKIPPED, T0));
    }

    @Test
    void savesMoreRecordsThanOneStatementHoldsInOneCall() {
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < RunUpserts.ROWS_PER_STATEMENT * 2 + 50; i++) {
            RunRecord record = running(i, "job-" + (i % 3), T0.plusSeconds(i));
            records.add((i % 2 == 0) ? record.succeeded(T0.plusSeconds(i + 1), i) : record);
        }
        this.store.save(records);
        assertThat(this.store.findRuns("job-0", 0, 1000).total()
                + this.store.findRuns("job-1", 0, 1000).total() + this.store.findRuns("job-2", 0, 1000).total())
            .isEqualTo(records.size());
        assertThat(this.store.findRun(records.get(248).runId())).contains(records.get(248));
        assertThat(this.store.findRun(records.get(249).runId())).contains(records.get(249));
    }

    @Test
    void ofTwoRecordsWithTheSameRunIdInOneSaveTheLastIsKept() {
        RunRecord running = running(1, "job-d", T0);
        RunRecord ended = running.ended(RunOutcome.CANCELLED, T0.plusSeconds(1));
        this.store.save(List.of(running, ended));
        assertThat(this.store.findRuns("job-d", 0, 10).runs()).containsExactly(ended);
    }

    @Test
    void instancesSavingTheirOwnRunsAtOnceLoseNone() throws Exception {
        HistoryStore other = reopenStore().orElseThrow();
        List<RunRecord> old = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            old.add(running(i, "old", T0.minus(Duration.ofDays(30))).ended(RunOutcome.SUCCESS, T0));
        }
        this.store.save(old);
        int instances = 4;
        int batches = 20;
        int perBatch = 10;
        List<Callable<List<RunRecord>>> writers = new ArrayList<>();
        for (int instance = 0; instance < instances; instance++) {
            HistoryStore store = (instance % 2 == 0) ? this.store : other;
            long first = 1000 + instance * 100_000L;
            String jobId = "job-" + instance;
            writers.add(() -> {
                List<RunRecord> ended = new ArrayList<>();
                List<RunRecord> previous = List.of();
                for (int batch = 0; batch < batches; batch++) {
                    List<RunRecord> records = new ArrayList<>();
                    previous.forEach((record) -> records.add(record.failed(RunOutcome.ERROR, T0.plusSeconds(1),
                            new IllegalStateException("boom"))));
                    ended.addAll(records);
                    List<RunRecord> started = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        started.add(running(first + (long) batch * perBatch + i, jobId, T0));
                    }
                    records.addAll(started);
                    store.save(records);
                    previous = started;
                }
                ended.addAll(previous);
                store.save(previous);
                return ended;
            });
        }
        writers.add(() -> {
            this.store.prune(T0.minus(Duration.ofDays(7)), 0);
            return List.of();
        });
        ExecutorService executor = Executors.newFixedThreadPool(writers.size());
        List<RunRecord> expected = new ArrayList<>();
        try {
            for (Future<List<RunRecord>> written : executor.invokeAll(writers, 2, TimeUnit.MINUTES)) {
                expected.addAll(written.get());
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(expected).hasSize(instances * batches * perBatch);
        for (int instance = 0; instance < instances; instance++) {
            assertThat(this.store.findRuns("job-" + instance, 0, 1000).total()).isEqualTo(batches * perBatch);
        }
        for (RunRecord record : expected) {
            assertThat(other.findRun(record.runId())).contains(record);
        }
        assertThat(this.store.findRuns("old", 0, 10).total()).isZero();
        assertThat(this.store.findFailingJobs(batches * perBatch - perBatch)).containsExactly("job-0", "job-1",
                "job-2", "job-3");
    }

    @Test
    void pruneByAgeDeletesInBatches() {
        JpaHistoryStore store = storeWithPruneBatches(7);
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(running(i, "job-" + (i % 4), T0.minus(Duration.ofDays(8)).plusSeconds(i)));
        }
        RunRecord recent = running(100, "job-0", T0);
        records.add(recent);
        store.save(records);
        assertThat(store.prune(T0.minus(Duration.ofDays(7)), 0)).isEqualTo(30);
        assertThat(runIds(store.findRuns("job-0", 0, 100))).containsExactly(recent.runId());
    }

    @Test
    void pruneByCountKeepsTheNewestOfEveryJobWhetherItHasFewOrManyRecordsTooMany() {
        JpaHistoryStore store = storeWithPruneBatches(7);
        List<RunRecord> records = new ArrayList<>();
        long n = 0;
        for (int i = 0; i < 40; i++) {
            records.add(running(n++, "big", T0));
        }
        for (int job = 0; job < 20; job++) {
            for (int i = 0; i < 5; i++) {
                records.add(running(n++, "small-" + job, T0));
            }
        }
        records.add(running(n++, "tiny", T0));
        store.save(records);
        assertThat(store.prune(null, 3)).isEqualTo(37 + 20 * 2);
        assertThat(runIds(store.findRuns("big", 0, 100))).containsExactly(runId(39), runId(38), runId(37));
        for (int job = 0; job < 20; job++) {
            long last = 40 + job * 5L + 4;
            assertThat(runIds(store.findRuns("small-" + job, 0, 100))).as("small-" + job)
                .containsExactly(runId(last), runId(last - 1), runId(last - 2));
        }
        assertThat(store.findRuns("tiny", 0, 100).total()).isEqualTo(1);
        assertThat(store.prune(null, 3)).isZero();
    }

    @Test
    void pruneByAgeAndCountCountsOnlyTheRecordsYoungEnough() {
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(running(i, "job", T0.minus(Duration.ofDays(10))));
        }
        for (int i = 4; i < 7; i++) {
            records.add(running(i, "job", T0));
        }
        this.store.save(records);
        assertThat(this.store.prune(T0.minus(Duration.ofDays(7)), 2)).isEqualTo(5);
        assertThat(runIds(this.store.findRuns("job", 0, 10))).containsExactly(runId(6), runId(5));
    }

    @Test
    void textsAreMadeToFitTheirColumns() {
        String emoji = "\uD83D\uDE00";
        RunRecord odd = RunRecord.running(runId(1), "job-t", "store-" + "s".repeat(300), "default",
                "t".repeat(498) + emoji + "tail", T0, 1, T0, "host\u0000name")
            .failed(RunOutcome.ERROR, T0.plusSeconds(1), new IllegalStateException("nul \u0000 inside"));
        this.store.save(List.of(odd));
        RunRecord found = this.store.findRun(odd.runId()).orElseThrow();
        assertThat(found.jobstore()).hasSize(RunRows.NAME_LENGTH).startsWith("store-sss").endsWith("\u2026");
        assertThat(found.task()).isEqualTo("t".repeat(498) + "\u2026");
        assertThat(found.instance()).isEqualTo("host\uFFFDname");
        assertThat(found.errorMessage()).isEqualTo("nul \uFFFD inside");
        assertThat(found.stackTrace()).startsWith("java.lang.IllegalStateException: nul \uFFFD inside");
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        Instant scheduled = T0.plusNanos(123_456_789);
        RunRecord record = RunRecord.running(runId(1), "job-n", "default", "default", "task", scheduled, 2,
                scheduled.plusNanos(1_999), "h").ended(RunOutcome.SUCCESS, scheduled.plusMillis(3).plusNanos(1));
        this.store.save(List.of(record));
        RunRecord found = this.store.findRun(record.runId()).orElseThrow();
        assertThat(found.scheduledAt()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(found.startedAt()).isEqualTo(T0.plusNanos(123_458_000));
        assertThat(found.finishedAt()).isEqualTo(T0.plusNanos(126_456_000));
        assertThat(found.attempt()).isEqualTo(2);
    }

}
