package dev.apscheduler.spring.boot.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the store is tested on: an in-memory H2, and the PostgreSQL and MariaDB servers of the machine (CI
 * starts them). The server tests use a schema (PostgreSQL) or database (MariaDB) of their own, created when missing,
 * so that they never touch other tables of the {@code test} database. When a server is unreachable, its tests fail
 * where {@code CI=true} and are skipped elsewhere.
 */
enum TestDatabase {

    /** An in-memory H2 database, kept open until the JVM ends. */
    H2("jdbc:h2:mem:apscheduler;DB_CLOSE_DELAY=-1", "sa", null, null),

    /** The PostgreSQL server on 127.0.0.1:5432, database {@code test}, schema {@code apscheduler_jpa_test}. */
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + Names.SCHEMA, "postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3",
            "CREATE SCHEMA IF NOT EXISTS " + Names.SCHEMA),

    /** The MariaDB server on 127.0.0.1:3306, database {@code apscheduler_jpa_test}. */
    MARIADB("jdbc:mariadb://127.0.0.1:3306/" + Names.SCHEMA, "root",
            "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=3000",
            "CREATE DATABASE IF NOT EXISTS " + Names.SCHEMA + " CHARACTER SET utf8mb4");

    /**
     * The schema (PostgreSQL) or database (MariaDB) the tests use: {@code apscheduler_jpa_test}, or the system
     * property {@code apscheduler.test.schema}, so that two builds on one machine do not share tables.
     */
    private static final class Names {

        static final String SCHEMA = System.getProperty("apscheduler.test.schema", "apscheduler_jpa_test");

    }

    private final String url;

    private final String username;

    private final String serverUrl;

    private final String prepare;

    private volatile boolean prepared;

    TestDatabase(String url, String username, String serverUrl, String prepare) {
        this.url = url;
        this.username = username;
        this.serverUrl = serverUrl;
        this.prepare = prepare;
    }

    String url() {
        return this.url;
    }

    /**
     * Makes sure the server is reachable and the tests' schema exists: fails under CI, skips elsewhere.
     */
    synchronized void require() {
        if (this.serverUrl == null || this.prepared) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(this.serverUrl, this.username, "");
                Statement statement = connection.createStatement()) {
            statement.execute(this.prepare);
            this.prepared = true;
        }
        catch (SQLException ex) {
            String message = name() + " server at " + this.serverUrl + " is not reachable: " + ex.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message, ex);
            }
            Assumptions.abort(message);
        }
    }

    /**
     * Returns the Spring properties of an application on this database with a {@code jpa} job store whose table
     * the starter creates, and Hibernate told not to touch the schema.
     */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", this.url);
        properties.put("spring.datasource.username", this.username);
        properties.put("spring.datasource.password", "");
        properties.put("spring.jpa.hibernate.ddl-auto", "none");
        properties.put("apscheduler.jobstores.default.type", "jpa");
        properties.put("apscheduler.jpa.initialize-schema", "always");
        return properties;
    }

}
