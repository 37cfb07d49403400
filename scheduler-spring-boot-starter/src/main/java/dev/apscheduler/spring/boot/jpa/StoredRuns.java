package dev.apscheduler.spring.boot.jpa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The history store's queries, each run inside the store's transaction. Pages are cut by the JPA provider
 * ({@code setFirstResult}/{@code setMaxResults}), so the database's own paging syntax is used; newest first is
 * highest run id first.
 */
final class StoredRuns {

    private static final String TABLE = RunRows.TABLE;

    /** The outcomes that are failures, as SQL literals. */
    private static final String FAILURES = literals(RunOutcome::isFailure);

    /** The outcomes of runs that executed the task and are over, as SQL literals. */
    private static final String COMPLETED = literals(RunOutcome::isCompletedRun);

    /**
     * Ranks each job's completed runs, newest first, and keeps the jobs whose newest {@code runs} are all failures.
     */
    private static final String FAILING_JOBS = "SELECT job_id FROM (SELECT job_id, outcome, "
            + "ROW_NUMBER() OVER (PARTITION BY job_id ORDER BY run_id DESC) AS run_rank FROM " + TABLE
            + " WHERE outcome IN (" + COMPLETED + ")) completed WHERE run_rank <= ? GROUP BY job_id "
            + "HAVING COUNT(*) = ? AND SUM(CASE WHEN outcome IN (" + FAILURES + ") THEN 1 ELSE 0 END) = ?";

    private StoredRuns() {
    }

    static Optional<RunRecord> find(EntityManager entityManager, String runId) {
        List<Object[]> rows = rows(entityManager.createNativeQuery(RunRows.SELECT + " WHERE run_id = ?")
            .setParameter(1, runId));
        return rows.stream().findFirst().map(RunRows::record);
    }

    static RunPage jobRuns(EntityManager entityManager, String jobId, int page, int size) {
        long total = count(entityManager.createNativeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE job_id = ?")
            .setParameter(1, jobId));
        return page(entityManager.createNativeQuery(RunRows.SELECT + " WHERE job_id = ? ORDER BY run_id DESC")
            .setParameter(1, jobId), page, size, total);
    }

    static RunPage failures(EntityManager entityManager, int page, int size) {
        String where = " WHERE outcome IN (" + FAILURES + ")";
        long total = count(entityManager.createNativeQuery("SELECT COUNT(*) FROM " + TABLE + where));
        return page(entityManager.createNativeQuery(RunRows.SELECT + where + " ORDER BY run_id DESC"), page, size,
                total);
    }

    /**
     * Returns the jobs whose newest {@code runs} completed runs all failed, sorted here so that the order never
     * depends on the database's collation.
     */
    static List<String> failingJobs(EntityManager entityManager, int runs) {
        @SuppressWarnings("unchecked")
        List<Object> found = entityManager.createNativeQuery(FAILING_JOBS)
            .setParameter(1, runs)
            .setParameter(2, runs)
            .setParameter(3, runs)
            .getResultList();
        List<String> jobs = new ArrayList<>(found.size());
        found.forEach((jobId) -> jobs.add(JobRows.text(jobId)));
        jobs.sort(null);
        return jobs;
    }

    private static RunPage page(Query query, int page, int size, long total) {
        long first = (long) page * size;
        if (first >= total) {
            return new RunPage(List.of(), page, size, total);
        }
        List<RunRecord> runs = rows(query.setFirstResult((int) first).setMaxResults(size)).stream()
            .map(RunRows::record)
            .toList();
        return new RunPage(runs, page, size, total);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }

    private static long count(Query query) {
        return JobRows.number(query.getSingleResult());
    }

    private static String literals(Predicate<RunOutcome> filter) {
        return Arrays.stream(RunOutcome.values())
            .filter(filter)
            .map((outcome) -> "'" + outcome.name() + "'")
            .collect(Collectors.joining(", "));
    }

}
