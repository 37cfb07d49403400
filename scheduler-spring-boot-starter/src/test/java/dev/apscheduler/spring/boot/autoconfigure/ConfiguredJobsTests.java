package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Jobs declared in {@code apscheduler.jobs.<id>}: a registered task on a trigger given by alias and parameters, with
 * arguments and options, checked at startup with errors naming the property key.
 */
class ConfiguredJobsTests {

    private static final ZonedDateTime T0 = ZonedDateTime.parse(ManualSchedulerConfiguration.T0);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class)
        .withBean("maintenance", Maintenance.class);

    @Test
    void runsTheTaskOnTheTriggerWithTheArguments() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.purge.task=purge", "apscheduler.jobs.purge.trigger=interval",
                    "apscheduler.jobs.purge.params.minutes=5", "apscheduler.jobs.purge.args[0]=audit",
                    "apscheduler.jobs.purge.kwargs.days=30")
            .run((context) -> {
                ManualScheduler scheduler = context.getBean(ManualScheduler.class);
                scheduler.advance(Duration.ofMinutes(10));
                assertThat(context.getBean(Maintenance.class).runs).containsExactly(
                        "purge audit older than 30 days at " + T0.plusMinutes(5),
                        "purge audit older than 30 days at " + T0.plusMinutes(10));
                Job job = scheduler.getJob("purge").orElseThrow();
                assertThat(job.name()).isEqualTo("purge");
                assertThat(job.args()).containsExactly("audit");
                assertThat(job.kwargs()).containsEntry("days", "30");
            });
    }

    @Test
    void infersACronTriggerFromACrontab() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.nightly.task=vacuum",
                    "apscheduler.jobs.nightly.params.crontab=0 3 * * *")
            .run((context) -> assertThat(trigger(context.getBean(Scheduler.class), "nightly"))
                .isEqualTo("cron[crontab='0 3 * * *']"));
    }

    @Test
    void infersACronTriggerFromCronFieldsInAnySpelling() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.weekly.task=vacuum", "apscheduler.jobs.weekly.params.day-of-week=mon",
                    "apscheduler.jobs.weekly.params.hour=6")
            .run((context) -> assertThat(trigger(context.getBean(Scheduler.class), "weekly"))
                .isEqualTo("cron[day_of_week='mon', hour='6']"));
    }

    @Test
    void infersAnIntervalTriggerFromIntervalUnits() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.often.task=vacuum", "apscheduler.jobs.often.params.hours=2")
            .run((context) -> assertThat(trigger(context.getBean(Scheduler.class), "often"))
                .isEqualTo("interval[2:00:00]"));
    }

    @Test
    void appliesTheJobOptions() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.nightly.task=vacuum", "apscheduler.jobs.nightly.name=Nightly vacuum",
                    "apscheduler.jobs.nightly.params.hour=3", "apscheduler.jobs.nightly.executor=inline",
                    "apscheduler.jobs.nightly.jobstore=archive", "apscheduler.jobs.nightly.coalesce=false",
                    "apscheduler.jobs.nightly.max-instances=2", "apscheduler.jobs.nightly.misfire-grace-time=none")
            .run((context) -> {
                Job job = context.getBean(Scheduler.class).getJob("nightly", "archive").orElseThrow();
                assertThat(job.name()).isEqualTo("Nightly vacuum");
                assertThat(job.executor()).isEqualTo("inline");
                assertThat(job.coalesce()).isFalse();
                assertThat(job.maxInstances()).isEqualTo(2);
                assertThat(job.misfireGraceTime()).isEmpty();
            });
    }

    @Test
    void appliesTheRetryAndTimeoutOptions() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.export.task=vacuum", "apscheduler.jobs.export.params.hours=1",
                    "apscheduler.jobs.export.max-attempts=4", "apscheduler.jobs.export.retry-backoff=15s",
                    "apscheduler.jobs.export.retry-multiplier=1.5", "apscheduler.jobs.export.retry-max-backoff=PT2M",
                    "apscheduler.jobs.export.retry-jitter=1", "apscheduler.jobs.export.retry-on[0]=java.io.IOException",
                    "apscheduler.jobs.export.retry-on[1]=java.util.concurrent.TimeoutException",
                    "apscheduler.jobs.export.timeout=90", "apscheduler.jobs.plain.task=vacuum",
                    "apscheduler.jobs.plain.params.hours=1", "apscheduler.jobs.plain.timeout=none")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                Job job = scheduler.getJob("export").orElseThrow();
                assertThat(job.retryPolicy()).isEqualTo(new RetryPolicy(4, Duration.ofSeconds(15), 1.5,
                        Duration.ofMinutes(2), Duration.ofSeconds(1),
                        List.of("java.io.IOException", "java.util.concurrent.TimeoutException")));
                assertThat(job.timeout()).contains(Duration.ofSeconds(90));
                Job plain = scheduler.getJob("plain").orElseThrow();
                assertThat(plain.retryPolicy()).isEqualTo(RetryPolicy.NONE);
                assertThat(plain.timeout()).isEmpty();
            });
    }

    @Test
    void retryOnTakesACommaSeparatedListOfNestedAndTopLevelClasses() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.export.task=vacuum", "apscheduler.jobs.export.params.hours=1",
                    "apscheduler.jobs.export.max-attempts=2",
                    "apscheduler.jobs.export.retry-on=java.io.UncheckedIOException, " + Outage.class.getCanonicalName())
            .run((context) -> assertThat(context.getBean(Scheduler.class).getJob("export").orElseThrow()
                .retryPolicy()
                .retryOn()).containsExactly("java.io.UncheckedIOException", Outage.class.getName()));
    }

    @Test
    void misfireGraceTimeTakesTheCoresDurationForms() {
        this.contextRunner
            .withPropertyValues("apscheduler.jobs.nightly.task=vacuum", "apscheduler.jobs.nightly.params.hour=3",
                    "apscheduler.jobs.nightly.misfire-grace-time=5m")
            .run((context) -> assertThat(context.getBean(Scheduler.class).getJob("nightly").orElseThrow()
                .misfireGraceTime()).contains(Duration.ofMinutes(5)));
    }

    @Test
    void runsTasksRegisteredProgrammatically() {
        this.contextRunner.withBean(PingRegistrar.class)
            .withPropertyValues("apscheduler.jobs.ping.task=ping", "apscheduler.jobs.ping.params.seconds=30")
            .run((context) -> {
                context.getBean(ManualScheduler.class).advance(Duration.ofMinutes(1));
                assertThat(context.getBean(PingRegistrar.class).pings).hasSize(2);
            });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apscheduler.jobs.purge.params.hour=3                                                              | apscheduler.jobs.purge.task               | a task is required
            apscheduler.jobs.purge.task=nope,apscheduler.jobs.purge.params.hour=3                             | apscheduler.jobs.purge.task               | no task named 'nope' is registered (registered: purge, vacuum)
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=25                          | apscheduler.jobs.purge.params.hour        | cron field 'hour'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.crontab=0 3 * *                  | apscheduler.jobs.purge.params.crontab     | expected 5 fields
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.trigger=cron,apscheduler.jobs.purge.params.colour=red | apscheduler.jobs.purge.params.colour | unknown parameter 'colour'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.trigger=weekly,apscheduler.jobs.purge.params.hour=3   | apscheduler.jobs.purge.trigger      | unknown trigger alias 'weekly'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.name=x                                  | apscheduler.jobs.purge.trigger            | no trigger: set 'trigger' and its 'params'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.days=1,apscheduler.jobs.purge.params.hour=3   | apscheduler.jobs.purge.trigger      | cannot tell the trigger from the params [days, hour]
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.executor=gpu    | apscheduler.jobs.purge.executor     | no executor is configured under the alias 'gpu' (configured: default, inline)
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.jobstore=redis  | apscheduler.jobs.purge.jobstore     | no job store is configured under the alias 'redis'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.misfire-grace-time=soon | apscheduler.jobs.purge.misfire-grace-time | invalid value 'soon'
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.max-instances=0 | apscheduler.jobs.purge.max-instances | invalid value '0': expected a number >= 1
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.max-attempts=0 | apscheduler.jobs.purge.max-attempts | max_attempts must be between 1 and 1000, was 0
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-backoff=soon | apscheduler.jobs.purge.retry-backoff | invalid value 'soon': expected a duration
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-multiplier=0.5 | apscheduler.jobs.purge.retry-multiplier | retry_multiplier must be between 1 and 100, was 0.5
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-backoff=10s,apscheduler.jobs.purge.retry-max-backoff=5s | apscheduler.jobs.purge.retry-max-backoff | retry_max_backoff must be at least retry_backoff (PT10S) and at most 365 days, was PT5S
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-jitter=2d | apscheduler.jobs.purge.retry-jitter | retry_jitter must be between 0 and 1 day, was PT48H
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-on=java.io.IOExeption | apscheduler.jobs.purge.retry-on | invalid value 'java.io.IOExeption': no such class on the class path
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.retry-on=java.lang.String | apscheduler.jobs.purge.retry-on | invalid value 'java.lang.String': not an exception class (a Throwable)
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.timeout=0s | apscheduler.jobs.purge.timeout | timeout must be positive and at most 365 days, or null (none), was PT0S
            apscheduler.jobs.purge.task=vacuum,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.timeout=forever | apscheduler.jobs.purge.timeout | invalid value 'forever': expected a duration
            apscheduler.jobs.purge.task=purge,apscheduler.jobs.purge.params.hour=3                            | apscheduler.jobs.purge.args               | no value for parameter 'table'
            apscheduler.jobs.purge.task=purge,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.args[0]=a,apscheduler.jobs.purge.args[1]=1,apscheduler.jobs.purge.args[2]=x | apscheduler.jobs.purge.args | takes 2 positional arguments but 3 were given
            apscheduler.jobs.purge.task=purge,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.args[0]=a,apscheduler.jobs.purge.kwargs.days=1,apscheduler.jobs.purge.kwargs.weeks=1 | apscheduler.jobs.purge.kwargs | has no parameter for kwargs [weeks]
            apscheduler.jobs.purge.task=purge,apscheduler.jobs.purge.params.hour=3,apscheduler.jobs.purge.args[0]=a,apscheduler.jobs.purge.args[1]=many | apscheduler.jobs.purge.args | args[1] = many cannot be converted to int
            """)
    void invalidJobsFailTheStartupNamingThePropertyKey(String properties, String key, String problem) {
        this.contextRunner.withPropertyValues(properties.split(",")).run((context) -> {
            assertThat(context).hasFailed();
            ConfigurationException failure = findCause(context.getStartupFailure(), ConfigurationException.class);
            assertThat(failure.key()).isEqualTo(key);
            assertThat(failure).hasMessageStartingWith(key + ": ").hasMessageContaining(problem);
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("Invalid scheduler configuration: " + failure.getMessage());
            assertThat(analysis.getAction()).isEqualTo("Update '" + key + "' in your application's configuration.");
        });
    }

    @Test
    void anIdAlsoDeclaredByAnnotationFailsTheStartupNamingBoth() {
        this.contextRunner.withBean("reports", Reports.class)
            .withPropertyValues("apscheduler.jobs.report.task=vacuum", "apscheduler.jobs.report.params.hour=3")
            .run((context) -> {
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("job id 'report' is also declared by")
                    .contains("apscheduler.jobs.report")
                    .contains(Reports.class.getName() + ".run()");
            });
    }

    private static String trigger(Scheduler scheduler, String jobId) {
        return scheduler.getJob(jobId).orElseThrow().trigger().describe();
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        Throwable candidate = failure;
        while (candidate != null) {
            if (type.isInstance(candidate)) {
                return type.cast(candidate);
            }
            candidate = candidate.getCause();
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    static class Maintenance {

        final List<String> runs = new CopyOnWriteArrayList<>();

        @JobTask("purge")
        void purge(String table, int days, JobContext context) {
            this.runs.add("purge " + table + " older than " + days + " days at " + context.scheduledFireTime());
        }

        @JobTask("vacuum")
        void vacuum() {
        }

    }

    static class Outage extends RuntimeException {

        private static final long serialVersionUID = 1L;

    }

    static class Reports {

        @ScheduledJob(id = "report", hours = "1")
        void run() {
        }

    }

    static class PingRegistrar {

        final List<ZonedDateTime> pings = new CopyOnWriteArrayList<>();

        private final Scheduler scheduler;

        PingRegistrar(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @PostConstruct
        void register() {
            this.scheduler.taskRegistry()
                .registerAction("ping", (context) -> this.pings.add(context.scheduledFireTime()));
        }

    }

}
