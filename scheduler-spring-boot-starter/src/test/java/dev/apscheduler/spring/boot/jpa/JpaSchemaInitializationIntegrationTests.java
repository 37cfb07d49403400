package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code apscheduler.jpa.initialize-schema} on a database server, which Boot does not count as embedded: the default
 * leaves it alone, {@code always} creates the tables of the job store and the history, and running the script again
 * keeps the stored jobs and run records.
 */
class JpaSchemaInitializationIntegrationTests {

    private static final String SCHEMA = "apscheduler_jpa_init_test";

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));

    @BeforeEach
    void emptySchema() {
        TestDatabase.POSTGRESQL.require();
        this.jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        this.jdbc.execute("CREATE SCHEMA " + SCHEMA);
    }

    private ConfigurableApplicationContext start(String mode) {
        return StoreApplications.start(TestDatabase.POSTGRESQL,
                Map.of("spring.datasource.url", URL, "apscheduler.jpa.initialize-schema", mode));
    }

    private boolean tableExists() {
        return tableExists("apscheduler_jobs");
    }

    private boolean tableExists(String table) {
        return this.jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name = ?", Integer.class, SCHEMA, table) == 1;
    }

    private List<String> indexes(String table) {
        return this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ?",
                String.class, SCHEMA, table);
    }

    @Test
    void embeddedModeLeavesAServerDatabaseAlone() {
        try (ConfigurableApplicationContext context = start("embedded")) {
            assertThat(tableExists()).isFalse();
            assertThat(tableExists("apscheduler_runs")).isFalse();
        }
    }

    @Test
    void alwaysCreatesTheTablesWithTheirIndexesAndKeepsRowsWhenRunAgain() {
        try (ConfigurableApplicationContext context = start("always")) {
            assertThat(tableExists()).isTrue();
            assertThat(tableExists("apscheduler_runs")).isTrue();
            this.jdbc.update("INSERT INTO apscheduler_jobs (id, next_run_time, job_state) VALUES ('kept', 1, '{}')");
            this.jdbc.update("INSERT INTO apscheduler_runs (run_id, job_id, jobstore, executor, task, scheduled_at, "
                    + "attempt, outcome, instance) VALUES ('run-kept', 'kept', 'default', 'default', 'task', 1, 1, "
                    + "'MISSED', 'h')");
        }
        try (ConfigurableApplicationContext context = start("always")) {
            assertThat(this.jdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class)).containsExactly("kept");
            assertThat(this.jdbc.queryForList("SELECT run_id FROM apscheduler_runs", String.class))
                .containsExactly("run-kept");
            assertThat(indexes("apscheduler_jobs")).contains("ix_apscheduler_jobs_next_run_time",
                    "ix_apscheduler_jobs_unrestorable");
            assertThat(indexes("apscheduler_runs")).contains("ix_apscheduler_runs_job_id",
                    "ix_apscheduler_runs_outcome", "ix_apscheduler_runs_scheduled_at");
        }
    }

}
