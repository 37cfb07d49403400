package dev.apscheduler.spring.boot.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A persistent store across restarts of a fully auto-configured application: a job declared with
 * {@code @ScheduledJob} is kept when unchanged (its stored next run time, and the run missed while the application
 * was down handled by its options) and replaced when changed; a job that a start cannot restore (its trigger kind is
 * missing there) is kept, reported and listed, never deleted, and the next start that can restore it again runs it.
 * A store's tests extend it with the properties that put the default store on their server, and a look at what the
 * store keeps.
 */
public abstract class StoreRestartTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final MutableClock clock = MutableClock.at(T0);

    /**
     * Returns the properties that put the application's default store on the test's server, with a place of the
     * test's own.
     * @return the properties
     */
    protected abstract List<String> storeProperties();

    /**
     * Returns what the store keeps of a job's state, as text, to see that it is left untouched.
     * @param id the job's id
     * @return the stored state, or {@code null} when there is none
     */
    protected abstract @Nullable String storedState(String id);

    @Test
    void anUnchangedAnnotatedJobKeepsItsStoredNextRunTimeAndRunsWhatWasMissed() {
        clock.set(T0.toInstant());
        try (ConfigurableApplicationContext first = start(ReportApplication.class, "report.minutes=10")) {
            assertThat(nextRunTime(first, "report")).isEqualTo(T0.plusMinutes(10));
        }
        clock.set(T0.plusMinutes(25).toInstant());
        try (ConfigurableApplicationContext second = start(ReportApplication.class, "report.minutes=10")) {
            // the next run time is stored when the run is claimed, before it runs
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(nextRunTime(second, "report")).isEqualTo(T0.plusMinutes(30)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    second.getBean(Pings.class).fireTimes("report")).containsExactly(T0.plusMinutes(20)));
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
            .properties(storeProperties().toArray(String[]::new))
            .properties(properties)
            .logStartupInfo(false)
            .run();
    }

    private static ZonedDateTime nextRunTime(ConfigurableApplicationContext context, String id) {
        return context.getBean(Scheduler.class).getJob(id).orElseThrow().nextRunTime().orElseThrow()
            .withZoneSameInstant(ZoneOffset.UTC);
    }

    /**
     * An application with the test clock, a task and a listener of restore failures.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class PlainApplication {

        @Bean
        public Pings pings() {
            return new Pings();
        }

        @Bean
        public RestoreFailures restoreFailures(Scheduler scheduler) {
            RestoreFailures failures = new RestoreFailures();
            scheduler.addListener((event) -> failures.jobIds.add(((JobStoreEvent) event).jobId()),
                    EventCodes.JOB_RESTORE_FAILED);
            return failures;
        }

        @Bean
        public SchedulerCustomizer testClock() {
            return (builder) -> builder.clock(clock).timezone(ZoneOffset.UTC);
        }

    }

    /**
     * The application with a trigger kind of its own.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class CustomTriggerApplication extends PlainApplication {

        @Bean
        public TriggerFactory everyTriggerFactory() {
            return new EveryTriggerFactory();
        }

    }

    /**
     * The application with a job declared by annotation.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class ReportApplication extends PlainApplication {

        @Bean
        @ConditionalOnBooleanProperty(name = "report.enabled", matchIfMissing = true)
        public Reports reports(Pings pings) {
            return new Reports(pings);
        }

    }

    /**
     * The ids of the jobs reported as not restorable.
     */
    public static class RestoreFailures {

        final List<String> jobIds = new CopyOnWriteArrayList<>();

    }

    /**
     * The runs of the {@code ping} task.
     */
    public static class Pings {

        final List<Map.Entry<String, ZonedDateTime>> runs = new CopyOnWriteArrayList<>();

        @JobTask("ping")
        public void ping(JobContext context) {
            this.runs.add(Map.entry(context.jobId(), context.scheduledFireTime().withZoneSameInstant(ZoneOffset.UTC)));
        }

        public List<ZonedDateTime> fireTimes(String jobId) {
            return this.runs.stream().filter((run) -> run.getKey().equals(jobId)).map(Map.Entry::getValue).toList();
        }

    }

    /**
     * A job declared with {@code @ScheduledJob}, every {@code report.minutes} minutes.
     */
    public static class Reports {

        private final Pings pings;

        public Reports(Pings pings) {
            this.pings = pings;
        }

        @ScheduledJob(id = "report", minutes = "${report.minutes}", misfireGraceTime = "none")
        public void report(JobContext context) {
            this.pings.ping(context);
        }

    }

}
