package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The Spring Boot example of README.md: its {@code application.yml}, read from the README itself, and its annotated
 * bean, as written there, give the jobs the README says they give.
 */
class ReadmeSpringBootExampleTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(readmeYaml("## Spring Boot")))
        .withBean("reports", Reports.class);

    @Test
    void readmeRetriesAndTimeoutsExampleGivesTheSameOptionsToBothJobs() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
            .withInitializer((context) -> context.getEnvironment().getPropertySources()
                .addFirst(readmeYaml("### Retries and timeouts")))
            .withBean("invoices", Invoices.class)
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), RetryPolicy.NONE.multiplier(),
                        Duration.ofMinutes(10), Duration.ZERO, List.of(IOException.class.getName()));
                for (String id : List.of("invoices.exportInvoices", "nightly-export")) {
                    Job job = scheduler.getJob(id).orElseThrow();
                    assertThat(job.retryPolicy()).as(id).isEqualTo(policy);
                    assertThat(job.timeout()).as(id).contains(Duration.ofMinutes(15));
                    assertThat(job.trigger().describe()).as(id).isEqualTo("cron[crontab='0 3 * * *']");
                }
            });
    }

    @Test
    void readmeApplicationYmlAndBeanGiveTheJobsTheReadmeDescribes() {
        this.contextRunner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
            assertThat(scheduler.jobDefaults().misfireGraceTime()).isEqualTo(Duration.ofSeconds(30));
            assertThat(scheduler.executors().get("default")).satisfies((executor) -> {
                assertThat(executor.type()).isEqualTo("threadpool");
                assertThat(executor.maxWorkers()).isEqualTo(20);
            });
            assertThat(scheduler.getJobs()).extracting(Job::id)
                .containsExactlyInAnyOrder("reports.dailyDigest", "cleanup", "weekly-report");
            assertThat(describe(scheduler, "reports.dailyDigest")).isEqualTo("cron[crontab='0 7 * * mon-fri']");
            assertThat(describe(scheduler, "cleanup")).isEqualTo("interval[0:15:00]");
            assertThat(scheduler.getJob("cleanup").orElseThrow().misfireGraceTime()).isEmpty();
            Job weekly = scheduler.getJob("weekly-report").orElseThrow();
            assertThat(weekly.task().name()).isEqualTo("send-report");
            assertThat(weekly.trigger().describe()).isEqualTo("cron[day_of_week='mon', hour='8']");
            assertThat(weekly.args()).containsExactly("ops@example.com");
            scheduler.runJob("weekly-report");
            await().until(() -> context.getBean(Reports.class).sentTo.contains("ops@example.com"));
        });
    }

    private static String describe(Scheduler scheduler, String jobId) {
        return scheduler.getJob(jobId).orElseThrow().trigger().describe();
    }

    /** Reads the first YAML block that follows a heading of the README. */
    private static PropertySource<?> readmeYaml(String heading) {
        try {
            String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
            String section = readme.substring(readme.indexOf(heading + "\n"));
            int start = section.indexOf("```yaml\n") + "```yaml\n".length();
            String yaml = section.substring(start, section.indexOf("```", start));
            return new YamlPropertySourceLoader()
                .load("README.md", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                .get(0);
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot read the README's application.yml", ex);
        }
    }

    @SuppressWarnings("unused")
    public static class Invoices {

        @ScheduledJob(cron = "0 3 * * *", maxAttempts = "5", retryBackoff = "30s", retryMaxBackoff = "10m",
                retryOn = IOException.class, timeout = "15m")
        public void exportInvoices() {
        }

        @JobTask("export-invoices")
        public void export() {
        }

    }

    @SuppressWarnings("unused")
    public static class Reports {

        final List<String> sentTo = new CopyOnWriteArrayList<>();

        @ScheduledJob(cron = "0 7 * * mon-fri")                               // crontab: weekdays at 07:00
        public void dailyDigest() {
        }

        @ScheduledJob(id = "cleanup", minutes = "${reports.cleanup-every:15}", misfireGraceTime = "none")
        public int cleanup(JobContext context) {                               // the return value goes to the events
            return purgeOlderThan(context.scheduledFireTime().minusDays(30));
        }

        @JobTask("send-report")                                                // a task for jobs added at run time
        public void sendReport(String recipient, JobContext context) {
            this.sentTo.add(recipient);
        }

        private int purgeOlderThan(ZonedDateTime time) {
            return 0;
        }

    }

}
