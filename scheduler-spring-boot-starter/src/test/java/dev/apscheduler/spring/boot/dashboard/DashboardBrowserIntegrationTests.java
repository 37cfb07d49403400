package dev.apscheduler.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The dashboard in a real browser (headless Chromium): an operator finds a job, pauses it by a click and it stops
 * running, runs one now and sees its run, adds a job with a bad cron field and sees the error on that field, and
 * reschedules one. Writes are allowed without Spring Security here; the scheduler's clock is driven by the test.
 */
@SpringBootTest(classes = DashboardBrowserIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "apscheduler.dashboard.enabled=true", "apscheduler.dashboard.allow-unsecured-writes=true",
                "apscheduler.dashboard.refresh-interval=500ms" })
class DashboardBrowserIntegrationTests {

    private static Browser browser;

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Autowired
    private MutableClock clock;

    @Autowired
    private RunActivity activity;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void addJobs() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.clock.set(TestSchedulerConfiguration.T0);
        this.scheduler.flushHistory();
        history().prune(Instant.MAX, 0);
        this.scheduler.addJob(JobSpec.task("report").id("ticker").name("Minute report")
            .trigger("interval", Map.of("minutes", 1)));
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3", "minute",
                "30")));
        this.scheduler.addJob(JobSpec.task("failing").id("mailer").trigger("interval", Map.of("hours", 2)));
        for (int i = 0; i < 30; i++) {
            this.scheduler.addJob(JobSpec.task("report").id("invoice-%02d".formatted(i))
                .trigger("cron", Map.of("day", String.valueOf(i % 28 + 1), "hour", "6")));
        }
    }

    @Test
    void overviewShowsTheSchedulerItsStoresExecutorsAndTheLastHour() {
        this.scheduler.advance(Duration.ofMinutes(3));
        this.scheduler.runJob("mailer", null);
        browser.open(url(""));
        assertThat(browser.find("#scheduler-state").getText()).isEqualTo("RUNNING");
        assertThat(browser.find("#stores tr[data-store='default']").getText()).contains("memory").contains("UP");
        assertThat(browser.find("#executors tr[data-executor='default']").getText()).contains("direct");
        assertThat(browser.find("svg.chart").findElements(By.cssSelector("rect.bar-runs")))
            .hasSize(60);
        long runs = this.activity.lastHour().stream().mapToLong(RunActivity.MinuteView::runs).sum();
        assertThat(runs).isGreaterThanOrEqualTo(4);
        assertThat(browser.find("#runs-last-hour").getText()).isEqualTo(String.valueOf(runs));
        browser.screenshot("dashboard-overview");
    }

    @Test
    void findAJobAndPauseItByAClickAndItStopsRunning() {
        this.scheduler.advance(Duration.ofMinutes(2));
        assertThat(runsOf("ticker")).isEqualTo(2);
        browser.open(url("/jobs"));
        browser.find("#jobs-table tr[data-job-id='invoice-00']");
        browser.find("#job-search").sendKeys("tick");
        browser.waitFor((driver) -> browser.all("#jobs-table tbody tr").size() == 1);
        WebElement row = browser.find("#jobs-table tr[data-job-id='ticker']");
        assertThat(row.getText()).contains("every minute").contains("scheduled");
        browser.click("#jobs-table tr[data-job-id='ticker'] button[data-action='pause']");
        browser.find("#jobs-table tr[data-job-id='ticker'][data-paused='true']");
        assertThat(this.scheduler.getJob("ticker").orElseThrow().isPaused()).isTrue();
        this.scheduler.advance(Duration.ofMinutes(5));
        assertThat(runsOf("ticker")).as("runs after the pause").isEqualTo(2);
        assertThat(browser.find("#jobs-table tr[data-job-id='ticker']").getText()).contains("paused");
    }

    @Test
    void runAJobNowAndSeeItsRunAppear() {
        browser.open(url("/jobs/nightly"));
        assertThat(browser.find("#trigger-words").getText()).isEqualTo("at 03:30:00, every day (UTC)");
        assertThat(browser.all("#next-fire-times li")).hasSize(10);
        assertThat(browser.find("#runs-table").getText()).contains("No runs");
        browser.click("#job-actions button[data-action='run']");
        browser.waitFor((driver) -> {
            this.scheduler.flushHistory();
            return browser.all("#runs-table tr[data-outcome='SUCCESS']").size() == 1;
        });
        browser.open(url("/jobs/mailer"));
        browser.click("#job-actions button[data-action='run']");
        WebElement failed = browser.waitFor((driver) -> {
            this.scheduler.flushHistory();
            return browser.all("#runs-table tr[data-outcome='ERROR']").stream().findFirst().orElse(null);
        });
        assertThat(failed.getText()).contains("mail server refused the report");
        browser.screenshot("dashboard-job");
        browser.open(url("/failures"));
        assertThat(browser.find("#failures-table tr[data-outcome='ERROR']").getText()).contains("mailer");
    }

    @Test
    void addAJobWithABadCronFieldAndSeeTheErrorOnThatField() {
        browser.open(url("/jobs"));
        browser.find("#add-job").click();
        browser.find("#add-job-form [name='id']").sendKeys("weekly-digest");
        new Select(browser.find("#add-job-form [name='trigger']")).selectByValue("cron");
        browser.find("#add-job-form [name='params.day_of_week']").sendKeys("mon");
        WebElement minute = browser.find("#add-job-form [name='params.minute']");
        minute.sendKeys("61");
        browser.find("#add-job-form button[type='submit']").click();
        browser.find("#add-job-form [name='params.minute'].invalid");
        assertThat(minute.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("[data-error-for='params.minute']").getText()).contains("61");
        assertThat(browser.find("#add-job-form [name='params.day_of_week']").getAttribute("class"))
            .doesNotContain("invalid");
        assertThat(this.scheduler.getJob("weekly-digest")).isEmpty();
        browser.screenshot("dashboard-add-job-error");
        minute.clear();
        minute.sendKeys("15");
        browser.find("#add-job-form button[type='submit']").click();
        browser.find("#jobs-table tr[data-job-id='weekly-digest']");
        assertThat(this.scheduler.getJob("weekly-digest")).isPresent();
    }

    @Test
    void rescheduleAJob() {
        browser.open(url("/jobs/nightly"));
        browser.click("#job-actions button[data-action='reschedule']");
        new Select(browser.find("#reschedule-form [name='trigger']")).selectByValue("interval");
        browser.find("#reschedule-form [name='params.minutes']").sendKeys("10");
        browser.find("#reschedule-form button[type='submit']").click();
        browser.waitFor((driver) -> browser.find("#trigger-words").getText().startsWith("every 10 minutes"));
        assertThat(this.scheduler.getJob("nightly").orElseThrow().nextRunTime())
            .contains(TestSchedulerConfiguration.T0.plusMinutes(10));
    }

    @Test
    void screenshotOfTheJobsPageForTheReadme() {
        this.scheduler.advance(Duration.ofMinutes(7));
        this.scheduler.runJob("mailer", null);
        this.scheduler.pauseJob("invoice-03", null);
        this.scheduler.flushHistory();
        browser.open(url("/jobs"));
        browser.find("#jobs-table tr[data-job-id='mailer'] .badge.failing");
        browser.screenshot("dashboard-jobs");
        browser.open(url(""));
        browser.find("#stores");
        browser.screenshot("dashboard-overview");
    }

    private long runsOf(String jobId) {
        this.scheduler.flushHistory();
        return history().findRuns(jobId, 0, 1).total();
    }

    private HistoryStore history() {
        return this.scheduler.historyStore().orElseThrow();
    }

    private String url(String page) {
        return "http://localhost:" + this.port + "/apscheduler" + page;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestSchedulerConfiguration.class)
    static class TestApplication {

    }

}
