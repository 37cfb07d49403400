package dev.apscheduler.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.spring.boot.dashboard.DashboardHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An application that limits the {@code apscheduler} actuator endpoint to read-only access gets a dashboard that
 * changes nothing either, even where it allowed unsecured writes: no HTTP path changes what the endpoint may not.
 */
@SpringBootTest(classes = DashboardReadOnlyIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "apscheduler.dashboard.enabled=true", "apscheduler.dashboard.allow-unsecured-writes=true",
                "management.endpoint.apscheduler.access=read-only" })
class DashboardEndpointAccessIntegrationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @BeforeEach
    void addJob() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
    }

    @Test
    void theSessionSaysNoWritesAndGivesNoToken() {
        JsonNode session = new DashboardHttp(this.port, "/apscheduler").get("/api/session").json();
        assertThat(session.path("canWrite").asBoolean()).isFalse();
        assertThat(session.path("token").isNull()).isTrue();
    }

    @Test
    void readsWorkAndEveryWriteIsRefusedNamingTheSetting() {
        DashboardHttp http = new DashboardHttp(this.port, "/apscheduler");
        assertThat(http.get("/api/jobs").json().path("total").asLong()).isEqualTo(1);
        for (Response refused : new Response[] { http.post("/api/jobs/nightly/pause", null),
                http.post("/api/jobs/nightly/resume", null), http.post("/api/jobs/nightly/run", null),
                http.post("/api/jobs/nightly/reschedule", "{\"trigger\": \"interval\", \"params\": {\"hours\": 1}}"),
                http.delete("/api/jobs/nightly"), http.post("/api/jobs", "{\"task\": \"report\"}") }) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("message").asString())
                .contains("management.endpoint.apscheduler.access=read-only");
        }
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isFalse();
        assertThat(this.scheduler.getJobs()).hasSize(1);
    }

}
