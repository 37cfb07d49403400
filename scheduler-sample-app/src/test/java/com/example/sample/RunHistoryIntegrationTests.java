package com.example.sample;

import java.time.Duration;
import java.util.List;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run history over real HTTP, through the REST API and the actuator endpoint: the sample's {@code flaky-import}
 * retried until its third attempt succeeds, its {@code hung-call} interrupted by its timeout (both run once at the
 * start, with the short waits of {@link SampleHttpTests}), the failures across jobs, pages and the errors for
 * unknown ids and bad pages.
 */
class RunHistoryIntegrationTests extends SampleHttpTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theFlakyImportIsRetriedForOneFireTimeUntilItsThirdAttemptSucceeds() {
        Response runs = await().atMost(WAIT).until(() -> this.http.get("/api/jobs/flaky-import/runs"),
                (answer) -> answer.status() == 200 && answer.json().at("/total").asInt() == 3
                        && answer.at("/runs/0/outcome").equals("SUCCESS"));
        assertThat(runs.json().at("/runs").valueStream().map((run) -> run.at("/attempt").asInt()))
            .containsExactly(3, 2, 1);
        assertThat(runs.json().at("/runs").valueStream().map((run) -> run.at("/outcome").asString()))
            .containsExactly("SUCCESS", "ERROR", "ERROR");
        assertThat(runs.json().at("/runs").valueStream().map((run) -> run.at("/scheduled_at").asString()).distinct())
            .hasSize(1);
        assertThat(runs.at("/runs/0/result")).isEqualTo("imported at attempt 3");
        assertThat(runs.at("/runs/2/error_message")).isEqualTo("order service not ready (attempt 1 of 3)");
        assertThat(runs.json().at("/runs/2/stack_trace").isMissingNode()).isTrue();

        Response first = this.http.get("/api/runs/" + runs.at("/runs/2/run_id"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.at("/error_type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.at("/stack_trace")).startsWith("java.lang.IllegalStateException: order service not ready");

        Response actuator = this.http.get("/actuator/apscheduler/jobs/flaky-import/runs");
        assertThat(actuator.status()).as(actuator.toString()).isEqualTo(200);
        assertThat(actuator.json().at("/runs").valueStream().map((run) -> run.at("/attempt").asInt()))
            .containsExactly(3, 2, 1);
        assertThat(actuator.json().at("/runs").valueStream().map((run) -> run.at("/outcome").asString()))
            .containsExactly("SUCCESS", "ERROR", "ERROR");
        Response details = this.http.get("/actuator/apscheduler/jobs/flaky-import");
        assertThat(details.json().at("/options/retry/maxAttempts").asInt()).isEqualTo(3);
        assertThat(details.at("/options/retry/backoff")).isEqualTo("PT0.1S");
        assertThat(details.at("/lastExecution/outcome")).isEqualTo("SUCCESS");
        assertThat(details.json().at("/lastExecution/attempt").asInt()).isEqualTo(3);

        Response job = this.http.get("/api/jobs/flaky-import");
        assertThat(job.json().at("/max_attempts").asInt()).isEqualTo(3);
        assertThat(job.json().at("/retry_backoff").asDouble()).isEqualTo(0.1);
        assertThat(job.json().at("/pending_retries").isEmpty()).isTrue();
    }

    @Test
    void theHungCallIsInterruptedByItsTimeout() {
        Response runs = await().atMost(WAIT).until(() -> this.http.get("/api/jobs/hung-call/runs"),
                (answer) -> answer.status() == 200 && answer.at("/runs/0/outcome").equals("TIMED_OUT"));
        assertThat(runs.json().at("/total").asInt()).isOne();
        assertThat(runs.at("/runs/0/error_type")).isEqualTo("java.util.concurrent.TimeoutException");
        assertThat(runs.at("/runs/0/error_message")).isEqualTo("Job 'hung-call' exceeded its timeout of PT0.5S");
        assertThat(this.http.get("/api/jobs/hung-call").json().at("/timeout").asDouble()).isEqualTo(0.5);
        Response details = this.http.get("/actuator/apscheduler/jobs/hung-call");
        assertThat(details.at("/lastExecution/outcome")).isEqualTo("TIMED_OUT");
        assertThat(details.at("/options/timeout")).isEqualTo("PT0.5S");
        // the call ends on the interruption, so it no longer counts as a timed-out run that still runs
        await().atMost(WAIT).untilAsserted(() -> assertThat(this.http.get("/actuator/apscheduler").json()
            .at("/executors/default/timedOutRunning").asInt()).isZero());
        Response scheduler = this.http.get("/actuator/apscheduler");
        assertThat(scheduler.at("/history/type")).isEqualTo("memory");
        assertThat(scheduler.json().at("/history/failing").asBoolean()).isFalse();
    }

    @Test
    void failuresListTheFailedAttemptsAndTheTimeoutAcrossJobs() {
        await().atMost(WAIT).untilAsserted(() -> {
            for (String path : List.of("/api/failures?size=100", "/actuator/apscheduler/failures?size=1000")) {
                Response failures = this.http.get(path);
                assertThat(failures.status()).as(failures.toString()).isEqualTo(200);
                List<JsonNode> runs = failures.json().at("/runs").valueStream().toList();
                String jobId = path.startsWith("/api") ? "/job_id" : "/jobId";
                assertThat(runs.stream().filter((run) -> run.at(jobId).asString().equals("flaky-import")))
                    .extracting((run) -> run.at("/outcome").asString()).containsExactly("ERROR", "ERROR");
                assertThat(runs.stream().filter((run) -> run.at(jobId).asString().equals("hung-call")))
                    .extracting((run) -> run.at("/outcome").asString()).contains("TIMED_OUT");
            }
        });
    }

    @Test
    void aOneOffJobAddedOverRestIsRetriedAndItsRunsOutliveIt() {
        Response added = this.http.post("/api/jobs", """
                {"id": "import-once", "task": "flaky-import", "jobstore": "memory", "max_attempts": 3,
                 "retry_backoff": 0.05}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        Response runs = await().atMost(WAIT).until(() -> this.http.get("/api/jobs/import-once/runs"),
                (answer) -> answer.status() == 200 && answer.at("/runs/0/outcome").equals("SUCCESS"));
        assertThat(runs.json().at("/runs").valueStream().map((run) -> run.at("/attempt").asInt()))
            .containsExactly(3, 2, 1);
        await().atMost(WAIT).until(() -> this.http.get("/api/jobs/import-once").status() == 404);
        assertThat(this.http.get("/api/jobs/import-once/runs").json().at("/total").asInt()).isEqualTo(3);
    }

    @Test
    void runsArePagedNewestFirst() {
        Response firstPage = await().atMost(WAIT).until(() -> this.http.get("/api/jobs/tick/runs?page=0&size=1"),
                (answer) -> answer.json().at("/total").asInt() >= 2);
        assertThat(firstPage.json().at("/runs").size()).isOne();
        assertThat(firstPage.json().at("/size").asInt()).isOne();
        assertThat(firstPage.json().at("/has_next").asBoolean()).isTrue();
        // a tick every two seconds: a run that ends between the two pages' requests moves the first page's run to
        // the second page, so the pages are compared only when the first page reads the same after the second
        await().atMost(WAIT).untilAsserted(() -> {
            String newest = this.http.get("/api/jobs/tick/runs?page=0&size=1").at("/runs/0/run_id");
            String secondPage = this.http.get("/api/jobs/tick/runs?page=1&size=1").at("/runs/0/run_id");
            assertThat(this.http.get("/api/jobs/tick/runs?page=0&size=1").at("/runs/0/run_id")).isEqualTo(newest);
            assertThat(secondPage).isLessThan(newest);
        });
        Response beyond = this.http.get("/api/jobs/tick/runs?page=100000&size=100");
        assertThat(beyond.json().at("/runs").isEmpty()).isTrue();
        assertThat(beyond.json().at("/has_next").asBoolean()).isFalse();
        Response actuator = this.http.get("/actuator/apscheduler/jobs/tick/runs?page=1&size=1");
        assertThat(actuator.status()).as(actuator.toString()).isEqualTo(200);
        assertThat(actuator.json().at("/page").asInt()).isOne();
        assertThat(actuator.json().at("/runs").size()).isOne();
        assertThat(this.http.get("/api/jobs/tick/runs").json().at("/size").asInt()).isEqualTo(20);
    }

    @Test
    void unknownRunsAndJobsAreNotFound() {
        for (Response response : List.of(this.http.get("/api/runs/ghost"),
                this.http.get("/actuator/apscheduler/runs/ghost"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.at("/message")).isEqualTo("No run by the id of 'ghost' was found");
        }
        for (Response response : List.of(this.http.get("/api/jobs/ghost/runs"),
                this.http.get("/actuator/apscheduler/jobs/ghost/runs"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.at("/message")).isEqualTo("No job by the id of 'ghost' was found");
        }
    }

    @Test
    void aBadPageOrSizeIsABadRequestNamingIt() {
        assertBadRequest(this.http.get("/api/jobs/tick/runs?page=-1"), "page", "'page' must be 0 or more, was -1");
        assertBadRequest(this.http.get("/api/jobs/tick/runs?page=first"), "page",
                "'page' must be a whole number, was 'first'");
        assertBadRequest(this.http.get("/api/failures?size=0"), "size",
                "'size' must be between 1 and 100, was 0 (sample.api.max-page-size)");
        assertBadRequest(this.http.get("/api/failures?size=101"), "size",
                "'size' must be between 1 and 100, was 101 (sample.api.max-page-size)");
        Response actuator = this.http.get("/actuator/apscheduler/jobs/tick/runs?size=1001");
        assertThat(actuator.status()).as(actuator.toString()).isEqualTo(400);
        assertThat(actuator.at("/message")).isEqualTo("size must be between 1 and 1000, was 1001");
        Response notANumber = this.http.get("/actuator/apscheduler/failures?page=x");
        assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
        assertThat(notANumber.at("/message")).isEqualTo("page must be a whole number, was 'x'");
    }

    private static void assertBadRequest(Response response, String field, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo(field);
        assertThat(response.at("/message")).isEqualTo(message);
    }

}
