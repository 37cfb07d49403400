package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps run records in the application's database through its JPA setup: the {@code jpa} history
 * ({@code apscheduler.history.type=jpa}), in the {@code apscheduler_runs} table, one row per run id. Records outlive
 * restarts and can be shared by several scheduler instances, each writing its own runs.
 *
 * <p>{@link #save} writes a batch in one transaction, with multi-row upserts ({@code MERGE} on H2,
 * {@code ON CONFLICT} on PostgreSQL, {@code ON DUPLICATE KEY UPDATE} on MySQL and MariaDB, delete and insert
 * elsewhere). Times are kept to the microsecond, texts cut to their columns. {@link #prune} deletes in transactions
 * of at most {@value #DEFAULT_PRUNE_BATCH_SIZE} rows. The store uses native SQL on the entity manager and no entity,
 * so the application's persistence unit (and Hibernate's schema validation) does not need the table unless this
 * store is used. Database failures surface as {@link SchedulerException}s naming the operation, which the scheduler
 * reports and retries.
 */
public final class JpaHistoryStore implements HistoryStore {

    /** This store's type name. */
    public static final String TYPE = "jpa";

    /** The table's name. */
    public static final String TABLE_NAME = RunRows.TABLE;

    /** The most rows one transaction of {@link #prune} deletes. */
    public static final int DEFAULT_PRUNE_BATCH_SIZE = 1000;

    private final StoreTransactions transactions;

    private final Supplier<RunUpserts> upserts;

    private final RunPruning pruning;

    /**
     * Creates a store.
     * @param entityManagerFactory the application's entity manager factory
     * @param dataSource the data source behind it, whose metadata tells which database the table is in (read once,
     * when the first records are saved)
     */
    public JpaHistoryStore(EntityManagerFactory entityManagerFactory, DataSource dataSource) {
        this(entityManagerFactory, null, dataSource);
    }

    /**
     * Creates a store that runs its work through a given transaction manager, as the scheduler's own database
     * ({@link ApschedulerDataSource}) is given its own ({@link ApschedulerTransactionManager}).
     * @param entityManagerFactory the entity manager factory on the database the table is in
     * @param transactionManager the transaction manager of that factory, or {@code null} for a
     * {@code JpaTransactionManager} of the store's own
     * @param dataSource the data source behind the factory, whose metadata tells which database the table is in
     * (read once, when the first records are saved)
     */
    public JpaHistoryStore(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, DataSource dataSource) {
        this(entityManagerFactory, transactionManager,
                () -> RunUpserts.detect(Objects.requireNonNull(dataSource, "dataSource")), DEFAULT_PRUNE_BATCH_SIZE);
    }

    JpaHistoryStore(EntityManagerFactory entityManagerFactory, Supplier<RunUpserts> upserts, int pruneBatchSize) {
        this(entityManagerFactory, null, upserts, pruneBatchSize);
    }

    JpaHistoryStore(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<RunUpserts> upserts,
            int pruneBatchSize) {
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.transactions = new StoreTransactions(entityManagerFactory, transactionManager, this::toString,
                SchedulerException::new);
        this.upserts = SingletonSupplier.of(upserts);
        this.pruning = new RunPruning(this.transactions, pruneBatchSize);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    /**
     * Saves records in one transaction; of several records with the same run id, the last one is kept.
     */
    @Override
    public void save(List<RunRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, RunRecord> byRunId = new LinkedHashMap<>();
        records.forEach((record) -> byRunId.put(record.runId(), record));
        List<RunRecord> distinct = new ArrayList<>(byRunId.values());
        RunUpserts upserts = this.upserts.get();
        this.transactions.call("save " + distinct.size() + " run record(s)",
                (entityManager) -> upserts.save(entityManager, distinct));
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        return this.transactions.call("find run '" + runId + "'",
                (entityManager) -> StoredRuns.find(entityManager, runId));
    }

    @Override
    public RunPage findRuns(String jobId, int page, int size) {
        RunPage.check(page, size);
        return this.transactions.call("list the runs of job '" + jobId + "'",
                (entityManager) -> StoredRuns.jobRuns(entityManager, jobId, page, size));
    }

    @Override
    public RunPage findFailures(int page, int size) {
        RunPage.check(page, size);
        return this.transactions.call("list failed runs",
                (entityManager) -> StoredRuns.failures(entityManager, page, size));
    }

    @Override
    public List<String> findFailingJobs(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, was " + runs);
        }
        return this.transactions.call("find failing jobs",
                (entityManager) -> StoredRuns.failingJobs(entityManager, runs));
    }

    @Override
    public long prune(@Nullable Instant olderThan, int maxRunsPerJob) {
        return this.pruning.prune(olderThan, maxRunsPerJob);
    }

    @Override
    public String toString() {
        return "JpaHistoryStore[" + TABLE_NAME + "]";
    }

}
