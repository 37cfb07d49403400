package com.example.sample;

import java.util.UUID;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with its {@code redis} profile, on the machine's Redis server (127.0.0.1:6379) under keys of its own:
 * the REST API, health and the actuator endpoint work on the Redis store as on the JPA one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:redis-profile", "spring.jpa.hibernate.ddl-auto=none",
                "sample.unreliable-jobs.first-run=0s", "sample.unreliable-jobs.interval=1h",
                "sample.unreliable-jobs.retry-backoff=100ms", "sample.unreliable-jobs.timeout=500ms" })
@ActiveProfiles("redis")
class RedisProfileIntegrationTests {

    private static final String PREFIX = "apscheduler-sample-test-" + UUID.randomUUID();

    private static StringRedisTemplate redis;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("apscheduler.jobstores.default.jobs-key", () -> PREFIX + ".jobs");
        registry.add("apscheduler.jobstores.default.run-times-key", () -> PREFIX + ".run_times");
    }

    @Autowired
    void redis(StringRedisTemplate template) {
        redis = template;
    }

    @AfterAll
    static void deleteKeys() {
        if (redis != null) {
            redis.delete(redis.keys("{" + PREFIX + "}*"));
        }
    }

    @Test
    void healthShowsTheRedisStoreAndRedisUp() {
        Response health = new HttpJson(this.port).get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.at("/components/apscheduler/status")).isEqualTo("UP");
        assertThat(health.at("/components/apscheduler/details/jobstores/default/type")).isEqualTo("redis");
        assertThat(health.at("/components/redis/status")).isEqualTo("UP");
    }

    @Test
    void aJobAddedThroughTheApiIsKeptInRedis() {
        HttpJson http = new HttpJson(this.port);
        Response added = http.post("/api/jobs", """
                {"id": "redis-report", "task": "send-report", "trigger": "interval", "params": {"hours": 1},
                 "args": ["board@example.com"], "executor": "reports"}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/jobstore")).isEqualTo("default");
        assertThat(redis.opsForHash().hasKey("{" + PREFIX + "}.jobs", "redis-report")).isTrue();
        assertThat(redis.opsForZSet().score("{" + PREFIX + "}.run_times", "redis-report")).isNotNull();
        Response stored = http.get("/api/jobs/redis-report");
        assertThat(stored.json()).isEqualTo(added.json());
        assertThat(http.delete("/api/jobs/redis-report").status()).isEqualTo(204);
        assertThat(redis.opsForHash().hasKey("{" + PREFIX + "}.jobs", "redis-report")).isFalse();
    }

}
