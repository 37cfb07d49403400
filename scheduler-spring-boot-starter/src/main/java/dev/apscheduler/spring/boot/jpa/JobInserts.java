package dev.apscheduler.spring.boot.jpa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;

/**
 * The store's bulk add, run inside one transaction: one query finds which of the ids are stored, then the new rows
 * are inserted as JDBC batches (Hibernate's batch size is raised to the number of rows for this session, whatever
 * {@code hibernate.jdbc.batch_size} the application sets) and, when asked, the stored ones replaced. A conflict is
 * answered before anything is written, so that it never marks a transaction the caller opened as rollback-only.
 */
final class JobInserts {

    /** The most ids one {@code IN} list holds, well within every supported database's parameter limit. */
    private static final int MAX_IDS_PER_QUERY = 1000;

    private JobInserts() {
    }

    /**
     * Adds the rows, or adds none and returns the first id (in the rows' order) the table already holds.
     * @param entityManager the transaction's entity manager
     * @param rows the new rows, with distinct ids
     * @param replaceExisting whether a row whose id is stored replaces the stored one instead of conflicting
     * @return the first conflicting id, or {@code null} when every row was written
     */
    static @Nullable String insert(EntityManager entityManager, List<ApschedulerJobEntity> rows,
            boolean replaceExisting) {
        Set<String> stored = stored(entityManager, rows.stream().map(ApschedulerJobEntity::getId).toList());
        List<ApschedulerJobEntity> inserts = new ArrayList<>(rows.size());
        for (ApschedulerJobEntity row : rows) {
            if (!stored.contains(row.getId())) {
                inserts.add(row);
            }
            else if (!replaceExisting) {
                return row.getId();
            }
        }
        for (ApschedulerJobEntity row : rows) {
            if (stored.contains(row.getId())) {
                StoredJobs.replace(entityManager, row.getId(), row.getNextRunTime(), row.getJobState());
            }
        }
        persist(entityManager, inserts);
        return null;
    }

    /**
     * Returns which of the ids the table holds.
     * @param entityManager the transaction's entity manager
     * @param ids the ids
     * @return the stored ones
     */
    static Set<String> stored(EntityManager entityManager, List<String> ids) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            stored.addAll(entityManager
                .createQuery("SELECT e.id FROM " + ApschedulerJobEntity.ENTITY_NAME + " e WHERE e.id IN :ids",
                        String.class)
                .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY)))
                .getResultList());
        }
        return stored;
    }

    private static void persist(EntityManager entityManager, List<ApschedulerJobEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // write what the transaction holds first, so that only this batch's inserts share the JDBC batch
        entityManager.flush();
        Session session = entityManager.unwrap(Session.class);
        @Nullable Integer batchSize = session.getJdbcBatchSize();
        session.setJdbcBatchSize(rows.size());
        try {
            rows.forEach(entityManager::persist);
            entityManager.flush();
        }
        finally {
            session.setJdbcBatchSize(batchSize);
        }
        // an application's transaction that adds many batches must not carry every row to its end
        rows.forEach(entityManager::detach);
    }

}
