package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.example.sample.HttpJson.Response;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample with the {@code mongodb} profile, on an in-process MongoDB server: its default store keeps the jobs in
 * the collection {@code apscheduler.jobs}, and the REST API, health and the actuator endpoint work with it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:mongo-profile", "spring.jpa.hibernate.ddl-auto=none",
                "sample.unreliable-jobs.first-run=1h" })
@ActiveProfiles("mongodb")
class MongoProfileIntegrationTests {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());

    @LocalServerPort
    int port;

    @Autowired
    MongoClient client;

    HttpJson http;

    @DynamicPropertySource
    static void mongodb(DynamicPropertyRegistry registry) {
        SERVER.bind("127.0.0.1", 0);
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + SERVER.getLocalAddress().getPort() + "/apscheduler");
    }

    @AfterAll
    static void stopServer() {
        SERVER.shutdownNow();
    }

    @BeforeEach
    void client() {
        this.http = new HttpJson(this.port);
    }

    @Test
    void jobsAddedThroughTheApiAreDocumentsOfTheJobsCollection() {
        Response added = this.http.post("/api/jobs", """
                {"id": "nightly", "task": "send-report", "trigger": "cron", "params": {"hour": 3},
                 "args": ["ops@example.com"]}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/jobstore")).isEqualTo("default");
        BsonDocument document = this.client.getDatabase("apscheduler").getCollection("jobs", BsonDocument.class)
            .find(Filters.eq("_id", "nightly")).first();
        assertThat(document).isNotNull();
        assertThat(document.getDocument("state").getString("id").getValue()).isEqualTo("nightly");
        assertThat(this.http.get("/api/jobs/nightly").json()).isEqualTo(added.json());
        assertThat(this.http.delete("/api/jobs/nightly").status()).isEqualTo(204);
    }

    @Test
    void healthAndTheEndpointShowTheMongodbStore() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response health = this.http.get("/actuator/health");
            assertThat(health.at("/components/apscheduler/status")).as(health.toString()).isEqualTo("UP");
            assertThat(health.at("/components/apscheduler/details/jobstores/default/type")).isEqualTo("mongodb");
        });
        assertThat(this.http.get("/actuator/apscheduler").text()).contains("\"mongodb\"");
    }

}
