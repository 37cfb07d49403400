package dev.apscheduler.spring.boot.jpa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jspecify.annotations.Nullable;

/**
 * The store's JPQL work on {@link ApschedulerJobEntity}, each method run inside the store's transaction: lookups that
 * restore rows (marking and reporting those that cannot be), replacement, locked modification and removal.
 */
final class StoredJobs {

    private static final String ENTITY = ApschedulerJobEntity.ENTITY_NAME;

    private static final Comparator<Job> ORDER = Comparator
        .comparing((Job job) -> job.nextRunTime().map((time) -> time.toInstant()).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Job::id);

    private StoredJobs() {
    }

    static Optional<Job> lookup(EntityManager entityManager, JobRows rows, String id) {
        List<Object[]> found = entityManager
            .createQuery("SELECT e.id, e.jobState FROM " + ENTITY + " e WHERE e.id = :id AND e.restoreError IS NULL",
                    Object[].class)
            .setParameter("id", id)
            .getResultList();
        return restore(entityManager, rows, found).stream().findFirst();
    }

    /**
     * Returns the jobs that can be restored, ordered as the store contract asks: by next run time, ties by id, paused
     * jobs last (sorted here, so that the order never depends on the database's collation).
     */
    static List<Job> all(EntityManager entityManager, JobRows rows) {
        List<Job> jobs = restore(entityManager, rows, entityManager
            .createQuery("SELECT e.id, e.jobState FROM " + ENTITY + " e WHERE e.restoreError IS NULL", Object[].class)
            .getResultList());
        jobs.sort(ORDER);
        return jobs;
    }

    private static List<Job> restore(EntityManager entityManager, JobRows rows, List<Object[]> found) {
        List<Job> jobs = new ArrayList<>(found.size());
        for (Object[] row : found) {
            String id = (String) row[0];
            try {
                jobs.add(rows.decode(id, JobRows.text(row[1])));
            }
            catch (JobRestoreException ex) {
                UnrestorableRows.mark(entityManager, id, ex);
                rows.report(ex);
            }
        }
        return jobs;
    }

    /**
     * Counts the rows without reading any job: all rows and those without a next run time, each answered from the
     * index on {@code (next_run_time, id)} or the primary key, and the rows marked as unrestorable (few, and found
     * through the partial index on {@code restore_error} where the schema has it). Restorable jobs are the rows less
     * the marked ones. The counts are taken one after the other, so a change committed between them may show; they
     * never go below zero.
     */
    static JobCounts count(EntityManager entityManager) {
        long all = entityManager.createQuery("SELECT COUNT(e) FROM " + ENTITY + " e", Long.class).getSingleResult();
        long withoutNextRunTime = entityManager
            .createQuery("SELECT COUNT(e) FROM " + ENTITY + " e WHERE e.nextRunTime IS NULL", Long.class)
            .getSingleResult();
        Object[] marked = entityManager
            .createQuery("SELECT COUNT(e), SUM(CASE WHEN e.nextRunTime IS NULL THEN 1 ELSE 0 END) FROM " + ENTITY
                    + " e WHERE e.restoreError IS NOT NULL", Object[].class)
            .getSingleResult();
        long unrestorable = number(marked[0]);
        long paused = Math.max(0, withoutNextRunTime - number(marked[1]));
        return new JobCounts(Math.max(0, all - unrestorable), paused, unrestorable);
    }

    // SUM over no rows is NULL; its type (Long, Integer, BigDecimal) depends on the database and its dialect
    private static long number(@Nullable Object value) {
        return (value != null) ? ((Number) value).longValue() : 0;
    }

    static @Nullable Long nextRunTime(EntityManager entityManager) {
        return entityManager
            .createQuery("SELECT MIN(e.nextRunTime) FROM " + ENTITY + " e WHERE e.restoreError IS NULL", Long.class)
            .getSingleResult();
    }

    static int replace(EntityManager entityManager, String id, @Nullable Long nextRunTime, String state) {
        return entityManager
            .createQuery("UPDATE " + ENTITY + " e SET e.nextRunTime = :next, e.jobState = :state, "
                    + "e.restoreError = NULL, e.version = e.version + 1 WHERE e.id = :id")
            .setParameter("next", nextRunTime)
            .setParameter("state", state)
            .setParameter("id", id)
            .executeUpdate();
    }

    /**
     * Reads a job with a row lock, applies the modification and stores the result. A failure is returned, not
     * thrown, so that it does not mark a transaction the caller may have opened as rollback-only; nothing is changed
     * then.
     */
    static Modification modify(EntityManager entityManager, JobRows rows, String id, UnaryOperator<Job> modification) {
        ApschedulerJobEntity entity = entityManager.find(ApschedulerJobEntity.class, id,
                LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            return new Modification(null, new JobLookupException(id, rows.alias()));
        }
        Job stored = rows.decode(id, entity.getJobState());
        try {
            Job modified = modification.apply(stored);
            if (!modified.id().equals(id)) {
                throw new IllegalArgumentException("a modification must keep the job's id '" + id + "', was '"
                        + modified.id() + "'");
            }
            JobCodec.requirePersistable(modified, rows.alias());
            entity.store(JobRows.nextRunTime(modified), rows.encode(modified));
            return new Modification(modified, null);
        }
        catch (RuntimeException ex) {
            return new Modification(null, ex);
        }
    }

    static int remove(EntityManager entityManager, String id) {
        return entityManager.createQuery("DELETE FROM " + ENTITY + " e WHERE e.id = :id")
            .setParameter("id", id)
            .executeUpdate();
    }

    static void removeAll(EntityManager entityManager) {
        entityManager.createQuery("DELETE FROM " + ENTITY + " e").executeUpdate();
    }

    /**
     * The outcome of a modification: the modified job, or why there is none.
     *
     * @param job the job as stored after the change
     * @param failure why nothing was changed
     */
    record Modification(@Nullable Job job, @Nullable RuntimeException failure) {
    }

}
