package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
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
    private FailingJobStore flakyJobStore;

    @BeforeEach
    void addJobs() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
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
        assertError(response, 404, "Not Found", "No such resource 'triggers'; jobs are under 'jobs/{id}'");
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
