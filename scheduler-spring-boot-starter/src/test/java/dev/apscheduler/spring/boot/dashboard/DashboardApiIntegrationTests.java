package dev.apscheduler.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.dashboard.DashboardHttp.Response;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The JSON endpoints behind the dashboard's pages over real HTTP: paging, filters, sorting, the job page's data, run
 * history, actions and their errors, with writes allowed without Spring Security.
 */
@SpringBootTest(classes = DashboardApiIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "apscheduler.dashboard.enabled=true", "apscheduler.dashboard.path=/ops/scheduler",
                "apscheduler.dashboard.allow-unsecured-writes=true" })
class DashboardApiIntegrationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Autowired
    private MutableClock clock;

    private DashboardHttp http;

    @BeforeEach
    void addJobs() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.clock.set(TestSchedulerConfiguration.T0);
        this.scheduler.flushHistory();
        this.scheduler.historyStore().orElseThrow().prune(Instant.MAX, 0);
        for (int i = 0; i < 60; i++) {
            // report-00 runs first (minute 1), report-59 last (minute 60)
            this.scheduler.addJob(JobSpec.task("report").id("report-%02d".formatted(i))
                .trigger("date", Map.of("run_date", TestSchedulerConfiguration.T0.plusMinutes(i + 1).toString())));
        }
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3", "minute",
                "30")));
        this.scheduler.addJob(JobSpec.task("report").id("held").paused().trigger("interval", Map.of("hours", 1)));
        this.scheduler.addJob(JobSpec.task("failing").id("broken").trigger("interval", Map.of("hours", 2)));
        this.scheduler.addJob(JobSpec.task("report").id("elsewhere").jobstore("flaky")
            .trigger("interval", Map.of("minutes", 5)));
        this.http = new DashboardHttp(this.port, "/ops/scheduler").withSessionToken();
    }

    @Test
    void jobsArePagedByTheServerInNextRunTimeOrderWithTheTotal() {
        JsonNode first = this.http.get("/api/jobs?size=25").json();
        assertThat(first.path("total").asLong()).isEqualTo(64);
        assertThat(ids(first)).hasSize(25).startsWith("report-00", "report-01");
        JsonNode third = this.http.get("/api/jobs?size=25&page=2").json();
        assertThat(ids(third)).hasSize(14);
        assertThat(ids(third)).last().isEqualTo("held");
        JsonNode latestFirst = this.http.get("/api/jobs?size=3&sort=-nextRunTime").json();
        assertThat(ids(latestFirst)).containsExactly("nightly", "broken", "report-59");
    }

    @Test
    void jobsAreFilteredBySearchStorePausedAndFailing() {
        assertThat(ids(this.http.get("/api/jobs?q=REPORT-5&size=100").json())).hasSize(10);
        assertThat(ids(this.http.get("/api/jobs?store=flaky").json())).containsExactly("elsewhere");
        assertThat(ids(this.http.get("/api/jobs?paused=true").json())).containsExactly("held");
        assertThat(this.http.get("/api/jobs?paused=false").json().path("total").asLong()).isEqualTo(63);
        assertThat(ids(this.http.get("/api/jobs?failing=true").json())).isEmpty();
        assertThat(this.http.post("/api/jobs/broken/run", null).status()).isEqualTo(202);
        this.scheduler.flushHistory();
        JsonNode failing = this.http.get("/api/jobs?failing=true").json();
        assertThat(ids(failing)).containsExactly("broken");
        assertThat(failing.path("jobs").get(0).path("failing").asBoolean()).isTrue();
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertError(this.http.get("/api/jobs?size=0"), 400, "size", "'size' must be between 1 and 1000, was 0");
        assertError(this.http.get("/api/jobs?page=x"), 400, "page", "'page' must be a whole number, was 'x'");
        assertError(this.http.get("/api/jobs?paused=maybe"), 400, "paused", "'paused' must be true or false");
        assertError(this.http.get("/api/jobs?sort=name"), 400, "sort", "'sort' must be nextRunTime or -nextRunTime");
        assertError(this.http.get("/api/jobs?store=nowhere"), 400, "jobstore", "unknown job store 'nowhere'");
        assertError(this.http.get("/api/jobs/ghost"), 404, null, "No job by the id of 'ghost' was found");
    }

    @Test
    void theJobPageHasTheTriggerInWordsTenFireTimesAndOptions() {
        JsonNode job = this.http.get("/api/jobs/nightly").json();
        assertThat(job.path("triggerWords").asString()).isEqualTo("at 03:30:00, every day (UTC)");
        assertThat(job.path("trigger").asString()).isEqualTo("cron[hour='3', minute='30']");
        assertThat(job.path("nextFireTimes")).hasSize(10);
        assertThat(job.path("nextFireTimes").get(0).asString()).isEqualTo("2030-01-01T03:30:00Z");
        assertThat(job.path("nextFireTimes").get(9).asString()).isEqualTo("2030-01-10T03:30:00Z");
        assertThat(job.path("options").path("max_instances").asInt()).isEqualTo(1);
        assertThat(this.http.get("/api/jobs/held").json().path("triggerWords").asString()).startsWith("every hour");
    }

    @Test
    void runsAndFailuresShowOutcomeDurationAndStackTrace() {
        this.http.post("/api/jobs/broken/run", null);
        this.http.post("/api/jobs/nightly/run", null);
        this.scheduler.flushHistory();
        JsonNode runs = this.http.get("/api/jobs/broken/runs").json();
        assertThat(runs.path("total").asLong()).isEqualTo(1);
        JsonNode run = runs.path("runs").get(0);
        assertThat(run.path("outcome").asString()).isEqualTo("ERROR");
        assertThat(run.path("errorMessage").asString()).isEqualTo("mail server refused the report");
        assertThat(run.path("stackTrace").asString()).contains("IllegalStateException");
        assertThat(run.path("durationMillis").isNumber()).isTrue();
        JsonNode failures = this.http.get("/api/failures").json();
        assertThat(failures.path("runs")).extracting((node) -> node.path("jobId").asString())
            .containsExactly("broken");
        assertThat(this.http.get("/api/jobs/nightly/runs").json().path("runs").get(0).path("outcome").asString())
            .isEqualTo("SUCCESS");
    }

    @Test
    void actionsPauseResumeRescheduleAndRemove() {
        assertThat(this.http.post("/api/jobs/nightly/pause", null).json().path("paused").asBoolean()).isTrue();
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isTrue();
        assertThat(this.http.post("/api/jobs/nightly/resume", null).json().path("paused").asBoolean()).isFalse();
        Response rescheduled = this.http.post("/api/jobs/nightly/reschedule",
                "{\"trigger\": \"interval\", \"params\": {\"minutes\": \"10\"}}");
        assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
        assertThat(this.scheduler.getJob("nightly").orElseThrow().nextRunTime())
            .contains(TestSchedulerConfiguration.T0.plusMinutes(10));
        assertThat(this.http.delete("/api/jobs/nightly").status()).isEqualTo(200);
        assertThat(this.scheduler.getJob("nightly")).isEmpty();
    }

    @Test
    void addsAJobFromARegisteredTaskAndNamesTheBadFieldOfABadOne() {
        Response added = this.http.post("/api/jobs", "{\"task\": \"report\", \"id\": \"weekly\", \"trigger\": "
                + "\"cron\", \"params\": {\"day_of_week\": \"mon\", \"hour\": \"7\"}}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(this.scheduler.getJob("weekly")).isPresent();
        assertError(this.http.post("/api/jobs", "{\"task\": \"report\", \"trigger\": \"cron\", \"params\": "
                + "{\"minute\": \"61\"}}"), 400, "params.minute", "61");
        assertError(this.http.post("/api/jobs", "{\"task\": \"nope\", \"trigger\": \"cron\"}"), 400, "task",
                "unknown task 'nope' (registered: failing, report, slow)");
        assertError(this.http.post("/api/jobs", "{\"task\": \"report\", \"id\": \"weekly\"}"), 409, "id", "weekly");
        assertError(this.http.post("/api/jobs/nightly/reschedule", "{\"trigger\": \"interval\", \"params\": "
                + "{\"minutes\": \"-5\"}}"), 400, "params.minutes", "-5");
        assertThat(this.scheduler.getJob("nightly").orElseThrow().describeTrigger()).startsWith("cron");
    }

    @Test
    void writesWithoutTheDashboardsTokenAreRefused() {
        Response refused = this.http.postWithoutToken("/api/jobs/nightly/pause", null);
        assertError(refused, 403, null, "X-APScheduler-Dashboard-Token");
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isFalse();
    }

    @Test
    void pagesAndAssetsAreServedWithAStrictContentSecurityPolicy() {
        for (String page : List.of("", "/", "/jobs", "/jobs/nightly", "/failures")) {
            Response response = this.http.get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.header("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
            assertThat(response.body()).contains("<base href=\"/ops/scheduler/\">")
                .contains("<script type=\"module\" src=\"assets/app.js\"></script>")
                .doesNotContain("<script>").doesNotContain("style=");
        }
        Response script = this.http.get("/assets/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(this.http.get("/assets/missing.js").status()).isEqualTo(404);
    }

    @Test
    void overviewShowsStoresExecutorsAndTheLastHour() {
        this.http.post("/api/jobs/nightly/run", null);
        JsonNode overview = this.http.get("/api/overview").json();
        assertThat(overview.path("state").asString()).isEqualTo("RUNNING");
        assertThat(overview.path("stores")).extracting((node) -> node.path("alias").asString())
            .containsExactlyInAnyOrder("default", "flaky");
        JsonNode store = store(overview, "default");
        assertThat(store.path("jobs").asLong()).isEqualTo(63);
        assertThat(store.path("paused").asLong()).isEqualTo(1);
        assertThat(store.path("healthy").asBoolean()).isTrue();
        assertThat(overview.path("executors")).extracting((node) -> node.path("alias").asString())
            .contains("default", "queue");
        assertThat(overview.path("executors").get(0).has("maxWorkers")).isTrue();
        assertThat(overview.path("lastHour")).hasSize(60);
        assertThat(overview.path("lastHour").get(59).path("runs").asLong()).isEqualTo(1);
    }

    private static JsonNode store(JsonNode overview, String alias) {
        for (JsonNode store : overview.path("stores")) {
            if (alias.equals(store.path("alias").asString())) {
                return store;
            }
        }
        throw new AssertionError("no store " + alias + " in " + overview);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("jobs").forEach((job) -> ids.add(job.path("id").asString()));
        return ids;
    }

    private static void assertError(Response response, int status, String field, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("message").asString()).as(response.toString()).contains(message);
        if (field != null) {
            assertThat(body.path("field").asString()).as(response.toString()).isEqualTo(field);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestSchedulerConfiguration.class)
    static class TestApplication {

    }

}
