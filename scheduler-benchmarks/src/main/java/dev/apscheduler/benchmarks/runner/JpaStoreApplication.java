package dev.apscheduler.benchmarks.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.spring.boot.jpa.JpaJobStore;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A minimal Spring Boot application holding our JPA job store, as an application using the starter has it: Boot's
 * data source (HikariCP), Hibernate and transactions, and the store's auto-configuration, which creates the
 * {@code apscheduler_jobs} table. Used by {@link ApschedulerRunner} through {@link Systems}; closing it closes the
 * application and then the PostgreSQL schema, if any.
 */
final class JpaStoreApplication implements AutoCloseable {

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private static final String HISTORY = "apscheduler.history.type";

    private final ConfigurableApplicationContext context;

    private final @Nullable PostgresSchema schema;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private JpaStoreApplication(Map<String, Object> properties, @Nullable PostgresSchema schema, String database) {
        this.schema = schema;
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("spring.jpa.hibernate.ddl-auto", "none");
        all.put("spring.jpa.open-in-view", "false");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(RunnerEnvironment.WORKERS + 3));
        all.put("apscheduler.jobstores.default.type", "jpa");
        all.put("apscheduler.jpa.initialize-schema", "always");
        if (properties.containsKey(HISTORY)) {
            this.settings.put("history", "jpa on " + database);
        }
        // Logging stays with slf4j-simple at WARN, as for every other system.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        this.context = new SpringApplicationBuilder(StoreApplication.class).web(WebApplicationType.NONE)
            .properties(all).logStartupInfo(false).run();
        this.settings.put("store", "jpa on " + database + " (Hibernate " + Versions.of("hibernate") + ", HikariCP "
                + Versions.of("hikaricp") + " pool of " + (RunnerEnvironment.WORKERS + 3) + ")");
        this.settings.put("jpa_max_wait", JpaJobStore.DEFAULT_MAX_WAIT.toString());
        this.settings.put("jpa_look_ahead", JpaJobStore.DEFAULT_LOOK_AHEAD.toString());
    }

    /**
     * Starts the application on a new in-memory H2 database.
     * @return the application
     */
    static JpaStoreApplication h2(RunnerEnvironment environment) {
        String url = "jdbc:h2:mem:apsbench-" + H2_DATABASES.incrementAndGet();
        return new JpaStoreApplication(history(environment, Map.of("spring.datasource.url", url,
                "spring.datasource.username", "sa", "spring.datasource.password", "")), null,
                "H2 " + Versions.of("h2") + " in memory");
    }

    private static Map<String, Object> history(RunnerEnvironment environment, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        if ("jpa".equals(environment.history())) {
            all.put(HISTORY, "jpa");
        }
        return all;
    }

    /**
     * Starts the application on a new schema of the PostgreSQL server.
     * @param environment where the server is
     * @return the application
     */
    static JpaStoreApplication postgres(RunnerEnvironment environment) {
        PostgresSchema schema = PostgresSchema.create(environment, RunnerEnvironment.schema("jpa"), 1, null);
        try {
            return new JpaStoreApplication(history(environment, Map.of("spring.datasource.url", schema.jdbcUrl(),
                    "spring.datasource.username", environment.postgresUser(), "spring.datasource.password",
                    environment.postgresPassword())), schema, "PostgreSQL, schema " + schema.name());
        }
        catch (RuntimeException ex) {
            schema.close();
            throw ex;
        }
    }

    /**
     * Starts the application on a schema another application created, as a second instance sharing its database;
     * closing it leaves the schema to its owner.
     * @param environment where the server is
     * @param schema the schema
     * @return the application
     */
    static JpaStoreApplication sharing(RunnerEnvironment environment, PostgresSchema schema) {
        return new JpaStoreApplication(history(environment, Map.of("spring.datasource.url", schema.jdbcUrl(),
                "spring.datasource.username", environment.postgresUser(), "spring.datasource.password",
                environment.postgresPassword())), null, "PostgreSQL, schema " + schema.name());
    }

    /**
     * Returns the store factory the scheduler's auto-configuration would hand the scheduler.
     * @return the factory of type {@code jpa}
     */
    JpaJobStoreFactory factory() {
        return this.context.getBean(JpaJobStoreFactory.class);
    }

    /**
     * Creates the store as the scheduler's auto-configuration would for {@code apscheduler.jobstores.default}.
     * @return a store, not started
     */
    JpaJobStore store() {
        return (JpaJobStore) this.context.getBean(JpaJobStoreFactory.class)
            .create(ComponentOptions.empty("apscheduler.jobstores.default."));
    }

    /**
     * Returns the JPA history the application configured ({@code --history jpa}).
     * @return the history store, or empty
     */
    java.util.Optional<HistoryStore> historyStore() {
        return this.context.getBeanProvider(HistoryStore.class).stream().findFirst();
    }

    Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void close() {
        try {
            this.context.close();
        }
        finally {
            if (this.schema != null) {
                this.schema.close();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class })
    static class StoreApplication {

    }

}
