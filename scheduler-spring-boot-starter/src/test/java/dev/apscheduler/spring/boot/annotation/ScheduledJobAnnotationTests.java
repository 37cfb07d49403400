package dev.apscheduler.spring.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import dev.apscheduler.spring.boot.support.RecordedEvents;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What {@code @ScheduledJob} declares: the trigger (given or inferred), the id, the task, the options, and methods
 * that really run when their time comes, with their context and return value.
 */
class ScheduledJobAnnotationTests {

    private static final ZonedDateTime T0 = ZonedDateTime.parse(ManualSchedulerConfiguration.T0);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class);

    @Test
    void intervalJobRunsEveryInterval() {
        this.contextRunner.withBean("ticker", Ticker.class).run((context) -> {
            context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(30));
            assertThat(context.getBean(Ticker.class).fireTimes).containsExactly(T0.plusSeconds(10),
                    T0.plusSeconds(20), T0.plusSeconds(30));
        });
    }

    @Test
    void crontabJobRunsOnItsSchedule() {
        this.contextRunner.withBean("reports", Crontab.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.getJob("reports.everyFiveMinutes").orElseThrow().trigger().alias()).isEqualTo("cron");
            scheduler.advance(Duration.ofMinutes(11));
            // a cron schedule matching the start time fires then, as APScheduler's does
            assertThat(context.getBean(Crontab.class).fireTimes).containsExactly(T0, T0.plusMinutes(5),
                    T0.plusMinutes(10));
        });
    }

    @Test
    void cronFieldsAloneMeanACronTrigger() {
        this.contextRunner.withBean("nightly", CronFields.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            Job job = scheduler.getJob("nightly.run").orElseThrow();
            assertThat(job.trigger().describe()).isEqualTo("cron[hour='3', minute='30']");
            assertThat(job.nextRunTime()).contains(T0.withHour(3).withMinute(30));
        });
    }

    @Test
    void dateJobRunsOnceAndIsRemoved() {
        this.contextRunner.withBean("once", Once.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.advance(Duration.ofMinutes(5));
            assertThat(context.getBean(Once.class).fireTimes).containsExactly(T0.plusMinutes(1));
            assertThat(scheduler.getJob("once.run")).isEmpty();
        });
    }

    @Test
    void repeatedAnnotationsDeclareSeveralJobsOfOneTask() {
        this.contextRunner.withBean("twice", Twice.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactlyInAnyOrder("fast", "slow");
            assertThat(scheduler.getJobs()).extracting((job) -> job.task().name()).containsOnly("twice.run");
            assertThat(scheduler.taskRegistry().names()).containsExactly("twice.run");
            scheduler.advance(Duration.ofSeconds(20));
            assertThat(context.getBean(Twice.class).jobIds).containsExactly("fast", "fast", "slow");
        });
    }

    @Test
    void worksAsAMetaAnnotation() {
        this.contextRunner.withBean("meta", Meta.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.getJob("meta.run").orElseThrow().trigger().describe()).isEqualTo("interval[0:00:10]");
        });
    }

    @Test
    void placeholdersAreResolved() {
        this.contextRunner.withBean("configured", Configured.class)
            .withPropertyValues("report.id=weekly-report", "report.minutes=15")
            .run((context) -> {
                Job job = context.getBean(ManualScheduler.class).getJob("weekly-report").orElseThrow();
                assertThat(job.trigger().describe()).isEqualTo("interval[0:15:00]");
            });
    }

    @Test
    void placeholderDefaultsApply() {
        this.contextRunner.withBean("configured", Configured.class)
            .run((context) -> assertThat(context.getBean(ManualScheduler.class).getJob("report").orElseThrow()
                .trigger()
                .describe()).isEqualTo("interval[0:05:00]"));
    }

    @Test
    void defaultsIdAndNameToBeanNameDotMethodNameAndOptionsToTheJobDefaults() {
        this.contextRunner.withBean("ticker", Ticker.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            Job job = scheduler.getJob("ticker.tick").orElseThrow();
            assertThat(job.name()).isEqualTo("ticker.tick");
            assertThat(job.task().name()).isEqualTo("ticker.tick");
            assertThat(job.executor()).isEqualTo("default");
            assertThat(job.jobstore()).isEqualTo("default");
            assertThat(job.misfireGraceTime()).isEqualTo(scheduler.jobDefaults().misfireGraceTimeIfLimited());
            assertThat(job.coalesce()).isEqualTo(scheduler.jobDefaults().coalesce());
            assertThat(job.maxInstances()).isEqualTo(scheduler.jobDefaults().maxInstances());
        });
    }

    @Test
    void appliesTheJobOptions() {
        this.contextRunner.withBean("options", WithOptions.class).run((context) -> {
            Job job = context.getBean(ManualScheduler.class).getJob("nightly", "archive").orElseThrow();
            assertThat(job.name()).isEqualTo("Nightly clean-up");
            assertThat(job.executor()).isEqualTo("inline");
            assertThat(job.jobstore()).isEqualTo("archive");
            assertThat(job.misfireGraceTime()).isEmpty();
            assertThat(job.coalesce()).isFalse();
            assertThat(job.maxInstances()).isEqualTo(3);
            assertThat(job.trigger().describe()).isEqualTo("cron[hour='2', minute='0', second='0']");
        });
    }

    @Test
    void misfireGraceTimeAcceptsTheCoresDurationForms() {
        this.contextRunner.withBean("grace", Grace.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.getJob("seconds").orElseThrow().misfireGraceTime()).contains(Duration.ofSeconds(30));
            assertThat(scheduler.getJob("unit").orElseThrow().misfireGraceTime()).contains(Duration.ofMinutes(5));
            assertThat(scheduler.getJob("iso").orElseThrow().misfireGraceTime()).contains(Duration.ofHours(1));
        });
    }

    @Test
    void appliesTheRetryAndTimeoutOptions() {
        this.contextRunner.withBean("exports", Exports.class).withPropertyValues("export.attempts=5").run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            Job job = scheduler.getJob("export").orElseThrow();
            assertThat(job.retryPolicy()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(30), 3.0,
                    Duration.ofMinutes(10), Duration.ofMillis(500),
                    List.of(IOException.class.getName(), TimeoutException.class.getName())));
            assertThat(job.timeout()).contains(Duration.ofMinutes(2));
            Job plain = scheduler.getJob("plain").orElseThrow();
            assertThat(plain.retryPolicy()).isEqualTo(RetryPolicy.NONE);
            assertThat(plain.timeout()).isEmpty();
        });
    }

    @Test
    void aFailedRunIsRetriedAfterItsBackoffUntilItSucceeds() {
        this.contextRunner.withBean("flaky", Flaky.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.advance(Duration.ofMinutes(2));
            assertThat(context.getBean(Flaky.class).attempts).containsExactly(
                    "attempt 1 at " + T0.plusMinutes(1), "attempt 2 at " + T0.plusSeconds(70),
                    "attempt 3 at " + T0.plusSeconds(90));
            assertThat(context.getBean(RecordedEvents.class).codeNames()).containsSubsequence("JOB_ERROR",
                    "JOB_RETRY_SCHEDULED", "JOB_ERROR", "JOB_RETRY_SCHEDULED", "JOB_EXECUTED");
            assertThat(scheduler.getJob("flaky.run")).as("a date job goes once its run succeeded").isEmpty();
        });
    }

    @Test
    void methodReceivesItsJobContextAndItsReturnValueIsReported() {
        this.contextRunner.withBean("reporter", Reporter.class).run((context) -> {
            context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(10));
            assertThat(context.getBean(Reporter.class).contexts).singleElement().satisfies((jobContext) -> {
                assertThat(jobContext.jobId()).isEqualTo("reporter.report");
                assertThat(jobContext.scheduledFireTime()).isEqualTo(T0.plusSeconds(10));
            });
            assertThat(context.getBean(RecordedEvents.class).executions("reporter.report"))
                .singleElement()
                .satisfies((event) -> {
                    assertThat(event.code()).isEqualTo(EventCodes.JOB_EXECUTED);
                    assertThat(event.returnValue()).isEqualTo("report #1");
                });
        });
    }

    @Test
    void anExceptionIsReportedAsAJobError() {
        this.contextRunner.withBean("failing", Failing.class).run((context) -> {
            context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(10));
            assertThat(context.getBean(RecordedEvents.class).executions("failing.run"))
                .singleElement()
                .satisfies((event) -> {
                    assertThat(event.code()).isEqualTo(EventCodes.JOB_ERROR);
                    assertThat(event.exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
                });
        });
    }

    @Test
    void findsAnnotationsOnInheritedMethods() {
        this.contextRunner.withBean("subclass", SubTicker.class)
            .run((context) -> assertThat(context.getBean(ManualScheduler.class).getJob("subclass.tick")).isPresent());
    }

    @Test
    void beansWithoutAnnotationsDeclareNothing() {
        this.contextRunner.withBean("plain", Plain.class).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.getJobs()).isEmpty();
            assertThat(scheduler.taskRegistry().names()).isEmpty();
        });
    }

    static class Ticker {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        @ScheduledJob(seconds = "10")
        void tick(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime());
        }

    }

    static class SubTicker extends Ticker {

    }

    static class Crontab {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        @ScheduledJob(cron = "*/5 * * * *")
        void everyFiveMinutes(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime());
        }

    }

    static class CronFields {

        @ScheduledJob(hour = "3", minute = "30")
        void run() {
        }

    }

    static class Once {

        final List<ZonedDateTime> fireTimes = new CopyOnWriteArrayList<>();

        @ScheduledJob(runDate = "2030-01-01 00:01:00")
        void run(JobContext context) {
            this.fireTimes.add(context.scheduledFireTime());
        }

    }

    static class Twice {

        final List<String> jobIds = new CopyOnWriteArrayList<>();

        @ScheduledJob(id = "fast", seconds = "10")
        @ScheduledJob(id = "slow", seconds = "20")
        void run(JobContext context) {
            this.jobIds.add(context.jobId());
        }

    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ScheduledJob(seconds = "10")
    @interface EveryTenSeconds {

    }

    static class Meta {

        @EveryTenSeconds
        void run() {
        }

    }

    static class Configured {

        @ScheduledJob(id = "${report.id:report}", minutes = "${report.minutes:5}")
        void run() {
        }

    }

    static class WithOptions {

        @ScheduledJob(id = "nightly", name = "Nightly clean-up", trigger = "cron", hour = "2", minute = "0",
                second = "0", misfireGraceTime = "none", coalesce = "false", maxInstances = "3", executor = "inline",
                jobstore = "archive")
        void run() {
        }

    }

    static class Grace {

        @ScheduledJob(id = "seconds", seconds = "10", misfireGraceTime = "30")
        @ScheduledJob(id = "unit", seconds = "10", misfireGraceTime = "5m")
        @ScheduledJob(id = "iso", seconds = "10", misfireGraceTime = "PT1H")
        void run() {
        }

    }

    static class Reporter {

        final List<JobContext> contexts = new CopyOnWriteArrayList<>();

        @ScheduledJob(seconds = "10")
        String report(JobContext context) {
            this.contexts.add(context);
            return "report #" + this.contexts.size();
        }

    }

    static class Failing {

        @ScheduledJob(seconds = "10")
        void run() {
            throw new IllegalStateException("boom");
        }

    }

    static class Exports {

        @ScheduledJob(id = "export", hours = "1", maxAttempts = "${export.attempts:2}", retryBackoff = "30s",
                retryMultiplier = "3", retryMaxBackoff = "PT10M", retryJitter = "0.5",
                retryOn = { IOException.class, TimeoutException.class }, timeout = "2m")
        @ScheduledJob(id = "plain", hours = "1", timeout = "none")
        void run() {
        }

    }

    static class Flaky {

        final List<String> attempts = new CopyOnWriteArrayList<>();

        private final Clock clock;

        Flaky(MutableClock clock) {
            this.clock = clock;
        }

        @ScheduledJob(runDate = "2030-01-01T00:01:00Z", maxAttempts = "3", retryBackoff = "10s")
        void run(JobContext context) {
            this.attempts.add("attempt " + context.attempt() + " at " + this.clock.instant().atZone(T0.getZone()));
            if (context.attempt() < 3) {
                throw new IllegalStateException("not yet");
            }
        }

    }

    static class Plain {

        void run() {
        }

    }

}
