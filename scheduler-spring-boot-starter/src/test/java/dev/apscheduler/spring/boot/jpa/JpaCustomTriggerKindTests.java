package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.SchedulerCustomizer;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.TriggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A trigger kind of the application's own, registered as a {@link TriggerFactory} bean, in a fully auto-configured
 * application whose default store is the JPA store on H2: a job added with it by alias, and jobs declared with it by
 * {@code @ScheduledJob} and {@code apscheduler.jobs.*}, are stored as the kind's alias and parameters, restored by
 * the next start of the application on the same database, and fire. Without the bean, the JPA store refuses such a
 * job instead of storing it.
 */
class JpaCustomTriggerKindTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final MutableClock clock = MutableClock.at(T0);

    private final String database = "jdbc:h2:mem:custom-trigger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aJobWithACustomTriggerIsStoredRestoredAfterARestartAndFires() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(CustomTriggerApplication.class)) {
            Job added = first.getBean(Scheduler.class).addJob(JobSpec.task("ping").id("custom")
                .trigger("every", Map.of("seconds", 600, "start_date", "2030-01-01T00:10:00Z")));
            assertThat(added.trigger()).isEqualTo(EveryTrigger.every(Duration.ofMinutes(10), T0.plusMinutes(10)));
            assertThat(storedState(first, "custom")).contains("\"trigger\":{\"alias\":\"every\",\"params\":{"
                    + "\"seconds\":600,\"start_date\":\"2030-01-01T00:10Z\",\"timezone\":\"Z\"}}")
                .contains("\"next_run_time\":\"2030-01-01T00:10:00Z\"");
        }
        clock.set(T0.plusMinutes(10).toInstant());
        try (ConfigurableApplicationContext second = start(CustomTriggerApplication.class)) {
            Scheduler scheduler = second.getBean(Scheduler.class);
            Job restored = scheduler.getJob("custom").orElseThrow();
            assertThat(restored.trigger()).isEqualTo(EveryTrigger.every(Duration.ofMinutes(10), T0.plusMinutes(10)));
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(second.getBean(Pings.class).fireTimes("custom"))
                    .containsExactly(T0.plusMinutes(10)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storedState(second, "custom"))
                .contains("\"next_run_time\":\"2030-01-01T00:20:00Z\""));
        }
    }

    @Test
    void jobsDeclaredWithACustomTriggerByAnnotationAndPropertiesAreStoredAndFire() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(CustomTriggerApplication.class, "declared.enabled=true",
                "apscheduler.jobs.configured.task=ping", "apscheduler.jobs.configured.trigger=every",
                "apscheduler.jobs.configured.params.seconds=300",
                "apscheduler.jobs.configured.params.start-date=2030-01-01T00:05:00Z")) {
            Scheduler scheduler = first.getBean(Scheduler.class);
            assertThat(scheduler.getJob("annotated").orElseThrow().trigger())
                .isEqualTo(EveryTrigger.every(Duration.ofMinutes(15), T0.plusMinutes(15)));
            assertThat(scheduler.getJob("configured").orElseThrow().trigger())
                .isEqualTo(EveryTrigger.every(Duration.ofMinutes(5), T0.plusMinutes(5)));
            assertThat(storedState(first, "annotated")).contains("\"alias\":\"every\"", "\"seconds\":900");
            assertThat(storedState(first, "configured")).contains("\"alias\":\"every\"", "\"seconds\":300");
            clock.set(T0.plusMinutes(15).toInstant());
            scheduler.wakeup();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(first.getBean(Pings.class).fireTimes("annotated")).containsExactly(T0.plusMinutes(15));
                assertThat(first.getBean(Pings.class).fireTimes("configured")).contains(T0.plusMinutes(15));
            });
        }
    }

    @Test
    void withoutTheFactoryBeanTheJpaStoreRefusesTheJobInsteadOfStoringIt() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext context = start(PlainApplication.class)) {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThatExceptionOfType(InvalidJobException.class)
                .isThrownBy(() -> scheduler.addJob(JobSpec.task("ping").id("custom")
                    .trigger(EveryTrigger.every(Duration.ofMinutes(10), T0.plusMinutes(10)))))
                .withMessageStartingWith("Job 'custom' has a trigger of kind 'every' (every[PT10M]) that job store "
                        + "'default' could not restore, so it is not stored: unknown trigger alias 'every'")
                .withMessageContaining("with Spring Boot, as a bean");
            assertThat(jdbc(context).queryForObject("SELECT COUNT(*) FROM apscheduler_jobs", Integer.class))
                .isZero();
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
            .properties("spring.datasource.url=" + this.database, "spring.jpa.hibernate.ddl-auto=none",
                    "apscheduler.jobstores.default.type=jpa")
            .properties(properties)
            .logStartupInfo(false)
            .run();
    }

    private static String storedState(ConfigurableApplicationContext context, String id) {
        return jdbc(context).queryForObject("SELECT job_state FROM apscheduler_jobs WHERE id = ?", String.class, id);
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PlainApplication {

        @Bean
        Pings pings() {
            return new Pings();
        }

        @Bean
        SchedulerCustomizer testClock() {
            return (builder) -> builder.clock(clock).timezone(ZoneOffset.UTC);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class CustomTriggerApplication extends PlainApplication {

        @Bean
        TriggerFactory everyTriggerFactory() {
            return new EveryTriggerFactory();
        }

        @Bean
        @ConditionalOnBooleanProperty("declared.enabled")
        DeclaredJobs declaredJobs(Pings pings) {
            return new DeclaredJobs(pings);
        }

    }

    static class Pings {

        final List<Map.Entry<String, ZonedDateTime>> runs = new CopyOnWriteArrayList<>();

        @JobTask("ping")
        void ping(JobContext context) {
            this.runs.add(Map.entry(context.jobId(), context.scheduledFireTime().withZoneSameInstant(ZoneOffset.UTC)));
        }

        List<ZonedDateTime> fireTimes(String jobId) {
            return this.runs.stream().filter((run) -> run.getKey().equals(jobId)).map(Map.Entry::getValue).toList();
        }

    }

    static class DeclaredJobs {

        private final Pings pings;

        DeclaredJobs(Pings pings) {
            this.pings = pings;
        }

        @ScheduledJob(id = "annotated", trigger = "every", seconds = "900", startDate = "2030-01-01 00:15:00")
        void annotated(JobContext context) {
            this.pings.ping(context);
        }

    }

}
