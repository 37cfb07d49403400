package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaSchemaInitializer;
import dev.apscheduler.trigger.Triggers;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler's own database ({@link ApschedulerDataSource}): with the application on an H2 database and the
 * scheduler's data source on PostgreSQL, jobs and run records are kept, and the tables created, only in the
 * scheduler's database, while the application's data source, persistence unit and transaction manager stay its own.
 */
class SchedulerDataSourceIntegrationTests {

    /** The scheduler's schema, apart from the other PostgreSQL tests'. */
    static final String SCHEMA = System.getProperty("apscheduler.test.schema", "apscheduler_jpa_test") + "_own";

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

    private final JdbcTemplate schedulerJdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class,
                ApschedulerAutoConfiguration.class))
        .withBean(TaskRegistry.class, () -> new TaskRegistry().register("tick", () -> { }))
        .withUserConfiguration(SchedulerDatabaseConfiguration.class)
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "apscheduler.jobstores.default.type=jpa", "apscheduler.history.type=jpa",
                "apscheduler.jpa.initialize-schema=always");

    @BeforeEach
    void emptySchema() {
        TestDatabase.POSTGRESQL.require();
        this.schedulerJdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        this.schedulerJdbc.execute("CREATE SCHEMA " + SCHEMA);
    }

    private List<String> schedulerTables() {
        return this.schedulerJdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? ORDER BY table_name", String.class, SCHEMA);
    }

    private static List<String> applicationTables(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class)).queryForList("SELECT LOWER(TABLE_NAME) FROM "
                + "INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);
    }

    private static boolean manages(EntityManagerFactory entityManagerFactory, Class<?> type) {
        return entityManagerFactory.getMetamodel().getEntities().stream()
            .anyMatch((entity) -> entity.getJavaType() == type);
    }

    @Test
    void jobsAndTablesAreInTheSchedulersDatabaseOnly() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(ApschedulerJpaSchemaInitializer.class);
            assertThat(schedulerTables()).containsExactly("apscheduler_jobs", "apscheduler_run_slots",
                    "apscheduler_runs");
            // the stores, and so the scheduler, wait for the tables
            String initializer = context.getBeanNamesForType(ApschedulerJpaSchemaInitializer.class)[0];
            assertThat(context.getBeanFactory().getBeanDefinition("jpaJobStoreFactory").getDependsOn())
                .contains(initializer);
            assertThat(context.getBeanFactory().getBeanDefinition("apschedulerHistoryStore").getDependsOn())
                .contains(initializer);
            context.getBean(Scheduler.class)
                .addJob(JobSpec.task("tick").id("own").trigger(Triggers.interval(Duration.ofHours(1))));
            assertThat(this.schedulerJdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class))
                .containsExactly("own");
            assertThat(applicationTables(context)).doesNotContain("apscheduler_jobs", "apscheduler_run_slots",
                    "apscheduler_runs");
            assertThat(context.getBean(Scheduler.class).getJob("own")).isPresent();
        });
    }

    @Test
    void applicationKeepsItsDataSourcePersistenceUnitAndTransactionManager() {
        this.runner.run((context) -> {
            DataSource applicationDataSource = context.getBean(DataSource.class);
            assertThat(applicationDataSource).isNotSameAs(context.getBean("schedulerDataSource"));
            EntityManagerFactory applicationUnit = context.getBean(EntityManagerFactory.class);
            assertThat(manages(applicationUnit, ApschedulerJobEntity.class)).isFalse();
            EntityManagerFactory schedulerUnit = context.getBean("apschedulerEntityManagerFactory",
                    EntityManagerFactory.class);
            assertThat(manages(schedulerUnit, ApschedulerJobEntity.class)).isTrue();
            PlatformTransactionManager applicationTransactions = context.getBean(PlatformTransactionManager.class);
            assertThat(applicationTransactions).isInstanceOf(JpaTransactionManager.class);
            assertThat(((JpaTransactionManager) applicationTransactions).getEntityManagerFactory())
                .isSameAs(applicationUnit);
            JpaTransactionManager schedulerTransactions = context.getBean("apschedulerTransactionManager",
                    JpaTransactionManager.class);
            assertThat(schedulerTransactions.getEntityManagerFactory()).isSameAs(schedulerUnit);
            assertThat(schedulerTransactions.getDataSource()).isSameAs(context.getBean("schedulerDataSource"));
        });
    }

    @Test
    void historyKeepsItsRunsInTheSchedulersDatabase() {
        this.runner.run((context) -> {
            String runId = RunIds.next();
            Instant firedAt = Instant.parse("2030-01-01T00:00:00Z");
            context.getBean(JpaHistoryStore.class)
                .save(List.of(RunRecord.running(runId, "own", "default", "default", "tick", firedAt, 1, firedAt,
                        "node-a")));
            assertThat(this.schedulerJdbc.queryForList("SELECT run_id FROM apscheduler_runs", String.class))
                .containsExactly(runId);
        });
    }

    @Test
    void addInATransactionOfTheSchedulersDatabaseJoinsIt() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            List<String> added = new CopyOnWriteArrayList<>();
            scheduler.addListener((event) -> added.add(((JobEvent) event).jobId()), EventCodes.JOB_ADDED);
            TransactionTemplate schedulerTransaction = new TransactionTemplate(
                    context.getBean("apschedulerTransactionManager", PlatformTransactionManager.class));
            schedulerTransaction.executeWithoutResult((status) -> {
                scheduler
                    .addJob(JobSpec.task("tick").id("rolled-back").trigger(Triggers.interval(Duration.ofHours(1))));
                status.setRollbackOnly();
            });
            schedulerTransaction.executeWithoutResult((status) -> scheduler
                .addJob(JobSpec.task("tick").id("committed").trigger(Triggers.interval(Duration.ofHours(1)))));
            assertThat(this.schedulerJdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class))
                .containsExactly("committed");
            assertThat(added).containsExactly("committed");
        });
    }

    @Test
    void transactionOfTheApplicationsDatabaseIsNotJoined() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            List<String> added = new CopyOnWriteArrayList<>();
            scheduler.addListener((event) -> added.add(((JobEvent) event).jobId()), EventCodes.JOB_ADDED);
            new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
                .executeWithoutResult((status) -> {
                    scheduler.addJob(JobSpec.task("tick").id("own").trigger(Triggers.interval(Duration.ofHours(1))));
                    // stored and announced in the scheduler's database at once, whatever the application's does
                    assertThat(added).containsExactly("own");
                    status.setRollbackOnly();
                });
            assertThat(this.schedulerJdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class))
                .containsExactly("own");
        });
    }

    @Test
    void qualifiedTransactionManagerOfTheApplicationIsUsed() {
        this.runner.withUserConfiguration(OwnTransactionManagerConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("apschedulerTransactionManager");
            context.getBean(Scheduler.class)
                .addJob(JobSpec.task("tick").id("own").trigger(Triggers.interval(Duration.ofHours(1))));
            assertThat(context.getBean("ownTransactionManager", CountingTransactionManager.class).commits)
                .isPositive();
            assertThat(this.schedulerJdbc.queryForList("SELECT id FROM apscheduler_jobs", String.class))
                .containsExactly("own");
        });
    }

    @Test
    void transactionManagerOfAnotherResourceIsRefusedAtStartup() {
        this.runner.withUserConfiguration(JdbcTransactionManagerConfiguration.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("@ApschedulerTransactionManager")
                .hasMessageContaining(DataSourceTransactionManager.class.getName())
                .hasMessageContaining("JpaTransactionManager");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class SchedulerDatabaseConfiguration {

        @Bean(defaultCandidate = false)
        @ApschedulerDataSource
        DriverManagerDataSource schedulerDataSource() {
            return new DriverManagerDataSource(URL, "postgres", "");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransactionManagerConfiguration {

        @Bean(defaultCandidate = false)
        @ApschedulerTransactionManager
        CountingTransactionManager ownTransactionManager(
                @Qualifier("apschedulerEntityManagerFactory") EntityManagerFactory entityManagerFactory) {
            return new CountingTransactionManager(entityManagerFactory);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class JdbcTransactionManagerConfiguration {

        @Bean(defaultCandidate = false)
        @ApschedulerTransactionManager
        DataSourceTransactionManager jdbcTransactionManager() {
            return new DataSourceTransactionManager(new DriverManagerDataSource(URL, "postgres", ""));
        }

    }

    /**
     * A transaction manager of the scheduler's persistence unit that counts the transactions it commits.
     */
    static final class CountingTransactionManager extends JpaTransactionManager {

        volatile int commits;

        CountingTransactionManager(EntityManagerFactory entityManagerFactory) {
            super(entityManagerFactory);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            this.commits++;
            super.doCommit(status);
        }

    }

}
