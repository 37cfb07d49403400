package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.apscheduler.Scheduler;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.trigger.Triggers;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.awaitility.Awaitility;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Flyway migrations and the Liquibase changelog the starter ships create the scheduler's tables on PostgreSQL
 * and MariaDB (each run on a schema or database of its own), run by the real tools as the README describes; an
 * application then validates the job store's entity against the result (Hibernate's {@code ddl-auto=validate}),
 * stores, reads and claims a job, and keeps a run record, with the starter's own schema initialisation off. The
 * migrations hold the same statements as the schema scripts of {@code apscheduler.jpa.initialize-schema}.
 */
class MigrationScriptsIntegrationTests {

    private static final String BASE = System.getProperty("apscheduler.test.schema", "apscheduler_jpa_test");

    /** A server database with a schema (PostgreSQL) or database (MariaDB) of the test's own. */
    enum Server {

        POSTGRESQL(TestDatabase.POSTGRESQL, "postgresql", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=",
                "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "DROP SCHEMA IF EXISTS %s CASCADE",
                "CREATE SCHEMA %s"),

        MARIADB(TestDatabase.MARIADB, "mariadb", "jdbc:mariadb://127.0.0.1:3306/", "jdbc:mariadb://127.0.0.1:3306/test",
                "root", "DROP DATABASE IF EXISTS %s", "CREATE DATABASE %s CHARACTER SET utf8mb4");

        private final TestDatabase database;

        private final String vendor;

        private final String urlPrefix;

        private final String serverUrl;

        private final String username;

        private final String drop;

        private final String create;

        Server(TestDatabase database, String vendor, String urlPrefix, String serverUrl, String username,
                String drop, String create) {
            this.database = database;
            this.vendor = vendor;
            this.urlPrefix = urlPrefix;
            this.serverUrl = serverUrl;
            this.username = username;
            this.drop = drop;
            this.create = create;
        }

        /**
         * Creates the schema (database) afresh and returns its URL.
         */
        String freshSchema(String schema) {
            this.database.require();
            JdbcTemplate server = new JdbcTemplate(new DriverManagerDataSource(this.serverUrl, this.username, ""));
            server.execute(String.format(this.drop, schema));
            server.execute(String.format(this.create, schema));
            return this.urlPrefix + schema;
        }

        DataSource dataSource(String url) {
            return new DriverManagerDataSource(url, this.username, "");
        }

    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void flywayMigrationCreatesTablesTheStoreRunsOn(Server server) {
        String schema = BASE + "_flyway";
        String url = server.freshSchema(schema);
        DataSource dataSource = server.dataSource(url);
        // an application table already there, as in a project that adopts the scheduler later
        new JdbcTemplate(dataSource).execute("CREATE TABLE orders (id BIGINT PRIMARY KEY)");
        MigrateResult result = Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/apscheduler/" + server.vendor)
            .table("apscheduler_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        assertThat(result.migrationsExecuted).isOne();
        assertThat(result.targetSchemaVersion).isEqualTo("1");
        assertStoreWorks(server, url);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void liquibaseChangelogCreatesTablesTheStoreRunsOn(Server server) throws Exception {
        String schema = BASE + "_liquibase";
        String url = server.freshSchema(schema);
        try (Connection connection = server.dataSource(url).getConnection()) {
            Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase("db/changelog/apscheduler/db.changelog-apscheduler.yaml",
                    new ClassLoaderResourceAccessor(), database)) {
                liquibase.update();
            }
        }
        assertThat(new JdbcTemplate(server.dataSource(url))
            .queryForList("SELECT id FROM DATABASECHANGELOG ORDER BY id", String.class))
            .containsExactly("apscheduler-1-" + server.vendor);
        assertStoreWorks(server, url);
    }

    /**
     * Starts an application on the migrated database with Hibernate validating the store's entity against the
     * table and the starter's schema initialisation off, then stores a job and reads it, lets the scheduler claim and
     * run a due one, and saves and reads a run record.
     */
    private static void assertStoreWorks(Server server, String url) {
        List<String> runs = new CopyOnWriteArrayList<>();
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
                    ApschedulerJpaAutoConfiguration.class, ApschedulerAutoConfiguration.class))
            .withBean(TaskRegistry.class, () -> new TaskRegistry().registerAction("record",
                    (job) -> runs.add(job.jobId())))
            .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=" + server.username,
                    "spring.jpa.hibernate.ddl-auto=validate", "apscheduler.jobstores.default.type=jpa",
                    "apscheduler.history.type=jpa", "apscheduler.jpa.initialize-schema=never")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                Scheduler scheduler = context.getBean(Scheduler.class);
                scheduler.addJob(JobSpec.task("record").id("hourly").trigger(Triggers.interval(Duration.ofHours(1))));
                assertThat(scheduler.getJob("hourly")).isPresent();
                scheduler.addJob(JobSpec.task("record").id("due").trigger(Triggers.date(ZonedDateTime.now())));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runs.contains("due"));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.getJob("due").isEmpty());
                String runId = RunIds.next();
                Instant firedAt = Instant.parse("2030-01-01T00:00:00Z");
                JpaHistoryStore history = context.getBean(JpaHistoryStore.class);
                history.save(List.of(RunRecord.running(runId, "hourly", "default", "default", "record", firedAt, 1,
                        firedAt, "node-a")));
                assertThat(history.findRun(runId)).isPresent();
            });
    }

    @ParameterizedTest
    @CsvSource({ "h2, h2", "postgresql, postgresql", "mysql, mysql", "mariadb, mysql" })
    void migrationsHoldTheStatementsOfTheSchemaScripts(String vendor, String platform) throws IOException {
        String migration = resource("db/migration/apscheduler/" + vendor + "/V1__apscheduler.sql");
        assertThat(migration).endsWith(resource("dev/apscheduler/spring/boot/jpa/schema-" + platform + ".sql"));
        assertThat(resource("db/changelog/apscheduler/db.changelog-apscheduler.yaml"))
            .contains("path: db/migration/apscheduler/" + vendor + "/V1__apscheduler.sql");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = MigrationScriptsIntegrationTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
