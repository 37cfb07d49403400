package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The endpoint over real HTTP for a scheduler that keeps no run history: the runs are answered 404 saying so, the
 * summary has no history store, and the last execution of a job is learnt from the scheduler's events.
 */
@SpringBootTest(classes = ApschedulerEndpointWithoutHistoryIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=apscheduler")
class ApschedulerEndpointWithoutHistoryIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final BasicJsonTester json = new BasicJsonTester(getClass());

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @Test
    void runsAreNotFoundBecauseTheHistoryIsOff() throws Exception {
        for (String path : new String[] { "/jobs/nightly/runs", "/runs/any", "/failures?page=0&size=5" }) {
            HttpResponse<String> response = send(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(this.json.from(response.body())).extractingJsonPathStringValue("$.message")
                .isEqualTo("Run history is off: the scheduler keeps no run records");
        }
    }

    @Test
    void theSummaryHasNoHistoryAndTheLastExecutionComesFromEvents() throws Exception {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.runJob("nightly");
        assertThat(this.json.from(send("").body())).doesNotHaveJsonPath("$.history");
        JsonContent<Object> job = this.json.from(send("/jobs/nightly").body());
        assertThat(job).extractingJsonPathStringValue("$.lastExecution.outcome").isEqualTo("SUCCESS");
        assertThat(job).extractingJsonPathNumberValue("$.lastExecution.attempt").isEqualTo(1);
    }

    private HttpResponse<String> send(String path) throws Exception {
        return ApschedulerEndpointWebIntegrationTests.send(this.http, this.port, "GET", path, null);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        ManualScheduler scheduler() {
            TaskRegistry tasks = new TaskRegistry();
            tasks.register("report", (context) -> "sent");
            ManualScheduler scheduler = ManualScheduler.builder().taskRegistry(tasks).historyStore(null).build();
            scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
            return scheduler;
        }

    }

}
