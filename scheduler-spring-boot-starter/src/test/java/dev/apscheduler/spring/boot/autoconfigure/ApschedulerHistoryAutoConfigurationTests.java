package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.ConfigurationException;
import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.spring.boot.jpa.ApschedulerJobEntity;
import dev.apscheduler.spring.boot.jpa.JpaHistoryStore;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * {@code apscheduler.history.*} and {@code apscheduler.instance-name}: the history store each type gives the
 * auto-configured scheduler ({@code memory}, {@code jpa} on the application's database, {@code none}), a
 * {@link HistoryStore} bean replacing it, the retention and buffer settings, and startup failures that name the key.
 */
class ApschedulerHistoryAutoConfigurationTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Environment> environment = new AtomicReference<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withInitializer((context) -> this.environment.set(context.getEnvironment()))
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class,
                ApschedulerAutoConfiguration.class))
        .withPropertyValues("spring.jpa.hibernate.ddl-auto=none", "apscheduler.auto-startup=false")
        .withUserConfiguration(BuilderCapture.class);

    /**
     * Returns the value of one of the scheduler builder's settings, as the auto-configuration left it.
     */
    private static @Nullable Object builderSetting(AssertableApplicationContext context, String name) {
        return ReflectionTestUtils.getField(context.getBean(BuilderCapture.class).builder, name);
    }

    private static boolean runsTableExists(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'apscheduler_runs'",
                Integer.class) == 1;
    }

    private static List<RunRecord> records(String jobId, int count) {
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(RunRecord.running(RunIds.next(), jobId, "default", "default", "task", T0, 1, T0, "h")
                .ended(RunOutcome.SUCCESS, T0.plusSeconds(1)));
        }
        return records;
    }

    @Test
    void memoryHistoryWithTheDefaultsIsTheSchedulersHistory() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(HistoryStore.class).hasSingleBean(MemoryHistoryStore.class);
            assertThat(builderSetting(context, "historyStore")).isSameAs(context.getBean(HistoryStore.class));
            assertThat(builderSetting(context, "historyOptions")).isEqualTo(HistoryOptions.DEFAULTS);
            assertThat(builderSetting(context, "instanceName")).isNull();
            assertThat(context).doesNotHaveBean(JpaHistoryStore.class)
                .doesNotHaveBean(ApschedulerJpaSchemaInitializer.class);
        });
    }

    @Test
    void retentionAndBufferPropertiesBecomeTheHistoryOptions() {
        this.runner
            .withPropertyValues("apscheduler.history.max-age=3d", "apscheduler.history.max-runs-per-job=5",
                    "apscheduler.history.prune-interval=1m", "apscheduler.history.buffer-size=500")
            .run((context) -> {
                assertThat(builderSetting(context, "historyOptions"))
                    .isEqualTo(new HistoryOptions(Duration.ofDays(3), 5, Duration.ofMinutes(1), 500));
                HistoryStore memory = context.getBean(HistoryStore.class);
                memory.save(records("job", 7));
                assertThat(memory.findRuns("job", 0, 10).total()).isEqualTo(5);
            });
    }

    @Test
    void maxAgeNoneKeepsRecordsOfAnyAge() {
        this.runner.withPropertyValues("apscheduler.history.max-age=none")
            .run((context) -> assertThat(builderSetting(context, "historyOptions"))
                .isEqualTo(new HistoryOptions(null, 100, Duration.ofMinutes(10), 100_000)));
    }

    @Test
    void typeNoneKeepsNoHistory() {
        this.runner.withPropertyValues("apscheduler.history.type=None").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(HistoryStore.class);
            assertThat(builderSetting(context, "historyStore")).isNull();
        });
    }

    @Test
    void typeJpaKeepsRunRecordsInTheApplicationsDatabase() {
        this.runner.withPropertyValues("apscheduler.history.type=jpa").run((context) -> {
            assertThat(context).hasSingleBean(JpaHistoryStore.class).doesNotHaveBean(MemoryHistoryStore.class);
            HistoryStore history = context.getBean(HistoryStore.class);
            assertThat(builderSetting(context, "historyStore")).isSameAs(history);
            assertThat(history.type()).isEqualTo("jpa");
            assertThat(runsTableExists(context)).isTrue();
            RunRecord record = records("job", 1).get(0);
            history.save(List.of(record));
            assertThat(history.findRun(record.runId())).contains(record);
            assertThat(context).doesNotHaveBean(JpaJobStoreFactory.class);
            assertThat(context.getBean(EntityManagerFactory.class).getMetamodel().getEntities())
                .noneMatch((entity) -> entity.getJavaType() == ApschedulerJobEntity.class);
        });
    }

    @Test
    void jpaHistoryWaitsForTheSchemaInitialization() {
        this.runner.withPropertyValues("apscheduler.history.type=jpa").run((context) -> assertThat(
                context.getBeanFactory().getBeanDefinition("apschedulerHistoryStore").getDependsOn())
            .contains("apschedulerJpaSchemaInitializer"));
    }

    @Test
    void typeJpaWithoutJpaFailsTheStartupNamingThePropertyAndTheDependency() {
        this.runner.withPropertyValues("apscheduler.history.type=jpa")
            .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.springframework.orm.jpa"))
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("apscheduler.history.type=jpa")
                    .hasMessageContaining("org.springframework.boot:spring-boot-starter-data-jpa");
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(),
                        this.environment.get());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("apscheduler.history.type=jpa")
                    .contains("spring-boot-starter-data-jpa");
                assertThat(analysis.getAction()).contains("'apscheduler.history.type'");
            });
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "jpa", "none" })
    void historyStoreBeanReplacesTheConfiguredType(String type) {
        this.runner.withPropertyValues("apscheduler.history.type=" + type)
            .withUserConfiguration(OwnHistoryStore.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(HistoryStore.class).doesNotHaveBean(JpaHistoryStore.class);
                assertThat(builderSetting(context, "historyStore")).isSameAs(context.getBean("ownHistoryStore"));
            });
    }

    @Test
    void historyStoreBeanReplacesTheJpaTypeEvenWithoutJpa() {
        this.runner.withPropertyValues("apscheduler.history.type=jpa")
            .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.springframework.orm.jpa"))
            .withUserConfiguration(OwnHistoryStore.class)
            .run((context) -> assertThat(builderSetting(context, "historyStore"))
                .isSameAs(context.getBean("ownHistoryStore")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apscheduler.history.max-age=soon         | apscheduler.history.max-age          | invalid value 'soon': expected a positive duration
            apscheduler.history.max-age=0s           | apscheduler.history.max-age          | invalid value '0s': expected a positive duration
            apscheduler.history.max-runs-per-job=0   | apscheduler.history.max-runs-per-job | invalid value '0': expected a number >= 1
            apscheduler.history.prune-interval=0s    | apscheduler.history.prune-interval   | invalid value 'PT0S': expected a positive duration
            apscheduler.history.buffer-size=-5       | apscheduler.history.buffer-size      | invalid value '-5': expected a number >= 1
            """)
    void invalidValuesFailTheStartupNamingTheKey(String property, String key, String problem) {
        this.runner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + ":")
                .hasMessageContaining(problem);
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), this.environment.get());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("Invalid scheduler configuration: " + key + ":")
                .contains(problem);
            assertThat(analysis.getAction()).isEqualTo("Update '" + key + "' in your application's configuration.");
        });
    }

    @Test
    void unknownTypeFailsTheStartupNamingTheKeyTheValueAndTheTypes() {
        this.runner.withPropertyValues("apscheduler.history.type=mongodb").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), this.environment.get());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("apscheduler.history.type").contains("mongodb");
            assertThat(analysis.getAction()).contains("MEMORY").contains("JPA").contains("NONE");
        });
    }

    @Test
    void instanceNameNamesTheSchedulerInItsRunRecords() {
        this.runner.withPropertyValues("apscheduler.instance-name=node-a")
            .run((context) -> assertThat(builderSetting(context, "instanceName")).isEqualTo("node-a"));
        this.runner.withPropertyValues("apscheduler.instance-name= ")
            .run((context) -> assertThat(builderSetting(context, "instanceName")).isNull());
    }

    /**
     * Keeps the builder of the auto-configured scheduler as the last customizer sees it.
     */
    @Configuration(proxyBeanMethods = false)
    static class BuilderCapture {

        private BackgroundScheduler.@Nullable Builder builder;

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        SchedulerCustomizer capturingCustomizer() {
            return (builder) -> this.builder = builder;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHistoryStore {

        @Bean
        HistoryStore ownHistoryStore() {
            return new MemoryHistoryStore(3);
        }

    }

}
