package dev.apscheduler.spring.boot.jpa;

import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.history.RunRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How the history store writes records: each chunk of up to {@value #ROWS_PER_STATEMENT} records is one multi-row
 * statement that inserts new run ids and replaces the rows of known ones, in the database's own upsert where it has
 * one. Since it never reads or locks rows first, instances that write different run ids at the same time do not wait
 * for each other; a {@code NULL} is written as a literal, not as an untyped parameter.
 */
enum RunUpserts {

    /** H2: {@code MERGE INTO ... KEY (run_id) VALUES ...}. */
    H2("MERGE INTO " + RunRows.TABLE + " (" + columns() + ") KEY (run_id) VALUES ", ""),

    /** PostgreSQL 9.5+: {@code INSERT ... ON CONFLICT (run_id) DO UPDATE}. */
    POSTGRESQL(insert(), " ON CONFLICT (run_id) DO UPDATE SET " + assignments("EXCLUDED.%s")),

    /** MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
    MYSQL(insert(), " ON DUPLICATE KEY UPDATE " + assignments("VALUES(%s)")),

    /** Other databases: the chunk's rows are deleted by run id, then inserted. */
    STANDARD(insert(), "");

    /** The most records written by one statement. */
    static final int ROWS_PER_STATEMENT = 100;

    private final String prefix;

    private final String suffix;

    RunUpserts(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /**
     * Chooses the statement for the database behind a data source.
     * @param dataSource the data source
     * @return the upsert the database has, or {@link #STANDARD}
     * @throws SchedulerException if the database cannot be reached
     */
    static RunUpserts detect(DataSource dataSource) {
        try {
            return forDatabase(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        }
        catch (MetaDataAccessException ex) {
            throw new SchedulerException("Cannot read the database's metadata to choose how the jpa history writes "
                    + "run records: " + ex.getMessage(), ex);
        }
    }

    /**
     * Chooses the statement for a database product, as JDBC names it.
     * @param productName the product name
     * @return the upsert the database has, or {@link #STANDARD}
     */
    static RunUpserts forDatabase(String productName) {
        return switch (productName.toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql" -> POSTGRESQL;
            case "mysql", "mariadb" -> MYSQL;
            default -> STANDARD;
        };
    }

    /**
     * Writes records, which have distinct run ids, in the caller's transaction.
     * @return how many records were written
     */
    int save(EntityManager entityManager, List<RunRecord> records) {
        for (int from = 0; from < records.size(); from += ROWS_PER_STATEMENT) {
            List<RunRecord> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_STATEMENT));
            if (this == STANDARD) {
                RunDeletes.byRunIds(entityManager, chunk.stream().map(RunRecord::runId).toList());
            }
            write(entityManager, chunk);
        }
        return records.size();
    }

    private void write(EntityManager entityManager, List<RunRecord> chunk) {
        StringBuilder sql = new StringBuilder(this.prefix);
        List<@Nullable Object[]> rows = chunk.stream().map(RunRows::values).toList();
        StringJoiner tuples = new StringJoiner(", ");
        for (@Nullable Object[] row : rows) {
            StringJoiner tuple = new StringJoiner(", ", "(", ")");
            for (Object value : row) {
                tuple.add((value != null) ? "?" : "NULL");
            }
            tuples.add(tuple.toString());
        }
        sql.append(tuples).append(this.suffix);
        Query statement = entityManager.createNativeQuery(sql.toString());
        int position = 1;
        for (@Nullable Object[] row : rows) {
            for (Object value : row) {
                if (value != null) {
                    statement.setParameter(position++, value);
                }
            }
        }
        statement.executeUpdate();
    }

    private static String columns() {
        return String.join(", ", RunRows.COLUMNS);
    }

    private static String insert() {
        return "INSERT INTO " + RunRows.TABLE + " (" + columns() + ") VALUES ";
    }

    private static String assignments(String source) {
        return RunRows.COLUMNS.stream()
            .filter((column) -> !column.equals("run_id"))
            .map((column) -> column + " = " + String.format(Locale.ROOT, source, column))
            .collect(Collectors.joining(", "));
    }

}
