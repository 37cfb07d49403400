package com.example.sample;

import java.time.Duration;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changing jobs through the REST API over real HTTP: modify, reschedule, pause, resume, run now and remove.
 */
class JobChangesIntegrationTests extends SampleHttpTests {

    @Test
    void modifiesAJobsOptions() {
        add("to-modify", "{\"minutes\": 5}");
        Response modified = this.http.patch("/api/jobs/to-modify", """
                {"name": "renamed", "args": ["cfo@example.com"], "max_instances": 1, "coalesce": true,
                 "misfire_grace_time": "none", "executor": "reports"}
                """);
        assertThat(modified.status()).as(modified.toString()).isEqualTo(200);
        assertThat(modified.at("/name")).isEqualTo("renamed");
        assertThat(modified.json().at("/args/0").asString()).isEqualTo("cfo@example.com");
        assertThat(modified.json().at("/max_instances").asInt()).isEqualTo(1);
        assertThat(modified.json().at("/coalesce").asBoolean()).isTrue();
        assertThat(modified.json().at("/misfire_grace_time").isNull()).isTrue();
        assertThat(modified.at("/executor")).isEqualTo("reports");
        assertThat(modified.at("/trigger/description")).isEqualTo("interval[0:05:00]");
    }

    @Test
    void addsAJobWithARetryPolicyAndATimeoutAndChangesThemPartly() {
        Response added = this.http.post("/api/jobs", """
                {"id": "retried", "task": "send-report", "args": ["ops@example.com"], "trigger": "interval",
                 "params": {"hours": 1}, "max_attempts": 4, "retry_backoff": 2.5, "retry_multiplier": 3,
                 "retry_max_backoff": "PT1M", "retry_jitter": 1, "retry_on": ["java.io.IOException"], "timeout": "90s"}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text()).contains("\"max_attempts\":4,\"retry_backoff\":2.5,\"retry_multiplier\":3,"
                + "\"retry_max_backoff\":60,\"retry_jitter\":1,\"retry_on\":[\"java.io.IOException\"],\"timeout\":90,"
                + "\"pending_retries\":[]");
        Response changed = this.http.patch("/api/jobs/retried", "{\"max_attempts\": 2, \"retry_on\": []}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().at("/max_attempts").asInt()).isEqualTo(2);
        assertThat(changed.json().at("/retry_on").isEmpty()).isTrue();
        assertThat(changed.json().at("/retry_backoff").asDouble()).isEqualTo(2.5);
        assertThat(changed.json().at("/retry_max_backoff").asInt()).isEqualTo(60);
        assertThat(changed.json().at("/timeout").asInt()).isEqualTo(90);
        Response noTimeout = this.http.patch("/api/jobs/retried", "{\"timeout\": \"none\"}");
        assertThat(noTimeout.status()).as(noTimeout.toString()).isEqualTo(200);
        assertThat(noTimeout.json().at("/timeout").isNull()).isTrue();
        assertThat(noTimeout.json().at("/max_attempts").asInt()).isEqualTo(2);
        Response actuator = this.http.get("/actuator/apscheduler/jobs/retried");
        assertThat(actuator.json().at("/options/retry/maxAttempts").asInt()).isEqualTo(2);
        assertThat(actuator.at("/options/retry/backoff")).isEqualTo("PT2.5S");
    }

    @Test
    void aLongerBackoffThanTheJobsLongestWaitRaisesItWhenLeftOut() {
        add("backoff-only", "{\"minutes\": 5}");
        Response changed = this.http.patch("/api/jobs/backoff-only", "{\"max_attempts\": 2, \"retry_backoff\": 7200}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().at("/retry_backoff").asInt()).isEqualTo(7200);
        assertThat(changed.json().at("/retry_max_backoff").asInt()).isEqualTo(7200);
    }

    @Test
    void reschedulesAJobGivenANewTrigger() {
        Response before = add("to-reschedule", "{\"hours\": 12}");
        Response rescheduled = this.http.patch("/api/jobs/to-reschedule", """
                {"trigger": "cron", "params": {"minute": "*/5"}}
                """);
        assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
        assertThat(rescheduled.at("/trigger/alias")).isEqualTo("cron");
        assertThat(rescheduled.at("/trigger/description")).isEqualTo("cron[minute='*/5']");
        assertThat(rescheduled.at("/next_run_time")).isNotEqualTo(before.at("/next_run_time"));
    }

    @Test
    void anInvalidChangeLeavesTheJobAsItWas() {
        Response before = add("unchanged", "{\"minutes\": 5}");
        Response response = this.http.patch("/api/jobs/unchanged", """
                {"name": "renamed", "trigger": "cron", "params": {"minute": "61"}}
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("params.minute");
        assertThat(this.http.get("/api/jobs/unchanged").json()).isEqualTo(before.json());
        Response badOption = this.http.patch("/api/jobs/unchanged", "{\"max_instances\": -1}");
        assertThat(badOption.status()).as(badOption.toString()).isEqualTo(400);
        assertThat(badOption.at("/field")).isEqualTo("max_instances");
    }

    @Test
    void pausesAndResumesAJob() {
        add("to-pause", "{\"minutes\": 5}");
        Response paused = this.http.post("/api/jobs/to-pause/pause", null);
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().at("/paused").asBoolean()).isTrue();
        assertThat(paused.json().at("/next_run_time").isNull()).isTrue();
        assertThat(this.http.get("/api/jobs/to-pause").json().at("/paused").asBoolean()).isTrue();
        Response resumed = this.http.post("/api/jobs/to-pause/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().at("/paused").asBoolean()).isFalse();
        assertThat(resumed.at("/next_run_time")).isNotBlank();
    }

    @Test
    void resumingAJobWhoseTriggerHasNoFireTimeLeftRemovesIt() {
        Response added = this.http.post("/api/jobs", """
                {"id": "over", "task": "tick", "trigger": "interval", "paused": true,
                 "params": {"hours": 1, "start_date": "2020-01-01T00:00:00Z", "end_date": "2020-01-02T00:00:00Z"}}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        Response resumed = this.http.post("/api/jobs/over/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(204);
        assertThat(this.http.get("/api/jobs/over").status()).isEqualTo(404);
    }

    @Test
    void runsAJobNowAndTheRunIsSeenByTheActuatorEndpoint() {
        add("to-run", "{\"hours\": 1}");
        Response run = this.http.post("/api/jobs/to-run/run", null);
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        assertThat(run.at("/id")).isEqualTo("to-run");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.http.get("/actuator/apscheduler/jobs/to-run").at(
                    "/lastExecution/outcome")).isEqualTo("SUCCESS"));
    }

    @Test
    void runningAJobThatRunsItsMaximumNumberOfInstancesIsAConflict() {
        Response added = this.http.post("/api/jobs", """
                {"id": "busy", "task": "export", "trigger": "interval", "params": {"hours": 1}, "max_instances": 1}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(this.http.post("/api/jobs/busy/run", null).status()).isEqualTo(202);
        Response second = this.http.post("/api/jobs/busy/run", null);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.at("/message")).contains("'busy'", "maximum number of instances (1)");
    }

    @Test
    void removesAJob() {
        add("to-remove", "{\"minutes\": 5}");
        Response removed = this.http.delete("/api/jobs/to-remove");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(this.http.get("/api/jobs/to-remove").status()).isEqualTo(404);
        assertThat(this.http.get("/api/jobs").each("/id")).doesNotContain("to-remove");
    }

    private Response add(String id, String intervalParams) {
        Response added = this.http.post("/api/jobs", """
                {"id": "%s", "task": "send-report", "args": ["ops@example.com"], "trigger": "interval", "params": %s}
                """.formatted(id, intervalParams));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

}
