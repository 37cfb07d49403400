package dev.apscheduler.spring.boot.jpa;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import dev.apscheduler.JobStoreException;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How the acquire step locks the due rows it claims. {@link #SKIP_LOCKED} lets several scheduler instances claim
 * different rows at the same time (PostgreSQL 9.5+, MySQL 8+, MariaDB 10.6+); {@link #WAIT} takes plain row locks, so
 * that a second instance waits for the first one's transaction and then sees the rows it moved on (H2 and other
 * databases).
 */
public enum RowLocking {

    /** {@code FOR UPDATE SKIP LOCKED}: rows another transaction holds are left to it. */
    SKIP_LOCKED(" FOR UPDATE SKIP LOCKED"),

    /** {@code FOR UPDATE}: waits for rows another transaction holds. */
    WAIT(" FOR UPDATE");

    private final String clause;

    RowLocking(String clause) {
        this.clause = clause;
    }

    /**
     * Returns the locking clause appended to the acquire step's query.
     * @return the clause, with a leading space
     */
    public String clause() {
        return this.clause;
    }

    /**
     * Chooses the locking for the database behind a data source.
     * @param dataSource the data source
     * @return {@link #SKIP_LOCKED} where the database supports it, else {@link #WAIT}
     * @throws JobStoreException if the database cannot be reached
     */
    public static RowLocking detect(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, RowLocking::detect);
        }
        catch (MetaDataAccessException ex) {
            throw new JobStoreException("Cannot read the database's metadata to choose how the jpa job store locks "
                    + "rows: " + ex.getMessage(), ex);
        }
    }

    /**
     * Chooses the locking for a database.
     * @param metaData the database's metadata
     * @return {@link #SKIP_LOCKED} where the database supports it, else {@link #WAIT}
     * @throws SQLException if the metadata cannot be read
     */
    public static RowLocking detect(DatabaseMetaData metaData) throws SQLException {
        return forDatabase(metaData.getDatabaseProductName(), metaData.getDatabaseMajorVersion(),
                metaData.getDatabaseMinorVersion());
    }

    /**
     * Chooses the locking for a database product and version.
     * @param productName the product name, as JDBC reports it
     * @param major the major version
     * @param minor the minor version
     * @return {@link #SKIP_LOCKED} where the database supports it, else {@link #WAIT}
     */
    public static RowLocking forDatabase(String productName, int major, int minor) {
        String product = productName.toLowerCase(Locale.ROOT);
        boolean skipLocked = switch (product) {
            case "postgresql" -> major > 9 || (major == 9 && minor >= 5);
            case "mariadb" -> major > 10 || (major == 10 && minor >= 6);
            case "mysql" -> major >= 8;
            default -> false;
        };
        return skipLocked ? SKIP_LOCKED : WAIT;
    }

}
