package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Every operation of the endpoint and every error status, and the scheduler's health, over real HTTP against a
 * running server, with the write operations turned on ({@code access=unrestricted}).
 */
@SpringBootTest(classes = ApschedulerEndpointWebIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=apscheduler,health",
                "management.endpoint.health.show-details=always",
                "management.endpoint.apscheduler.access=unrestricted" })
class ApschedulerEndpointWebIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final BasicJsonTester json = new BasicJsonTester(getClass());

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Autowired
    private QueueingExecutor queue;

    @Autowired
    private MutableClock clock;

    @Autowired
    private FailingJobStore flakyJobStore;

    @BeforeEach
    void addJobs() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.clock.set(TestSchedulerConfiguration.T0);
        this.scheduler.flushHistory();
        this.scheduler.historyStore().orElseThrow().prune(Instant.MAX, 0);
        this.scheduler.addJob(JobSpec.task("report").id("nightly").args(List.of("ops@example.com"))
            .kwargs(Map.of("subject", "Daily")).trigger("cron", Map.of("hour", "3", "minute", "30")));
        this.scheduler.addJob(JobSpec.task("report").id("busy").executor("queue").maxInstances(1)
            .trigger("interval", Map.of("hours", 1)));
    }

    @AfterEach
    void drainQueueAndRepairStore() {
        this.queue.runAll();
        this.flakyJobStore.failing = false;
    }

    @Test
    void getSummary() throws Exception {
        HttpResponse<String> response = send("GET", "", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonContent<Object> body = this.json.from(response.body());
        assertThat(body).extractingJsonPathStringValue("$.state").isEqualTo("RUNNING");
        assertThat(body).extractingJsonPathStringValue("$.timezone").isEqualTo("UTC");
        assertThat(body).extractingJsonPathStringValue("$.jobstores.default.type").isEqualTo("memory");
        assertThat(body).extractingJsonPathNumberValue("$.jobstores.default.jobs").isEqualTo(2);
        assertThat(body).extractingJsonPathBooleanValue("$.jobstores.default.reachable").isTrue();
        assertThat(body).extractingJsonPathStringValue("$.executors.default.type").isEqualTo("direct");
        assertThat(body).extractingJsonPathNumberValue("$.executors.default.maxWorkers").isEqualTo(1);
        assertThat(body).extractingJsonPathNumberValue("$.executors.default.timedOutRunning").isEqualTo(0);
        assertThat(body).extractingJsonPathStringValue("$.history.type").isEqualTo("memory");
        assertThat(body).extractingJsonPathBooleanValue("$.history.persistent").isFalse();
        assertThat(body).extractingJsonPathBooleanValue("$.history.failing").isFalse();
        assertThat(body).extractingJsonPathArrayValue("$.jobs[*].id").containsExactly("busy", "nightly");
        assertThat(body).extractingJsonPathStringValue("$.jobs[1].trigger").isEqualTo("cron[hour='3', minute='30']");
        assertThat(body).extractingJsonPathStringValue("$.jobs[1].nextRunTime").isEqualTo("2030-01-01T03:30:00Z");
        assertThat(body).extractingJsonPathStringValue("$.jobstores.flaky.type").isEqualTo("failing");
    }

    @Test
    void getJob() throws Exception {
        HttpResponse<String> response = send("GET", "/jobs/nightly", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonContent<Object> body = this.json.from(response.body());
        assertThat(body).extractingJsonPathStringValue("$.trigger.type").isEqualTo("cron");
        assertThat(body).extractingJsonPathStringValue("$.trigger.cron.hour").isEqualTo("3");
        assertThat(body).extractingJsonPathArrayValue("$.nextFireTimes").hasSize(5)
            .startsWith("2030-01-01T03:30:00Z", "2030-01-02T03:30:00Z");
        assertThat(body).extractingJsonPathStringValue("$.options.misfireGraceTime").isEqualTo("PT1S");
        assertThat(body).extractingJsonPathArrayValue("$.args").containsExactly("******");
        assertThat(body).extractingJsonPathStringValue("$.kwargs.subject").isEqualTo("******");
        assertThat(body).extractingJsonPathNumberValue("$.runningInstances").isEqualTo(0);
        assertThat(body).extractingJsonPathNumberValue("$.options.retry.maxAttempts").isEqualTo(1);
        assertThat(body).doesNotHaveJsonPath("$.options.timeout");
        assertThat(body).extractingJsonPathArrayValue("$.pendingRetries").isEmpty();
        assertThat(body).doesNotHaveJsonPath("$.lastExecution");
    }

    @Test
    void getUnknownJobIsNotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/jobs/ghost", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, 404, "Not Found", "No job by the id of 'ghost' was found");
    }

    @Test
    void getUnknownResourceIsNotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/triggers/nightly", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, 404, "Not Found", "No such resource 'triggers'; jobs are under 'jobs/{id}', their runs "
                + "under 'jobs/{id}/runs', runs under 'runs/{runId}' and failed runs under 'failures'");
    }

    @Test
    void postPauseThenResume() throws Exception {
        HttpResponse<String> paused = send("POST", "/jobs/nightly", "{\"action\": \"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(this.json.from(paused.body())).extractingJsonPathBooleanValue("$.job.paused").isTrue();
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isTrue();
        HttpResponse<String> resumed = send("POST", "/jobs/nightly", "{\"action\": \"resume\"}");
        assertThat(resumed.statusCode()).isEqualTo(200);
        JsonContent<Object> body = this.json.from(resumed.body());
        assertThat(body).extractingJsonPathStringValue("$.action").isEqualTo("resume");
        assertThat(body).extractingJsonPathStringValue("$.job.nextRunTime").isEqualTo("2030-01-01T03:30:00Z");
    }

    @Test
    void postRunRunsTheJobNowAndShowsItsLastExecution() throws Exception {
        HttpResponse<String> ran = send("POST", "/jobs/nightly", "{\"action\": \"run\"}");
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(this.json.from(ran.body())).extractingJsonPathStringValue("$.action").isEqualTo("run");
        this.scheduler.flushHistory();
        JsonContent<Object> job = this.json.from(send("GET", "/jobs/nightly", null).body());
        assertThat(job).extractingJsonPathStringValue("$.lastExecution.outcome").isEqualTo("SUCCESS");
        assertThat(job).extractingJsonPathStringValue("$.lastExecution.scheduledRunTime")
            .isEqualTo("2030-01-01T00:00:00Z");
    }

    @Test
    void postRunBeyondMaxInstancesIsAConflict() throws Exception {
        assertThat(send("POST", "/jobs/busy", "{\"action\": \"run\"}").statusCode()).isEqualTo(200);
        assertThat(this.json.from(send("GET", "/jobs/busy", null).body()))
            .extractingJsonPathNumberValue("$.runningInstances").isEqualTo(1);
        HttpResponse<String> response = send("POST", "/jobs/busy", "{\"action\": \"run\"}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(this.json.from(response.body())).extractingJsonPathStringValue("$.message").contains("busy");
    }

    @Test
    void postUnknownActionIsABadRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/jobs/nightly", "{\"action\": \"explode\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertError(response, 400, "Bad Request", "Unknown action 'explode'; expected one of pause, resume, run");
    }

    @Test
    void postWithoutActionIsABadRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/jobs/nightly", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertError(response, 400, "Bad Request", "Missing action; expected one of pause, resume, run");
    }

    @Test
    void postToUnknownJobIsNotFound() throws Exception {
        HttpResponse<String> response = send("POST", "/jobs/ghost", "{\"action\": \"pause\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, 404, "Not Found", "No job by the id of 'ghost' was found");
    }

    @Test
    void deleteRemovesTheJob() throws Exception {
        assertThat(send("DELETE", "/jobs/nightly", null).statusCode()).isEqualTo(204);
        assertThat(this.scheduler.getJob("nightly")).isEmpty();
        assertThat(send("GET", "/jobs/nightly", null).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteUnknownJobIsNotFound() throws Exception {
        HttpResponse<String> response = send("DELETE", "/jobs/ghost", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertError(response, 404, "Not Found", "No job by the id of 'ghost' was found");
    }

    @Test
    void getJobRunsListsEachAttemptOfARetriedFireTimeNewestFirstWithoutStackTraces() throws Exception {
        this.scheduler.addJob(JobSpec.task("failing").id("retried").timeout(Duration.ofMinutes(1))
            .retryPolicy(RetryPolicy.attempts(2).withBackoff(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1)))
            .trigger("interval", Map.of("hours", 1)));
        this.scheduler.advance(Duration.ofHours(1));
        JsonContent<Object> waiting = this.json.from(send("GET", "/jobs/retried", null).body());
        assertThat(waiting).extractingJsonPathNumberValue("$.pendingRetries[0].attempt").isEqualTo(2);
        assertThat(waiting).extractingJsonPathNumberValue("$.options.retry.maxAttempts").isEqualTo(2);
        assertThat(waiting).extractingJsonPathStringValue("$.options.retry.backoff").isEqualTo("PT1S");
        assertThat(waiting).extractingJsonPathStringValue("$.options.timeout").isEqualTo("PT1M");
        this.scheduler.advance(Duration.ofSeconds(1));
        HttpResponse<String> response = send("GET", "/jobs/retried/runs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonContent<Object> runs = this.json.from(response.body());
        assertThat(runs).extractingJsonPathNumberValue("$.total").isEqualTo(2);
        assertThat(runs).extractingJsonPathNumberValue("$.size").isEqualTo(20);
        assertThat(runs).extractingJsonPathArrayValue("$.runs[*].attempt").containsExactly(2, 1);
        assertThat(runs).extractingJsonPathArrayValue("$.runs[*].outcome").containsExactly("ERROR", "ERROR");
        assertThat(runs).extractingJsonPathArrayValue("$.runs[*].scheduledAt").containsOnly("2030-01-01T01:00:00Z");
        assertThat(runs).extractingJsonPathStringValue("$.runs[1].errorMessage")
            .isEqualTo("mail server refused the report");
        assertThat(runs).doesNotHaveJsonPath("$.runs[0].stackTrace");
        assertThat(this.json.from(send("GET", "/jobs/retried", null).body()))
            .extractingJsonPathArrayValue("$.pendingRetries").isEmpty();
        String runId = JsonPath.read(send("GET", "/jobs/retried/runs?page=1&size=1", null).body(), "$.runs[0].runId");
        HttpResponse<String> run = send("GET", "/runs/" + runId, null);
        assertThat(run.statusCode()).isEqualTo(200);
        JsonContent<Object> first = this.json.from(run.body());
        assertThat(first).extractingJsonPathNumberValue("$.attempt").isEqualTo(1);
        assertThat(first).extractingJsonPathStringValue("$.stackTrace")
            .startsWith("java.lang.IllegalStateException: mail server refused the report");
    }

    @Test
    void getFailuresListsFailedRunsAcrossJobsAndResultsAreSanitised() throws Exception {
        this.scheduler.addJob(JobSpec.task("failing").id("broken").trigger("interval", Map.of("hours", 1)));
        this.scheduler.addJob(JobSpec.task("report").id("fine").trigger("interval", Map.of("hours", 1)));
        this.scheduler.advance(Duration.ofHours(1));
        JsonContent<Object> failures = this.json.from(send("GET", "/failures?size=1000", null).body());
        assertThat(failures).extractingJsonPathArrayValue("$.runs[*].jobId").contains("broken")
            .doesNotContain("fine");
        assertThat(failures).extractingJsonPathArrayValue("$.runs[*].outcome").containsOnly("ERROR");
        assertThat(this.json.from(send("GET", "/jobs/fine/runs", null).body()))
            .extractingJsonPathStringValue("$.runs[0].result").isEqualTo("******");
    }

    @Test
    void aBadPageOrSizeIsABadRequestNamingIt() throws Exception {
        assertError(send("GET", "/jobs/nightly/runs?page=-1", null), 400, "Bad Request",
                "page must be >= 0, was -1");
        assertError(send("GET", "/jobs/nightly/runs?size=abc", null), 400, "Bad Request",
                "size must be a whole number, was 'abc'");
        assertError(send("GET", "/failures?size=1001", null), 400, "Bad Request",
                "size must be between 1 and 1000, was 1001");
        assertError(send("GET", "/failures?page=1.5", null), 400, "Bad Request",
                "page must be a whole number, was '1.5'");
    }

    @Test
    void unknownRunsJobsAndResourcesAreNotFound() throws Exception {
        assertError(send("GET", "/runs/ghost", null), 404, "Not Found", "No run by the id of 'ghost' was found");
        assertError(send("GET", "/jobs/ghost/runs", null), 404, "Not Found",
                "No job by the id of 'ghost' was found");
        assertThat(send("GET", "/jobs/nightly/history", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/retries", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/jobs/nightly/runs", null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsUpWhileTheSchedulerRuns() throws Exception {
        HttpResponse<String> response = get("/actuator/health/apscheduler");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonContent<Object> body = this.json.from(response.body());
        assertThat(body).extractingJsonPathStringValue("$.status").isEqualTo("UP");
        assertThat(body).extractingJsonPathStringValue("$.details.state").isEqualTo("RUNNING");
        assertThat(body).extractingJsonPathNumberValue("$.details.jobs").isEqualTo(2);
        assertThat(body).extractingJsonPathBooleanValue("$.details.jobstores.flaky.reachable").isTrue();
    }

    @Test
    void healthIsDownWhileAJobStoreIsUnreachable() throws Exception {
        this.flakyJobStore.failing = true;
        HttpResponse<String> response = get("/actuator/health/apscheduler");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonContent<Object> body = this.json.from(response.body());
        assertThat(body).extractingJsonPathStringValue("$.status").isEqualTo("DOWN");
        assertThat(body).extractingJsonPathBooleanValue("$.details.jobstores.flaky.reachable").isFalse();
        assertThat(body).extractingJsonPathStringValue("$.details.jobstores.flaky.error")
            .isEqualTo("Job store 'flaky' failed to count its jobs: database is down");
        assertThat(body).extractingJsonPathBooleanValue("$.details.jobstores.default.reachable").isTrue();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
                BodyHandlers.ofString());
    }

    private void assertError(HttpResponse<String> response, int status, String error, String message) {
        JsonContent<Object> body = this.json.from(response.body());
        assertThat(body).extractingJsonPathNumberValue("$.status").isEqualTo(status);
        assertThat(body).extractingJsonPathStringValue("$.error").isEqualTo(error);
        assertThat(body).extractingJsonPathStringValue("$.message").isEqualTo(message);
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return send(this.http, this.port, method, path, body);
    }

    /**
     * Sends a request to the endpoint, under {@code /actuator/apscheduler}, with a JSON body when one is given.
     */
    static HttpResponse<String> send(HttpClient http, int port, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://localhost:" + port + "/actuator/apscheduler" + path))
            .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestSchedulerConfiguration.class)
    static class TestApplication {

    }

}
