package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.PersistentMemoryJobStore;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A job declared by annotation or in {@code apscheduler.jobs} and kept in a persistent store keeps its schedule state
 * across a restart while its definition is unchanged, so runs missed while the application was down are handled by
 * {@code misfire_grace_time} and {@code coalesce}; a changed definition replaces the stored job.
 */
class DeclaredJobRestartTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MutableClock clock = MutableClock.at(T0);

    private final JobStore store = new PersistentMemoryJobStore();

    @Test
    void anUnchangedAnnotatedJobKeepsItsNextRunTimeAndRunsWhatWasMissed() {
        runner("report.minutes=10").run((context) -> {
            scheduler(context).advance(Duration.ofMinutes(10));
            assertThat(context.getBean(Reports.class).fireTimes).containsExactly(T0.plusMinutes(10));
        });
        this.clock.set(T0.plusMinutes(25).toInstant());
        runner("report.minutes=10").run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            assertThat(scheduler.getJob("report").orElseThrow().nextRunTime()).contains(T0.plusMinutes(20));
            scheduler.runDue();
            assertThat(context.getBean(Reports.class).fireTimes).containsExactly(T0.plusMinutes(20));
            assertThat(scheduler.getJob("report").orElseThrow().nextRunTime()).contains(T0.plusMinutes(30));
        });
    }

    @Test
    void aChangedAnnotatedJobIsReplacedWithAFreshNextRunTime() {
        runner("report.minutes=10").run((context) -> scheduler(context).advance(Duration.ofMinutes(10)));
        this.clock.set(T0.plusMinutes(25).toInstant());
        runner("report.minutes=15").run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            Job job = scheduler.getJob("report").orElseThrow();
            assertThat(job.trigger().describe()).isEqualTo("interval[0:15:00]");
            assertThat(job.nextRunTime()).contains(T0.plusMinutes(40));
            scheduler.runDue();
            assertThat(context.getBean(Reports.class).fireTimes).isEmpty();
        });
    }

    @Test
    void aChangedOptionReplacesTheStoredJob() {
        runner("report.minutes=10").run((context) -> scheduler(context).advance(Duration.ofMinutes(10)));
        this.clock.set(T0.plusMinutes(25).toInstant());
        runner("report.minutes=10", "report.instances=2").run((context) -> {
            Job job = scheduler(context).getJob("report").orElseThrow();
            assertThat(job.maxInstances()).isEqualTo(2);
            assertThat(job.nextRunTime()).contains(T0.plusMinutes(35));
        });
    }

    @Test
    void aPausedJobStaysPausedWhileItsDefinitionIsUnchanged() {
        runner("report.minutes=10").run((context) -> scheduler(context).pauseJob("report"));
        this.clock.set(T0.plusHours(1).toInstant());
        runner("report.minutes=10").run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            assertThat(scheduler.getJob("report").orElseThrow().isPaused()).isTrue();
            scheduler.runDue();
            assertThat(context.getBean(Reports.class).fireTimes).isEmpty();
        });
    }

    @Test
    void anUnchangedCronJobKeepsItsNextRunTime() {
        runner("report.minutes=10").run((context) -> assertThat(scheduler(context).getJob("nightly").orElseThrow()
            .nextRunTime()).contains(T0.withHour(3)));
        this.clock.set(T0.plusHours(5).toInstant());
        runner("report.minutes=10").run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            assertThat(scheduler.getJob("nightly").orElseThrow().nextRunTime()).contains(T0.withHour(3));
            scheduler.runDue();
            assertThat(context.getBean(Reports.class).nightly).containsExactly(T0.withHour(3));
        });
    }

    @Test
    void anUnchangedConfiguredJobKeepsItsNextRunTime() {
        String[] purge = { "apscheduler.jobs.purge.task=purge", "apscheduler.jobs.purge.params.hours=1",
                "apscheduler.jobs.purge.args[0]=audit", "apscheduler.jobs.purge.kwargs.days=30" };
        runner(purge).run((context) -> scheduler(context).advance(Duration.ofHours(1)));
        this.clock.set(T0.plusMinutes(150).toInstant());
        runner(purge).run((context) -> assertThat(scheduler(context).getJob("purge").orElseThrow().nextRunTime())
            .contains(T0.plusHours(2)));
    }

    @Test
    void aConfiguredJobWithChangedArgumentsIsReplaced() {
        runner("apscheduler.jobs.purge.task=purge", "apscheduler.jobs.purge.params.hours=1",
                "apscheduler.jobs.purge.args[0]=audit", "apscheduler.jobs.purge.kwargs.days=30")
            .run((context) -> scheduler(context).advance(Duration.ofHours(1)));
        this.clock.set(T0.plusMinutes(150).toInstant());
        runner("apscheduler.jobs.purge.task=purge", "apscheduler.jobs.purge.params.hours=1",
                "apscheduler.jobs.purge.args[0]=audit", "apscheduler.jobs.purge.kwargs.days=60")
            .run((context) -> {
                Job job = scheduler(context).getJob("purge").orElseThrow();
                assertThat(job.kwargs()).containsEntry("days", "60");
                assertThat(job.nextRunTime()).contains(T0.plusMinutes(210));
            });
    }

    @Test
    void anUnchangedJobKeepsTheRetriesWaitingInItsState() {
        runner().withBean("exports", Exports.class).run((context) -> {
            scheduler(context).advance(Duration.ofMinutes(10));
            assertThat(scheduler(context).getJob("export").orElseThrow().pendingRetries()).singleElement()
                .satisfies((retry) -> {
                    assertThat(retry.attempt()).isEqualTo(2);
                    assertThat(retry.dueAt()).isEqualTo(T0.plusMinutes(15));
                });
        });
        this.clock.set(T0.plusMinutes(12).toInstant());
        runner().withBean("exports", Exports.class).run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            Job kept = scheduler.getJob("export").orElseThrow();
            assertThat(kept.pendingRetries()).hasSize(1);
            assertThat(kept.nextRunTime()).contains(T0.plusMinutes(20));
            scheduler.advance(Duration.ofMinutes(3));
            assertThat(context.getBean(Exports.class).attempts).containsExactly(2);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "export.attempts=4", "export.backoff=10m", "export.timeout=5m" })
    void aChangedRetryOrTimeoutOptionReplacesTheStoredJob(String change) {
        runner().withBean("exports", Exports.class)
            .run((context) -> assertThat(scheduler(context).getJob("export")).isPresent());
        this.clock.set(T0.plusMinutes(5).toInstant());
        runner(change).withBean("exports", Exports.class).run((context) -> {
            Job job = scheduler(context).getJob("export").orElseThrow();
            assertThat(job.nextRunTime()).contains(T0.plusMinutes(15));
            assertThat(List.of(job.retryPolicy().maxAttempts(), job.retryPolicy().backoff(), job.timeout()))
                .containsAnyOf(4, Duration.ofMinutes(10), Optional.of(Duration.ofMinutes(5)));
        });
    }

    @Test
    void aJobDeclaredInAnotherStoreIsMovedThere() {
        runner("report.minutes=10").run((context) -> assertThat(scheduler(context).getJob("report", "default"))
            .isPresent());
        runner("report.minutes=10", "report.store=archive").run((context) -> {
            ManualScheduler scheduler = scheduler(context);
            assertThat(scheduler.getJob("report", "default")).isEmpty();
            assertThat(scheduler.getJob("report", "archive")).isPresent();
        });
    }

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
            .withBean(ManualScheduler.class, () -> ManualScheduler.builder()
                .clock(this.clock)
                .timezone(ZoneOffset.UTC)
                .jobStore("default", this.store)
                .jobStore("archive", new MemoryJobStore())
                .build())
            .withBean("reports", Reports.class)
            .withPropertyValues("report.minutes=10", "report.instances=1", "report.store=default")
            .withPropertyValues(properties);
    }

    private static ManualScheduler scheduler(org.springframework.context.ApplicationContext context) {
        return context.getBean(ManualScheduler.class);
    }

    static class Exports {

        final List<Integer> attempts = new CopyOnWriteArrayList<>();

        @ScheduledJob(id = "export", minutes = "10", misfireGraceTime = "none", maxAttempts = "${export.attempts:3}",
                retryBackoff = "${export.backoff:5m}", timeout = "${export.timeout:none}")
        void export(JobContext context) {
            this.attempts.add(context.attempt());
            throw new IllegalStateException("upstream is down");
        }

    }

    static class Reports {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        final List<ZonedDateTime> nightly = new CopyOnWriteArrayList<>();

        @ScheduledJob(id = "report", minutes = "${report.minutes}", misfireGraceTime = "none",
                maxInstances = "${report.instances}", jobstore = "${report.store}")
        void report(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime());
        }

        @ScheduledJob(id = "nightly", hour = "3", misfireGraceTime = "none")
        void nightly(JobContext context) {
            this.nightly.add(context.scheduledFireTime());
        }

        @JobTask("purge")
        void purge(String table, int days) {
        }

    }

}
