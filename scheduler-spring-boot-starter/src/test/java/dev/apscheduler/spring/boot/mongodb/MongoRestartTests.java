package dev.apscheduler.spring.boot.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.SchedulerCustomizer;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.TriggerFactory;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code mongodb} store across restarts of a fully auto-configured application on the tests' MongoDB server: a job
 * declared with {@code @ScheduledJob} is kept when unchanged (its stored next run time, and the run missed while the
 * application was down handled by its options) and replaced when changed; a job that a start cannot restore (its
 * trigger kind is missing there) is kept, reported and listed, never deleted, and the next start that can restore it
 * again runs it.
 */
class MongoRestartTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final MutableClock clock = MutableClock.at(T0);

    private final String collection = "restart_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropCollection() {
        try (MongoClient client = MongoTestServer.client()) {
            client.getDatabase("apscheduler_restart").getCollection(this.collection).drop();
        }
    }

    @Test
    void anUnchangedAnnotatedJobKeepsItsStoredNextRunTimeAndRunsWhatWasMissed() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(ReportApplication.class, "report.minutes=10")) {
            assertThat(nextRunTime(first, "report")).isEqualTo(T0.plusMinutes(10));
        }
        clock.set(T0.plusMinutes(25).toInstant());
        try (ConfigurableApplicationContext second = start(ReportApplication.class, "report.minutes=10")) {
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(nextRunTime(second, "report")).isEqualTo(T0.plusMinutes(30)));
            assertThat(second.getBean(Pings.class).fireTimes("report")).containsExactly(T0.plusMinutes(20));
        }
    }

    @Test
    void aChangedAnnotatedJobReplacesTheStoredOne() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(ReportApplication.class, "report.minutes=10")) {
            assertThat(nextRunTime(first, "report")).isEqualTo(T0.plusMinutes(10));
        }
        clock.set(T0.plusMinutes(25).toInstant());
        try (ConfigurableApplicationContext second = start(ReportApplication.class, "report.minutes=15")) {
            Scheduler scheduler = second.getBean(Scheduler.class);
            assertThat(scheduler.getJob("report").orElseThrow().trigger().describe()).isEqualTo("interval[0:15:00]");
            assertThat(nextRunTime(second, "report")).isEqualTo(T0.plusMinutes(40));
            assertThat(second.getBean(Pings.class).fireTimes("report")).isEmpty();
        }
    }

    @Test
    void aJobAStartCannotRestoreIsKeptReportedAndListedAndRunsAgainWhenItCanBeRestored() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(CustomTriggerApplication.class)) {
            first.getBean(Scheduler.class).addJob(JobSpec.task("ping").id("custom")
                .trigger(EveryTrigger.every(Duration.ofMinutes(10), T0.plusMinutes(10))).misfireGraceTime(null));
        }
        String stored = storedState("custom");
        assertThat(stored).contains("\"every\"");
        // due while the application cannot restore it
        clock.set(T0.plusMinutes(15).toInstant());
        try (ConfigurableApplicationContext second = start(PlainApplication.class)) {
            Scheduler scheduler = second.getBean(Scheduler.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scheduler.unrestorableJobs("default"))
                .singleElement()
                .satisfies((job) -> assertThat(job.jobId()).isEqualTo("custom"))
                .extracting(UnrestorableJob::reason).asString().contains("every"));
            assertThat(second.getBean(RestoreFailures.class).jobIds).contains("custom");
            assertThat(scheduler.getJob("custom")).isEmpty();
            assertThat(scheduler.jobStores().get("default").counts())
                .hasValueSatisfying((counts) -> assertThat(counts.unrestorable()).isEqualTo(1));
            assertThat(second.getBean(Pings.class).fireTimes("custom")).isEmpty();
        }
        assertThat(storedState("custom")).isEqualTo(stored);
        try (ConfigurableApplicationContext third = start(CustomTriggerApplication.class)) {
            assertThat(third.getBean(Scheduler.class).unrestorableJobs("default")).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(third.getBean(Pings.class)
                .fireTimes("custom")).containsExactly(T0.plusMinutes(10)));
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(nextRunTime(third, "custom")).isEqualTo(T0.plusMinutes(20)));
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
            .properties("spring.mongodb.uri=" + MongoTestServer.uri(), "spring.mongodb.database=apscheduler_restart",
                    "apscheduler.jobstores.default.type=mongodb",
                    "apscheduler.jobstores.default.database=apscheduler_restart",
                    "apscheduler.jobstores.default.collection=" + this.collection,
                    "apscheduler.jobstores.default.look-ahead=0")
            .properties(properties)
            .logStartupInfo(false)
            .run();
    }

    private String storedState(String id) {
        try (MongoClient client = MongoTestServer.client()) {
            BsonDocument document = client.getDatabase("apscheduler_restart")
                .getCollection(this.collection, BsonDocument.class).find(Filters.eq("_id", id)).first();
            return (document != null) ? document.getDocument("state").toJson() : null;
        }
    }

    private static ZonedDateTime nextRunTime(ConfigurableApplicationContext context, String id) {
        return context.getBean(Scheduler.class).getJob(id).orElseThrow().nextRunTime().orElseThrow()
            .withZoneSameInstant(ZoneOffset.UTC);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PlainApplication {

        @Bean
        Pings pings() {
            return new Pings();
        }

        @Bean
        RestoreFailures restoreFailures(Scheduler scheduler) {
            RestoreFailures failures = new RestoreFailures();
            scheduler.addListener((event) -> failures.jobIds.add(((JobStoreEvent) event).jobId()),
                    EventCodes.JOB_RESTORE_FAILED);
            return failures;
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

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ReportApplication extends PlainApplication {

        @Bean
        @ConditionalOnBooleanProperty(name = "report.enabled", matchIfMissing = true)
        Reports reports(Pings pings) {
            return new Reports(pings);
        }

    }

    static class RestoreFailures {

        final List<String> jobIds = new CopyOnWriteArrayList<>();

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

    static class Reports {

        private final Pings pings;

        Reports(Pings pings) {
            this.pings = pings;
        }

        @ScheduledJob(id = "report", minutes = "${report.minutes}", misfireGraceTime = "none")
        void report(JobContext context) {
            this.pings.ping(context);
        }

    }

}
