package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.jspecify.annotations.Nullable;

/**
 * The history store's prune, in transactions of at most {@code batchSize} deleted rows each, so that pruning a huge
 * table never makes one huge transaction: first records older than the cut-off (found through the
 * {@code scheduled_at} index), then, per job, all but the newest {@code maxRunsPerJob}. For the latter one query with
 * window functions finds each job's newest record to go and how many records the job has; the jobs' older records
 * are then deleted as ranges of the {@code (job_id, run_id)} index, several jobs in one statement when they have few
 * records to lose, one batch after another for a job with many.
 */
final class RunPruning {

    /** The most jobs whose ranges one statement deletes. */
    static final int MAX_JOBS_PER_STATEMENT = 100;

    private static final String TABLE = RunRows.TABLE;

    private static final String CUTS = "SELECT job_id, run_id, runs FROM (SELECT job_id, run_id, "
            + "ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY run_id DESC) AS run_rank, "
            + "COUNT(*) OVER (PARTITION BY job_id) AS runs FROM " + TABLE + ") ranked WHERE run_rank = ?";

    private final StoreTransactions transactions;

    private final int batchSize;

    RunPruning(StoreTransactions transactions, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    long prune(@Nullable Instant olderThan, int maxRunsPerJob) {
        if (maxRunsPerJob < 0) {
            throw new IllegalArgumentException("maxRunsPerJob must be >= 0, was " + maxRunsPerJob);
        }
        long removed = 0;
        if (olderThan != null) {
            removed += olderThan(JobRows.floorMicros(olderThan));
        }
        if (maxRunsPerJob > 0) {
            removed += beyond(maxRunsPerJob);
        }
        return removed;
    }

    private long olderThan(long micros) {
        return inBatches("prune run records scheduled before " + JobRows.instant(micros),
                (entityManager) -> entityManager
                    .createNativeQuery("SELECT run_id FROM " + TABLE + " WHERE scheduled_at < ?", String.class)
                    .setParameter(1, micros));
    }

    private long beyond(int maxRunsPerJob) {
        String operation = "prune run records beyond the newest " + maxRunsPerJob + " of each job";
        List<Cut> cuts = this.transactions.call(operation, (entityManager) -> cuts(entityManager, maxRunsPerJob));
        long removed = 0;
        List<Cut> group = new ArrayList<>();
        long groupRows = 0;
        for (Cut cut : cuts) {
            if (cut.excess() > this.batchSize) {
                removed += inBatches(operation, (entityManager) -> entityManager
                    .createNativeQuery("SELECT run_id FROM " + TABLE + " WHERE job_id = ? AND run_id <= ?",
                            String.class)
                    .setParameter(1, cut.jobId())
                    .setParameter(2, cut.runId()));
                continue;
            }
            if (groupRows + cut.excess() > this.batchSize || group.size() == MAX_JOBS_PER_STATEMENT) {
                removed += deleteRanges(operation, group);
                group = new ArrayList<>();
                groupRows = 0;
            }
            group.add(cut);
            groupRows += cut.excess();
        }
        return removed + deleteRanges(operation, group);
    }

    private static List<Cut> cuts(EntityManager entityManager, int maxRunsPerJob) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CUTS)
            .setParameter(1, (long) maxRunsPerJob + 1)
            .getResultList();
        List<Cut> cuts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            cuts.add(new Cut(JobRows.text(row[0]), JobRows.text(row[1]), JobRows.number(row[2]) - maxRunsPerJob));
        }
        return cuts;
    }

    private long deleteRanges(String operation, List<Cut> group) {
        if (group.isEmpty()) {
            return 0;
        }
        return this.transactions.call(operation, (entityManager) -> RunDeletes.upTo(entityManager, group));
    }

    /**
     * Deletes the rows a query finds, a batch per transaction, until it finds fewer than a batch (or another
     * instance deleted a batch first).
     */
    private long inBatches(String operation, Function<EntityManager, Query> runIds) {
        long removed = 0;
        while (true) {
            Batch batch = this.transactions.call(operation, (entityManager) -> {
                @SuppressWarnings("unchecked")
                List<String> ids = runIds.apply(entityManager).setMaxResults(this.batchSize).getResultList();
                return new Batch(ids.size(), RunDeletes.byRunIds(entityManager, ids));
            });
            removed += batch.deleted();
            if (batch.found() < this.batchSize || batch.deleted() == 0) {
                return removed;
            }
        }
    }

    private record Batch(int found, int deleted) {
    }

    /**
     * A job's newest record to go, and how many of its records go.
     *
     * @param jobId the job
     * @param runId its newest record beyond the ones kept
     * @param excess how many records it has beyond the ones kept
     */
    record Cut(String jobId, String runId, long excess) {
    }

}
