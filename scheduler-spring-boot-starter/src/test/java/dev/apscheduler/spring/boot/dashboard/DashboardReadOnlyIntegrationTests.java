package dev.apscheduler.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.dashboard.DashboardHttp.Response;
import dev.apscheduler.testing.ManualScheduler;
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
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Without Spring Security and without {@code allow-unsecured-writes}, the dashboard shows everything and changes
 * nothing, whatever the request carries.
 */
@SpringBootTest(classes = DashboardReadOnlyIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "apscheduler.dashboard.enabled=true")
class DashboardReadOnlyIntegrationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Autowired
    private DashboardAccess access;

    @BeforeEach
    void addJob() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
    }

    @Test
    void theSessionSaysReadOnlyAndGivesNoToken() {
        JsonNode session = new DashboardHttp(this.port, "/apscheduler").get("/api/session").json();
        assertThat(session.path("mode").asString()).isEqualTo("read_only");
        assertThat(session.path("canWrite").asBoolean()).isFalse();
        assertThat(session.path("token").isNull()).isTrue();
    }

    @Test
    void readsWorkAndEveryWriteIsRefusedEvenWithTheToken() {
        DashboardHttp http = new DashboardHttp(this.port, "/apscheduler");
        assertThat(http.get("/api/jobs").json().path("total").asLong()).isEqualTo(1);
        for (Response refused : new Response[] { http.post("/api/jobs/nightly/pause", null),
                http.post("/api/jobs/nightly/run", null), http.delete("/api/jobs/nightly"),
                http.post("/api/jobs", "{\"task\": \"report\"}") }) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("message").asString()).contains("read-only");
        }
        // the application's token is no key either
        MockHttpServletRequest withToken = new MockHttpServletRequest("POST", "/apscheduler/api/jobs/nightly/pause");
        withToken.addHeader(DashboardAccess.TOKEN_HEADER, this.access.token());
        assertThat(this.access.writeRefusal(withToken)).isNotNull();
        assertThat(this.scheduler.getJob("nightly").orElseThrow().isPaused()).isFalse();
        assertThat(this.scheduler.getJobs()).hasSize(1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestSchedulerConfiguration.class)
    static class TestApplication {

    }

}
