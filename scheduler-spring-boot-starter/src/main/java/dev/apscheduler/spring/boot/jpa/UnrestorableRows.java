package dev.apscheduler.spring.boot.jpa;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.store.UnrestorableJob;
import jakarta.persistence.EntityManager;

/**
 * Rows whose state cannot be restored: marked with the reason in the {@code restore_error} column, which every query
 * of the scheduler skips, so that such a row is reported once when found rather than on every pass, and shown to
 * operators. A row is unmarked when it is replaced, and checked again each time a store starts, so a row that a newer
 * version of the application can restore is picked up again.
 */
final class UnrestorableRows {

    private static final String ENTITY = ApschedulerJobEntity.ENTITY_NAME;

    private UnrestorableRows() {
    }

    static void mark(EntityManager entityManager, String id, JobRestoreException failure) {
        String error = String.valueOf(failure.getMessage());
        if (error.length() > ApschedulerJobEntity.MAX_ERROR_LENGTH) {
            error = error.substring(0, ApschedulerJobEntity.MAX_ERROR_LENGTH - 3) + "...";
        }
        entityManager.createQuery("UPDATE " + ENTITY + " e SET e.restoreError = :error WHERE e.id = :id")
            .setParameter("error", error)
            .setParameter("id", id)
            .executeUpdate();
    }

    static List<UnrestorableJob> list(EntityManager entityManager) {
        List<Object[]> rows = entityManager
            .createQuery("SELECT e.id, e.nextRunTime, e.restoreError FROM " + ENTITY
                    + " e WHERE e.restoreError IS NOT NULL ORDER BY e.id", Object[].class)
            .getResultList();
        List<UnrestorableJob> jobs = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Long next = (Long) row[1];
            jobs.add(new UnrestorableJob((String) row[0], (next != null) ? JobRows.instant(next) : null,
                    (String) row[2]));
        }
        return jobs;
    }

    /**
     * Checks the marked rows again: unmarks those that can be restored now and reports the others.
     * @return how many rows are still unrestorable
     */
    static int recheck(EntityManager entityManager, JobRows jobRows) {
        List<Object[]> rows = entityManager
            .createQuery("SELECT e.id, e.jobState FROM " + ENTITY + " e WHERE e.restoreError IS NOT NULL",
                    Object[].class)
            .getResultList();
        int unrestorable = 0;
        for (Object[] row : rows) {
            String id = (String) row[0];
            try {
                jobRows.decode(id, (String) row[1]);
                entityManager.createQuery("UPDATE " + ENTITY + " e SET e.restoreError = NULL WHERE e.id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            }
            catch (JobRestoreException ex) {
                jobRows.report(ex);
                unrestorable++;
            }
        }
        return unrestorable;
    }

}
