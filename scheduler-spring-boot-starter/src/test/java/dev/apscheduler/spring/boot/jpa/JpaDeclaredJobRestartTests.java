package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.SchedulerCustomizer;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A job declared with {@code @ScheduledJob} and kept in the JPA store, across two starts of a fully auto-configured
 * application on the same database: unchanged, it keeps its stored next run time and the run missed while the
 * application was down is handled by its options; changed, it is replaced with a fresh next run time.
 */
class JpaDeclaredJobRestartTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final MutableClock clock = MutableClock.at(T0);

    private final String database = "jdbc:h2:mem:declared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void anUnchangedAnnotatedJobKeepsItsStoredNextRunTimeAndRunsWhatWasMissed() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(10)) {
            assertThat(nextRunTime(first)).isEqualTo(T0.plusMinutes(10));
        }
        clock.set(T0.plusMinutes(25).toInstant());
        try (ConfigurableApplicationContext second = start(10)) {
            Reports reports = second.getBean(Reports.class);
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(nextRunTime(second)).isEqualTo(T0.plusMinutes(30)));
            // the next run time is stored when the run is claimed, before it runs
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(reports.fireTimes).containsExactly(T0.plusMinutes(20)));
        }
    }

    @Test
    void aChangedAnnotatedJobReplacesTheStoredOne() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(10)) {
            assertThat(nextRunTime(first)).isEqualTo(T0.plusMinutes(10));
        }
        clock.set(T0.plusMinutes(25).toInstant());
        try (ConfigurableApplicationContext second = start(15)) {
            Scheduler scheduler = second.getBean(Scheduler.class);
            assertThat(scheduler.getJob("report").orElseThrow().trigger().describe()).isEqualTo("interval[0:15:00]");
            assertThat(nextRunTime(second)).isEqualTo(T0.plusMinutes(40));
            assertThat(second.getBean(Reports.class).fireTimes).isEmpty();
        }
    }

    private ConfigurableApplicationContext start(int minutes) {
        return new SpringApplicationBuilder(RestartApplication.class).web(WebApplicationType.NONE)
            .properties("spring.datasource.url=" + this.database, "spring.jpa.hibernate.ddl-auto=none",
                    "apscheduler.jobstores.default.type=jpa", "report.minutes=" + minutes)
            .logStartupInfo(false)
            .run();
    }

    private static ZonedDateTime nextRunTime(ConfigurableApplicationContext context) {
        return context.getBean(Scheduler.class).getJob("report").orElseThrow().nextRunTime().orElseThrow()
            .withZoneSameInstant(ZoneOffset.UTC);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class RestartApplication {

        @Bean
        Reports reports() {
            return new Reports();
        }

        @Bean
        SchedulerCustomizer testClock() {
            return (builder) -> builder.clock(clock).timezone(ZoneOffset.UTC);
        }

    }

    static class Reports {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        // retry and timeout options take part in the comparison with the stored definition, through the JSON
        @ScheduledJob(id = "report", minutes = "${report.minutes}", misfireGraceTime = "none", maxAttempts = "3",
                retryBackoff = "1.5", retryMultiplier = "1.5", retryOn = UncheckedIOException.class, timeout = "5m")
        void report(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime().withZoneSameInstant(ZoneOffset.UTC));
        }

    }

}
