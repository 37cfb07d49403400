package dev.apscheduler.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The dashboard of an application secured by Spring Security (Spring Boot's own setup: every request authenticated,
 * a login form, CSRF protection), in a real browser: anonymous users are refused, a user without the write role
 * reads but cannot act, a user with it acts by a click.
 */
@SpringBootTest(classes = DashboardSecurityBrowserIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.autoconfigure.exclude=", "apscheduler.dashboard.enabled=true",
                "apscheduler.dashboard.refresh-interval=500ms" })
class DashboardSecurityBrowserIntegrationTests {

    private static Browser browser;

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Autowired
    private DashboardAccess access;

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
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void theDashboardIsSecuredWhenTheApplicationUsesSpringSecurity() {
        assertThat(this.access.mode()).isEqualTo(DashboardAccess.Mode.SECURED);
    }

    @Test
    void anonymousUsersAreRefused() {
        DashboardHttp http = new DashboardHttp(this.port, "/apscheduler");
        assertThat(http.get("/api/jobs").status()).isEqualTo(401);
        assertThat(http.post("/api/jobs/nightly/pause", null).status()).isIn(401, 403);
        browser.open(url("/jobs"));
        browser.waitFor((driver) -> driver.getCurrentUrl().endsWith("/login"));
        assertThat(browser.all("#jobs-table")).isEmpty();
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isFalse();
    }

    @Test
    void aUserWithoutTheRoleReadsButCannotAct() {
        logIn("viewer");
        browser.open(url("/jobs"));
        assertThat(browser.find("#jobs-table tr[data-job-id='nightly']").getText()).contains("scheduled");
        assertThat(browser.find("#session").getText()).isEqualTo("viewer · read-only");
        assertThat(browser.all("button[data-action]")).isEmpty();
        assertThat(browser.all("#add-job")).isEmpty();
        // what a hand-made request from the page gets, with Spring Security's CSRF token
        Object answer = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('api/session').then((response) => response.json()).then((session) =>
                  fetch('api/jobs/nightly/pause', { method: 'POST', headers: { [session.csrf.header]:
                    session.csrf.token } }))
                  .then((response) => response.text().then((text) => done(response.status + ' ' + text)));
                """);
        assertThat(String.valueOf(answer)).startsWith("403").contains("needs the role APSCHEDULER_ADMIN");
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isFalse();
    }

    @Test
    void aUserWithTheRolePausesAJobByAClick() {
        logIn("admin");
        browser.open(url("/jobs"));
        assertThat(browser.find("#session").getText()).isEqualTo("admin · can change jobs");
        browser.click("#jobs-table tr[data-job-id='nightly'] button[data-action='pause']");
        browser.find("#jobs-table tr[data-job-id='nightly'][data-paused='true']");
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isTrue();
    }

    private void logIn(String user) {
        browser.open("http://localhost:" + this.port + "/login");
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(user + "-password");
        browser.click("button[type='submit']");
        browser.waitFor((driver) -> !driver.getCurrentUrl().endsWith("/login"));
    }

    private String url(String page) {
        return "http://localhost:" + this.port + "/apscheduler" + page;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestSchedulerConfiguration.class)
    static class TestApplication {

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("admin").password("{noop}admin-password").roles("APSCHEDULER_ADMIN").build(),
                    User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
        }

    }

}
