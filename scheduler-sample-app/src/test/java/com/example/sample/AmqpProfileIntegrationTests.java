package com.example.sample;

import java.time.Duration;
import java.util.UUID;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample with its {@code amqp} profile on the machine's RabbitMQ (127.0.0.1:5672), beat and worker in one
 * process, on a queue of its own: a run submitted over HTTP reaches the worker and its result is polled back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:amqp-profile", "spring.jpa.hibernate.ddl-auto=none",
                "apscheduler.worker.enabled=true", "apscheduler.worker.name=sample-worker",
                "apscheduler.worker.heartbeat-interval=200ms", "sample.unreliable-jobs.first-run=1h" })
@ActiveProfiles("amqp")
class AmqpProfileIntegrationTests {

    private static final String QUEUE = "apscheduler-sample-test." + UUID.randomUUID();

    private static RabbitAdmin admin;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        registry.add("apscheduler.executors.reports.queue", () -> QUEUE);
        registry.add("apscheduler.worker.queues", () -> QUEUE);
    }

    @Autowired
    void admin(ConnectionFactory connectionFactory) {
        admin = new RabbitAdmin(connectionFactory);
    }

    @AfterAll
    static void deleteQueues() {
        if (admin != null) {
            admin.deleteQueue(QUEUE);
            admin.deleteQueue(QUEUE + ".dead");
        }
    }

    @Test
    void aRunSubmittedOverHttpIsRunByTheWorkerAndPolledBack() {
        HttpJson http = new HttpJson(this.port);
        Response submitted = http.post("/api/tasks/send-report/runs", """
                {"args": ["board@example.com"], "executor": "reports"}
                """);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String runId = submitted.at("/run_id");
        assertThat(submitted.location()).isEqualTo("/api/task-runs/" + runId);
        Response done = await().atMost(Duration.ofSeconds(20))
            .until(() -> http.get("/api/task-runs/" + runId), (poll) -> poll.at("/state").equals("SUCCESS"));
        assertThat(done.at("/result")).isEqualTo("report sent to board@example.com");
        assertThat(done.at("/run/instance")).isEqualTo("sample-worker");
    }

    @Test
    void aRunOfAnUnknownTaskIsAFailure() {
        HttpJson http = new HttpJson(this.port);
        Response submitted = http.post("/api/tasks/no-such-task/runs", "{\"executor\": \"reports\"}");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String runId = submitted.at("/run_id");
        Response failed = await().atMost(Duration.ofSeconds(20))
            .until(() -> http.get("/api/task-runs/" + runId), (poll) -> poll.at("/state").equals("FAILURE"));
        assertThat(failed.at("/error")).contains("no-such-task");
    }

    @Test
    void badSubmissionsAreRefusedNamingTheField() {
        Response refused = new HttpJson(this.port).post("/api/tasks/send-report/runs", "{\"countdown\": \"soon\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text()).contains("countdown");
    }

    @Test
    void healthAndTheWorkersEndpointShowTheBrokerAndTheWorker() {
        HttpJson http = new HttpJson(this.port);
        Response health = http.get("/actuator/health");
        assertThat(health.at("/components/apschedulerAmqp/status")).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                http.get("/actuator/apschedulerworkers").text()).contains("sample-worker").contains(QUEUE));
    }

}
