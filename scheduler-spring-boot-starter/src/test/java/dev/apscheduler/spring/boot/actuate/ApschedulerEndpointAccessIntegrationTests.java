package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The endpoint's default access is read-only, like Boot's sensitive endpoints: exposed without further settings, it
 * shows the scheduler and its jobs, but pausing, resuming, running and removing jobs are not offered.
 */
@SpringBootTest(classes = ApschedulerEndpointWebIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=apscheduler")
class ApschedulerEndpointAccessIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

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
    void readOperationsAreOffered() throws Exception {
        assertThat(send("GET", "", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/jobs/nightly", null).statusCode()).isEqualTo(200);
    }

    @Test
    void writeOperationsAreNotOfferedByDefault() throws Exception {
        for (String action : new String[] { "pause", "run", "resume" }) {
            HttpResponse<String> response = send("POST", "/jobs/nightly", "{\"action\": \"" + action + "\"}");
            assertThat(response.statusCode()).as("%s: %s", action, response.body()).isIn(404, 405);
        }
        HttpResponse<String> removal = send("DELETE", "/jobs/nightly", null);
        assertThat(removal.statusCode()).as(removal.body()).isIn(404, 405);
        assertThat(this.scheduler.getJob("nightly")).hasValueSatisfying((job) -> assertThat(job.isPaused()).isFalse());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return ApschedulerEndpointWebIntegrationTests.send(this.http, this.port, method, path, body);
    }

}
