package dev.apscheduler.spring.boot.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;

/**
 * The store's adds ({@code addJobs}, and {@code addJob} as a batch of one), run inside one transaction: one query per
 * thousand ids finds which of them are stored, then the new rows are inserted, {@value #ROWS_PER_INSERT} rows per
 * statement (those statements sent as one JDBC batch) and one statement for the rest, and, when asked, the stored ones
 * replaced. A conflict is answered before anything is written, so that it never marks a transaction the caller opened
 * as rollback-only. The lookup and the inserts are plain statements on the transaction's connection, not JPQL and
 * entities: building a query for a long {@code IN} list, and persisting, flushing and detaching an entity per row,
 * cost more than the database's own work.
 */
final class JobInserts {

    /** The most ids one {@code IN} list holds, well within every supported database's parameter limit. */
    private static final int MAX_IDS_PER_QUERY = 1000;

    private static final String SELECT_STORED = "SELECT id FROM " + ApschedulerJobEntity.TABLE_NAME + " WHERE id IN ";

    private static final String INSERT = "INSERT INTO " + ApschedulerJobEntity.TABLE_NAME
            + " (id, next_run_time, job_state, version) VALUES ";

    private static final String ROW = "(?, ?, ?, 0)";

    /**
     * The rows one insert statement holds at most: the database runs one statement of many rows faster than a JDBC
     * batch of as many single-row statements, and a fixed size keeps the statements the same, so that the driver and
     * the database prepare them once.
     */
    static final int ROWS_PER_INSERT = 100;

    private static final String INSERT_FULL = insertSql(ROWS_PER_INSERT);

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
        // the lookup and the inserts go to the connection itself: what the transaction holds is written first
        entityManager.flush();
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
        return entityManager.unwrap(Session.class).doReturningWork((connection) -> {
            Set<String> stored = new HashSet<>();
            for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
                String sql = SELECT_STORED + SqlPlaceholders.list(chunk.size());
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet found = select.executeQuery()) {
                        while (found.next()) {
                            stored.add(found.getString(1));
                        }
                    }
                }
            }
            return stored;
        });
    }

    private static void persist(EntityManager entityManager, List<ApschedulerJobEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork((connection) -> {
            int full = rows.size() / ROWS_PER_INSERT;
            if (full > 0) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_FULL)) {
                    for (int chunk = 0; chunk < full; chunk++) {
                        bind(insert, rows.subList(chunk * ROWS_PER_INSERT, (chunk + 1) * ROWS_PER_INSERT));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            List<ApschedulerJobEntity> rest = rows.subList(full * ROWS_PER_INSERT, rows.size());
            if (!rest.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(insertSql(rest.size()))) {
                    bind(insert, rest);
                    insert.executeUpdate();
                }
            }
        });
    }

    /** An insert of {@code rows} rows in one statement. */
    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT).append(ROW);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(ROW);
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement insert, List<ApschedulerJobEntity> rows) throws SQLException {
        int parameter = 1;
        for (ApschedulerJobEntity row : rows) {
            insert.setString(parameter++, row.getId());
            Long nextRunTime = row.getNextRunTime();
            if (nextRunTime != null) {
                insert.setLong(parameter++, nextRunTime);
            }
            else {
                insert.setNull(parameter++, Types.BIGINT);
            }
            insert.setString(parameter++, row.getJobState());
        }
    }

}
