package dev.apscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * The scheduler example of README.md, as written there, so that the documentation keeps compiling and doing what it
 * says.
 */
class ReadmeSchedulerExamplesTests {

    private final Reports reports = new Reports();

    @Test
    void readmeExampleSchedulesAndRunsItsJobs() {
        Reports reports = this.reports;
        List<Object> printed = new CopyOnWriteArrayList<>();

        BackgroundScheduler scheduler = BackgroundScheduler.builder()
            .timezone(ZoneId.of("UTC"))
            .config(Map.of("apscheduler.executors.default.max_workers", "20",      // APScheduler's flat form
                           "apscheduler.job_defaults.coalesce", "false"))
            .build();
        scheduler.taskRegistry().registerAction("send-report", (context) -> reports.send(context.kwarg("to").orElse("everyone")));

        scheduler.addJob("send-report", "interval", Map.of("seconds", 2));        // add_job(func, 'interval', seconds=2)
        scheduler.addJob(JobSpec.task("send-report").id("nightly").kwargs(Map.of("to", "ops"))
            .trigger(Triggers.cron().hour("3").build())
            .misfireGraceTime(Duration.ofMinutes(5)).maxInstances(1).replaceExisting(true));
        scheduler.addJob(() -> printed.add("once, now"), Triggers.date(ZonedDateTime.now()));  // memory store only
        scheduler.addListener((event) -> printed.add(event), EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR);
        scheduler.start();

        await().until(() -> printed.contains("once, now"));
        assertThat(scheduler.getJobs()).hasSize(2);
        assertThat(scheduler.jobDefaults().coalesce()).isFalse();
        scheduler.pauseJob("nightly");
        scheduler.runJob("nightly");                                              // run now, outside the trigger
        await().until(() -> reports.sentTo.contains("ops"));
        scheduler.shutdown();                                                     // waits for running jobs (bounded)
        assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
    }

    static final class Reports {

        final List<String> sentTo = new CopyOnWriteArrayList<>();

        void send(Object to) {
            this.sentTo.add(to.toString());
        }

    }

}
