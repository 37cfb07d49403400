package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code apscheduler.jpa.initialize-schema} on a database server, which Boot does not count as embedded: the default
 * leaves it alone, {@code always} creates the table, and running the script again keeps the stored jobs.
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
        return this.jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name = 'apscheduler_jobs'", Integer.class, SCHEMA) == 1;
    }

    @Test
    void embeddedModeLeavesAServerDatabaseAlone() {
        try (ConfigurableApplicationContext context = start("embedded")) {
            assertThat(tableExists()).isFalse();
        }
    }

    @Test
    void alwaysCreatesTheTableWithItsIndexAndKeepsJobsWhenRunAgain() {
        try (ConfigurableApplicationContext context = start("always")) {
            assertThat(tableExists()).isTrue();
            this.jdbc.update("INSERT INTO apscheduler_jobs (id, next_run_time, job_state) VALUES ('kept', 1, '{}')");
        }
        try (ConfigurableApplicationContext context = start("always")) {
            assertThat(this.jdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class)).containsExactly("kept");
            assertThat(this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = ? "
                    + "AND tablename = 'apscheduler_jobs'", String.class, SCHEMA))
                .contains("ix_apscheduler_jobs_next_run_time");
        }
    }

}
