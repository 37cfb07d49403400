package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.jpa.ApschedulerJobEntity;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import dev.apscheduler.spring.boot.jpa.RowLocking;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code jpa} job store's auto-configuration on an embedded H2 database.
 */
class ApschedulerJpaAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class))
        .withPropertyValues("spring.jpa.hibernate.ddl-auto=none");

    private static boolean tableExists(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(javax.sql.DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'apscheduler_jobs'",
                Integer.class) == 1;
    }

    private static boolean manages(AssertableApplicationContext context, Class<?> type) {
        return context.getBean(EntityManagerFactory.class).getMetamodel().getEntities().stream()
            .anyMatch((entity) -> entity.getJavaType() == type);
    }

    @Test
    void contributesTheStoreFactoryEntityAndTableWhenAJpaStoreIsConfigured() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa").run((context) -> {
            assertThat(context).hasSingleBean(JpaJobStoreFactory.class)
                .hasSingleBean(ApschedulerJpaSchemaInitializer.class);
            JpaJobStoreFactory factory = context.getBean(JpaJobStoreFactory.class);
            assertThat(factory.type()).isEqualTo("jpa");
            assertThat(factory.aliases()).containsExactly("sqlalchemy");
            assertThat(manages(context, ApschedulerJobEntity.class)).isTrue();
            assertThat(tableExists(context)).isTrue();
        });
    }

    @Test
    void storeFactoryWaitsForTheSchemaInitialization() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa").run((context) -> assertThat(
                context.getBeanFactory().getBeanDefinition("jpaJobStoreFactory").getDependsOn())
            .contains("apschedulerJpaSchemaInitializer"));
    }

    @Test
    void sqlalchemyTypeActivatesTheStoreToo() {
        this.runner.withPropertyValues("apscheduler.jobstores.main.type=SQLAlchemy").run((context) -> {
            assertThat(context).hasSingleBean(JpaJobStoreFactory.class);
            assertThat(tableExists(context)).isTrue();
        });
    }

    @Test
    void schedulerConfiguredWithTypeSqlalchemyRunsJobsFromTheJpaStore() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=sqlalchemy").run((context) -> {
            MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
            StringBuilder ran = new StringBuilder();
            ManualScheduler scheduler = ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC)
                .taskRegistry(new TaskRegistry().register("greet", () -> ran.append("hello")))
                .jobStoreFactory(context.getBean(JpaJobStoreFactory.class))
                .config(Map.of("apscheduler.jobstores.default.type", "sqlalchemy",
                        "apscheduler.jobstores.default.max-wait", "500ms",
                        "apscheduler.jobstores.default.look-ahead", "100ms"))
                .build();
            scheduler.start();
            scheduler.addJob(JobSpec.task("greet").id("greet").trigger(Triggers.date(clock.now().plusSeconds(1)))
                .build());
            assertThat(scheduler.jobStores().get("default"))
                .satisfies((store) -> assertThat(store.type()).isEqualTo("jpa"))
                .satisfies((store) -> assertThat(store.maxWait()).isEqualTo(Duration.ofMillis(500)))
                .satisfies((store) -> assertThat(store.lookAhead()).isEqualTo(Duration.ofMillis(100)));
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(ran).hasToString("hello");
            scheduler.shutdown();
        });
    }

    @Test
    void runsClaimedAheadRunAtTheirTimeAndAreGivenBackToTheTableOnShutdown() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa").run((context) -> {
            MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
            List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
            ManualScheduler scheduler = ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC)
                .taskRegistry(new TaskRegistry().registerAction("stamp",
                        (job) -> ran.add(job.jobId() + "@" + clock.instant())))
                .jobStoreFactory(context.getBean(JpaJobStoreFactory.class))
                .config(Map.of("apscheduler.jobstores.default.type", "jpa"))
                .build();
            scheduler.start();
            scheduler.addJob(JobSpec.task("stamp").id("first").trigger(Triggers.date(clock.now().plusSeconds(1)))
                .build());
            scheduler.addJob(JobSpec.task("stamp").id("second").trigger(Triggers.date(clock.now().plusSeconds(3)))
                .build());
            // the default window is 250 ms: at 0.8 s the first job is claimed (its row is gone) but has not run
            scheduler.advance(Duration.ofMillis(800));
            assertThat(ran).isEmpty();
            assertThat(rowIds(context)).containsExactly("second");
            scheduler.advance(Duration.ofMillis(200));
            assertThat(ran).containsExactly("first@2030-01-01T00:00:01Z");
            scheduler.advance(Duration.ofMillis(1800));
            assertThat(rowIds(context)).isEmpty();
            scheduler.shutdown();
            assertThat(ran).containsExactly("first@2030-01-01T00:00:01Z");
            assertThat(rowIds(context)).containsExactly("second");
        });
    }

    private static List<String> rowIds(org.springframework.context.ApplicationContext context) {
        return new org.springframework.jdbc.core.JdbcTemplate(context.getBean(javax.sql.DataSource.class))
            .queryForList("SELECT id FROM apscheduler_jobs ORDER BY id", String.class);
    }

    @Test
    void backsOffWhenNoJpaStoreIsConfigured() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=memory").run((context) -> {
            assertThat(context).doesNotHaveBean(JpaJobStoreFactory.class)
                .doesNotHaveBean(ApschedulerJpaSchemaInitializer.class);
            assertThat(manages(context, ApschedulerJobEntity.class)).isFalse();
            assertThat(tableExists(context)).isFalse();
        });
    }

    @Test
    void backsOffWhenTheSchedulerIsDisabled() {
        this.runner.withPropertyValues("apscheduler.enabled=false", "apscheduler.jobstores.default.type=jpa")
            .run((context) -> assertThat(context).doesNotHaveBean(JpaJobStoreFactory.class));
    }

    @Test
    void backsOffWithoutJpa() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa")
            .withClassLoader(new FilteredClassLoader("org.springframework.orm.jpa"))
            .run((context) -> assertThat(context).doesNotHaveBean(JpaJobStoreFactory.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnFactory() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa")
            .withUserConfiguration(OwnFactoryConfiguration.class)
            .run((context) -> assertThat(context).hasSingleBean(JpaJobStoreFactory.class)
                .hasBean("ownFactory"));
    }

    @Test
    void initializeSchemaNeverLeavesTheDatabaseAlone() {
        this.runner
            .withPropertyValues("apscheduler.jobstores.default.type=jpa", "apscheduler.jpa.initialize-schema=never")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(ApschedulerJpaSchemaInitializer.class);
                assertThat(tableExists(context)).isFalse();
            });
    }

    @Test
    void initializeSchemaAlwaysCreatesTheTable() {
        this.runner
            .withPropertyValues("apscheduler.jobstores.default.type=jpa", "apscheduler.jpa.initialize-schema=always")
            .run((context) -> assertThat(tableExists(context)).isTrue());
    }

    @Test
    void storeOptionsAreCheckedWithTheKeyAsWritten() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=jpa").run((context) -> {
            JpaJobStoreFactory factory = context.getBean(JpaJobStoreFactory.class);
            String prefix = "apscheduler.jobstores.default.";
            assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> factory.create(ComponentOptions.of(prefix, Map.of("url", "sqlite:///jobs.sqlite"))))
                .withMessageContaining("apscheduler.jobstores.default.url").withMessageContaining("spring.datasource");
            assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> factory.create(ComponentOptions.of(prefix, Map.of("batch-size", "5"))))
                .withMessageContaining("apscheduler.jobstores.default.batch-size").withMessageContaining("max_wait");
            assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> factory.create(ComponentOptions.of(prefix, Map.of("maxWait", "0"))))
                .withMessageContaining("apscheduler.jobstores.default.maxWait");
            assertThat(factory.create(ComponentOptions.empty(prefix)).maxWait()).contains(Duration.ofSeconds(1));
            assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> factory.create(ComponentOptions.of(prefix, Map.of("look-ahead", "-0.5"))))
                .withMessageContaining("apscheduler.jobstores.default.look-ahead").withMessageContaining("-0.5");
            assertThat(factory.create(ComponentOptions.empty(prefix)).lookAhead()).isEqualTo(Duration.ofMillis(250));
            assertThat(factory.create(ComponentOptions.of(prefix, Map.of("look_ahead", "0"))).lookAhead()).isZero();
        });
    }

    @Test
    void locksRowsByWaitingOnH2AndBySkippingWhereTheDatabaseCan() {
        assertThat(RowLocking.forDatabase("H2", 2, 4)).isEqualTo(RowLocking.WAIT);
        assertThat(RowLocking.forDatabase("PostgreSQL", 15, 2)).isEqualTo(RowLocking.SKIP_LOCKED);
        assertThat(RowLocking.forDatabase("MariaDB", 10, 11)).isEqualTo(RowLocking.SKIP_LOCKED);
        assertThat(RowLocking.forDatabase("MariaDB", 10, 5)).isEqualTo(RowLocking.WAIT);
        assertThat(RowLocking.forDatabase("MySQL", 8, 0)).isEqualTo(RowLocking.SKIP_LOCKED);
        assertThat(RowLocking.forDatabase("MySQL", 5, 7)).isEqualTo(RowLocking.WAIT);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactoryConfiguration {

        @Bean
        JpaJobStoreFactory ownFactory(EntityManagerFactory entityManagerFactory) {
            return new JpaJobStoreFactory(entityManagerFactory, () -> RowLocking.WAIT);
        }

    }

}
