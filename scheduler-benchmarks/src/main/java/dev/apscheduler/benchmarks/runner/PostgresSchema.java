package dev.apscheduler.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL schema of one system under test, created empty with the system's tables for one run and dropped when
 * the run ends, so that runs (and the systems) never see each other's rows.
 */
final class PostgresSchema implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final RunnerEnvironment environment;

    private final String schema;

    private final HikariDataSource dataSource;

    private PostgresSchema(RunnerEnvironment environment, String schema, int poolSize) {
        this.environment = environment;
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(environment, schema));
        config.setUsername(environment.postgresUser());
        config.setPassword(environment.postgresPassword());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setPoolName(schema);
        this.dataSource = new HikariDataSource(config);
    }

    /**
     * Creates the schema (dropping a leftover one) and runs a DDL script in it.
     * @param environment where the server is
     * @param schema the schema's name, lower case
     * @param poolSize the connection pool's maximum size
     * @param ddlResource the class path resource of the DDL script, statements separated by {@code ;}, or
     * {@code null} when the system creates its tables itself
     * @return the schema, with a connection pool whose search path is the schema
     */
    static PostgresSchema create(RunnerEnvironment environment, String schema, int poolSize,
            @Nullable String ddlResource) {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must match " + NAME + ", was '" + schema + "'");
        }
        execute(environment, List.of("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema));
        PostgresSchema created = new PostgresSchema(environment, schema, poolSize);
        if (ddlResource == null) {
            return created;
        }
        try (Connection connection = created.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements(readResource(ddlResource))) {
                statement.execute(sql);
            }
        }
        catch (SQLException ex) {
            created.close();
            throw new IllegalStateException("Could not create the tables of " + ddlResource + " in schema " + schema,
                    ex);
        }
        return created;
    }

    /**
     * Returns the JDBC URL of a schema: the server's URL with the schema as the search path.
     * @param environment where the server is
     * @param schema the schema
     * @return the URL
     */
    static String jdbcUrl(RunnerEnvironment environment, String schema) {
        String url = environment.postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    DataSource dataSource() {
        return this.dataSource;
    }

    String jdbcUrl() {
        return jdbcUrl(this.environment, this.schema);
    }

    String name() {
        return this.schema;
    }

    /**
     * Counts the rows of a table of the schema.
     * @param table the table's name
     * @return its row count
     */
    long count(String table) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match " + NAME + ", was '" + table + "'");
        }
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not count the rows of " + this.schema + "." + table, ex);
        }
    }

    @Override
    public void close() {
        this.dataSource.close();
        execute(this.environment, List.of("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE"));
    }

    private static void execute(RunnerEnvironment environment, List<String> statements) {
        try (Connection connection = DriverManager.getConnection(environment.postgresUrl(), environment.postgresUser(),
                environment.postgresPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run " + statements + " on " + environment.postgresUrl(), ex);
        }
    }

    private static List<String> statements(String script) {
        String withoutComments = script.lines().filter((line) -> !line.trim().startsWith("--"))
            .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";")).map(String::trim)
            .filter((sql) -> !sql.isEmpty() && !sql.equalsIgnoreCase("commit")).toList();
    }

    private static String readResource(String resource) {
        try (InputStream in = PostgresSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("DDL script " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
