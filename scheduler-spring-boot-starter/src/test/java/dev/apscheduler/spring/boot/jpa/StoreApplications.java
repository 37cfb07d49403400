package dev.apscheduler.spring.boot.jpa;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.store.JobCodec;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Minimal Spring applications with the JPA job store on a test database: a data source, Hibernate, transactions and
 * the store's auto-configuration, which creates the tables of the job store and of the history. Each one stands for
 * one application instance; the shared ones stay open until the JVM ends.
 */
final class StoreApplications {

    private static final Map<String, ConfigurableApplicationContext> shared = new ConcurrentHashMap<>();

    private StoreApplications() {
    }

    /**
     * Returns the shared application number {@code instance} on a database, started on first use.
     */
    static ConfigurableApplicationContext shared(TestDatabase database, int instance) {
        database.require();
        return shared.computeIfAbsent(database + "#" + instance, (key) -> start(database, Map.of()));
    }

    /**
     * Starts a new application on a database, with extra properties.
     */
    static ConfigurableApplicationContext start(TestDatabase database, Map<String, Object> extra,
            Class<?>... sources) {
        database.require();
        Map<String, Object> properties = new LinkedHashMap<>(database.properties());
        properties.putAll(extra);
        return new SpringApplicationBuilder(StoreApplication.class).sources(sources).web(WebApplicationType.NONE)
            .properties(properties)
            .logStartupInfo(false)
            .run();
    }

    static JpaJobStore store(ConfigurableApplicationContext context) {
        return (JpaJobStore) context.getBean(JpaJobStoreFactory.class)
            .create(ComponentOptions.empty("apscheduler.jobstores.default."));
    }

    /**
     * Returns a new history store on an application's database, as the {@code jpa} history type creates it.
     */
    static JpaHistoryStore historyStore(ConfigurableApplicationContext context) {
        return new JpaHistoryStore(context.getBean(EntityManagerFactory.class), context.getBean(DataSource.class));
    }

    static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    /**
     * Empties the store's table and writes jobs into it directly, faster than the scheduler would.
     */
    static void replaceJobs(ConfigurableApplicationContext context, List<Job> jobs) {
        JdbcTemplate jdbc = jdbc(context);
        jdbc.update("DELETE FROM apscheduler_jobs");
        JobCodec codec = new JobCodec(ZoneOffset.UTC, Clock.systemUTC());
        List<Object[]> rows = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            rows.add(new Object[] { job.id(), JobRows.nextRunTime(job), codec.encode(job) });
        }
        jdbc.batchUpdate("INSERT INTO apscheduler_jobs (id, next_run_time, job_state, version) VALUES (?, ?, ?, 0)",
                rows);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class })
    static class StoreApplication {

    }

}
