package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.example.sample.HttpJson.Response;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample with the {@code zookeeper} profile, on a real ZooKeeper server in the test JVM: its default store keeps
 * the jobs as znodes under {@code /apscheduler/jobs}, and the REST API, health and the actuator endpoint work with it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:zookeeper-profile", "spring.jpa.hibernate.ddl-auto=none",
                "sample.unreliable-jobs.first-run=1h" })
@ActiveProfiles("zookeeper")
class ZooKeeperProfileIntegrationTests {

    private static TestingServer server;

    @LocalServerPort
    int port;

    HttpJson http;

    @DynamicPropertySource
    static void zookeeper(DynamicPropertyRegistry registry) throws Exception {
        server = new TestingServer(true);
        registry.add("apscheduler.jobstores.default.connect-string", server::getConnectString);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void client() {
        this.http = new HttpJson(this.port);
    }

    @Test
    void jobsAddedThroughTheApiAreZnodesHoldingTheirJson() throws Exception {
        Response added = this.http.post("/api/jobs", """
                {"id": "nightly", "task": "send-report", "trigger": "cron", "params": {"hour": 3},
                 "args": ["ops@example.com"]}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/jobstore")).isEqualTo("default");
        try (CuratorFramework reader = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new RetryOneTime(100))) {
            reader.start();
            String json = new String(reader.getData().forPath("/apscheduler/jobs/nightly"), StandardCharsets.UTF_8);
            assertThat(json).contains("\"id\":\"nightly\"").contains("\"send-report\"");
        }
        assertThat(this.http.get("/api/jobs/nightly").json()).isEqualTo(added.json());
        assertThat(this.http.delete("/api/jobs/nightly").status()).isEqualTo(204);
    }

    @Test
    void healthAndTheEndpointShowTheZookeeperStore() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response health = this.http.get("/actuator/health");
            assertThat(health.at("/components/apscheduler/status")).as(health.toString()).isEqualTo("UP");
            assertThat(health.at("/components/apscheduler/details/jobstores/default/type")).isEqualTo("zookeeper");
        });
        assertThat(this.http.get("/actuator/apscheduler").text()).contains("\"zookeeper\"");
    }

}
