package dev.apscheduler.benchmarks.runner;

import java.util.Objects;

/**
 * What every runner is given: the worker count all systems share and the PostgreSQL server for the persistent ones.
 * @param workers how many jobs may run at once, the same for every system
 * @param postgresUrl the JDBC URL of the PostgreSQL database, without a schema
 * @param postgresUser the database user
 * @param postgresPassword the user's password (empty for none)
 * @param history where our scheduler keeps run records: {@code memory} (its default), {@code none}, or {@code jpa} (a
 * JPA history in the job store's database; for the JPA systems, or PostgreSQL for the memory ones)
 */
public record RunnerEnvironment(int workers, String postgresUrl, String postgresUser, String postgresPassword,
        String history) {

    /** The run history settings {@code --history} takes. */
    public static final java.util.List<String> HISTORIES = java.util.List.of("memory", "none", "jpa");

    /** The worker count of every system, APScheduler's default {@code max_workers}. */
    public static final int WORKERS = 10;

    /** The local PostgreSQL server the project's tests use. */
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /** The system property naming the prefix of every schema the benchmarks create. */
    public static final String SCHEMA_PREFIX_PROPERTY = "benchmarks.schema-prefix";

    /** The schema prefix without {@value #SCHEMA_PREFIX_PROPERTY}. */
    public static final String DEFAULT_SCHEMA_PREFIX = "apsbench_";

    /**
     * Checks the environment.
     */
    public RunnerEnvironment {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(postgresUser, "postgresUser");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        if (!HISTORIES.contains(history)) {
            throw new IllegalArgumentException("option --history must be one of " + HISTORIES + ", was '" + history
                    + "'");
        }
    }

    /**
     * Returns the environment of this machine: {@link #WORKERS} workers and the local PostgreSQL server as user
     * {@code postgres} without a password.
     * @return the defaults
     */
    public static RunnerEnvironment defaults() {
        return new RunnerEnvironment(WORKERS, DEFAULT_POSTGRES_URL, "postgres", "", "memory");
    }

    /**
     * Names a schema of the benchmarks: the prefix of system property {@value #SCHEMA_PREFIX_PROPERTY} (default
     * {@value #DEFAULT_SCHEMA_PREFIX}), so that runs sharing a server can keep apart, then the name.
     * @param name the schema's own name, lower case
     * @return the full name
     */
    public static String schema(String name) {
        return System.getProperty(SCHEMA_PREFIX_PROPERTY, DEFAULT_SCHEMA_PREFIX) + name;
    }

}
