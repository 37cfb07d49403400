package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Run history outlives the application: with {@code apscheduler.history.type=jpa}, the records one application saved
 * are found by the next one started on the same database file.
 */
class JpaHistoryRestartTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    private Path directory;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HistoryApplication.class).web(WebApplicationType.NONE)
            .properties("spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("history") + ";WRITE_DELAY=0",
                    "spring.jpa.hibernate.ddl-auto=none", "apscheduler.history.type=jpa",
                    "apscheduler.jpa.initialize-schema=always", "apscheduler.auto-startup=false")
            .logStartupInfo(false)
            .run();
    }

    @Test
    void recordsSavedBeforeARestartAreFoundAfterIt() {
        RunRecord failed = RunRecord.running(RunIds.next(), "nightly", "default", "default", "report", T0, 1, T0,
                "node-a").failed(RunOutcome.ERROR, T0.plusSeconds(3), new IllegalStateException("disk full"));
        RunRecord running = RunRecord.running(RunIds.next(), "nightly", "default", "default", "report", T0, 2,
                T0.plusSeconds(10), "node-a");
        try (ConfigurableApplicationContext application = start()) {
            HistoryStore history = application.getBean(HistoryStore.class);
            assertThat(history).isInstanceOf(JpaHistoryStore.class);
            history.save(List.of(failed, running));
        }
        try (ConfigurableApplicationContext application = start()) {
            HistoryStore history = application.getBean(HistoryStore.class);
            assertThat(history.findRuns("nightly", 0, 10).runs()).containsExactlyInAnyOrder(running, failed);
            assertThat(history.findFailures(0, 10).runs()).containsExactly(failed);
            RunRecord ended = running.succeeded(T0.plusSeconds(12), "done");
            history.save(List.of(ended));
            assertThat(history.findRun(running.runId())).contains(ended);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class,
            ApschedulerAutoConfiguration.class })
    static class HistoryApplication {

    }

}
