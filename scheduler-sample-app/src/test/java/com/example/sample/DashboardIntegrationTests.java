package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;

/**
 * The sample serves the dashboard at {@code /apscheduler}, with writes allowed as its configuration says, and the
 * dashboard's forms answer with the REST API's messages: the same reading of requests.
 */
class DashboardIntegrationTests extends SampleHttpTests {

    @Test
    void servesTheDashboardWithTheSampleJobs() {
        Response page = this.http.getAny("/apscheduler/jobs");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        Response jobs = this.http.get("/apscheduler/api/jobs?q=status-report");
        assertThat(jobs.at("/jobs/0/id")).isEqualTo("status-report");
        assertThat(this.http.get("/apscheduler/api/session").json().path("canWrite").asBoolean()).isTrue();
    }

    @Test
    void aBadTriggerFieldGetsTheSameMessageFromTheDashboardAsFromTheRestApi() {
        String body = "{\"task\": \"send-report\", \"trigger\": \"cron\", \"params\": {\"hour\": \"25\"}}";
        String token = this.http.get("/apscheduler/api/session").at("/token");
        Response api = this.http.post("/api/jobs", body);
        Response dashboard = this.http.send("POST", "/apscheduler/api/jobs", body, "application/json",
                "application/json", "X-APScheduler-Dashboard-Token", token);
        assertThat(api.status()).isEqualTo(400);
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(400);
        assertThat(dashboard.at("/field")).isEqualTo(api.at("/field")).isEqualTo("params.hour");
        assertThat(dashboard.at("/message")).isEqualTo(api.at("/message")).contains("25");
    }

}
