package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobDecision;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.jspecify.annotations.Nullable;

/**
 * The acquire step, inside one transaction: select the due rows with row locks (skipping rows another instance holds
 * where the database can), restore and decide each, then apply every decision with one set-based {@code UPDATE} and
 * one {@code DELETE}. Rows that cannot be restored are marked, reported and left alone.
 */
final class DueJobAcquirer {

    private static final String TABLE = ApschedulerJobEntity.TABLE_NAME;

    private final String selectDue;

    private final @Nullable ReentrantLock exclusive;

    DueJobAcquirer(RowLocking locking) {
        // without SKIP LOCKED, acquire steps of this instance would only wait for (or deadlock with) each other
        this.exclusive = (locking == RowLocking.WAIT) ? new ReentrantLock() : null;
        this.selectDue = "SELECT id, job_state FROM " + TABLE
                + " WHERE next_run_time <= ? AND restore_error IS NULL ORDER BY next_run_time, id LIMIT ?"
                + locking.clause();
    }

    /**
     * Returns the statement that selects and locks the due rows: its parameters are the time (epoch microseconds)
     * and the batch limit. The index on {@code (next_run_time, id)} serves both its condition and its order.
     */
    String selectDue() {
        return this.selectDue;
    }

    /**
     * Runs an acquire step, one at a time in this instance where rows are locked by waiting.
     */
    <T> T exclusively(Supplier<T> step) {
        ReentrantLock exclusive = this.exclusive;
        if (exclusive == null) {
            return step.get();
        }
        exclusive.lock();
        try {
            return step.get();
        }
        finally {
            exclusive.unlock();
        }
    }

    /**
     * Claims the due jobs and finds the next run time in the same transaction, which spares the scheduler's loop a
     * second transaction per pass.
     */
    Acquisition acquire(EntityManager entityManager, JobRows rows, Instant now, int limit, DueJobDecider decider) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = entityManager.createNativeQuery(this.selectDue)
            .setParameter(1, JobRows.floorMicros(now))
            .setParameter(2, limit)
            .getResultList();
        List<AcquiredJob> acquired = new ArrayList<>(due.size());
        List<String> removed = new ArrayList<>();
        List<Rescheduled> rescheduled = new ArrayList<>();
        for (Object[] row : due) {
            String id = (String) row[0];
            Job job;
            try {
                job = rows.decode(id, JobRows.text(row[1]));
            }
            catch (JobRestoreException ex) {
                UnrestorableRows.mark(entityManager, id, ex);
                rows.report(ex);
                continue;
            }
            if (job.dueTime().map((next) -> next.toInstant().isAfter(now)).orElse(true)) {
                // not due after all: another instance moved it on while this one waited for its lock
                continue;
            }
            JobDecision decision = decider.decide(job);
            Optional<Job> next = decision.applyTo(job);
            if (next.isPresent()) {
                rescheduled.add(new Rescheduled(id, JobRows.nextRunTime(next.get()), rows.encode(next.get())));
            }
            else {
                removed.add(id);
            }
            acquired.add(new AcquiredJob(job, decision));
        }
        delete(entityManager, removed);
        update(entityManager, rescheduled);
        Long next = (Long) entityManager.createNativeQuery("SELECT MIN(next_run_time) FROM " + TABLE
                + " WHERE restore_error IS NULL", Long.class).getSingleResult();
        return new Acquisition(acquired, (next != null) ? JobRows.instant(next) : null);
    }

    private static void delete(EntityManager entityManager, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Query delete = entityManager.createNativeQuery("DELETE FROM " + TABLE + " WHERE id IN "
                + SqlPlaceholders.list(ids.size()));
        for (int i = 0; i < ids.size(); i++) {
            delete.setParameter(i + 1, ids.get(i));
        }
        delete.executeUpdate();
    }

    /**
     * Moves every rescheduled row with one statement: {@code CASE} on the id picks each row's values.
     */
    private static void update(EntityManager entityManager, List<Rescheduled> rescheduled) {
        if (rescheduled.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(TABLE).append(" SET next_run_time = CASE id");
        rescheduled.forEach((row) -> sql.append((row.nextRunTime() != null) ? " WHEN ? THEN ?" : " WHEN ? THEN NULL"));
        sql.append(" ELSE next_run_time END, job_state = CASE id");
        rescheduled.forEach((row) -> sql.append(" WHEN ? THEN ?"));
        sql.append(" ELSE job_state END, version = version + 1 WHERE id IN ")
            .append(SqlPlaceholders.list(rescheduled.size()));
        Query update = entityManager.createNativeQuery(sql.toString());
        int position = 1;
        for (Rescheduled row : rescheduled) {
            update.setParameter(position++, row.id());
            if (row.nextRunTime() != null) {
                update.setParameter(position++, row.nextRunTime());
            }
        }
        for (Rescheduled row : rescheduled) {
            update.setParameter(position++, row.id());
            update.setParameter(position++, row.state());
        }
        for (Rescheduled row : rescheduled) {
            update.setParameter(position++, row.id());
        }
        update.executeUpdate();
    }

    private record Rescheduled(String id, @Nullable Long nextRunTime, String state) {
    }

    /**
     * What an acquire step claimed, and the next run time it saw afterwards.
     *
     * @param jobs the claimed jobs
     * @param nextRunTime the earliest next run time left, or {@code null} when no job is scheduled
     */
    record Acquisition(List<AcquiredJob> jobs, @Nullable Instant nextRunTime) {
    }

}
