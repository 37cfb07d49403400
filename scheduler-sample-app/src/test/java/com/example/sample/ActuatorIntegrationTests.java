package com.example.sample;

import java.time.Duration;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator endpoints the sample exposes, over real HTTP: health with the scheduler's details, the
 * {@code apscheduler} endpoint, the scheduler's meters and their Prometheus output.
 */
class ActuatorIntegrationTests extends SampleHttpTests {

    @Test
    void healthShowsTheSchedulerWithItsJpaAndMemoryStores() {
        Response health = this.http.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.at("/status")).isEqualTo("UP");
        assertThat(health.at("/components/apscheduler/status")).isEqualTo("UP");
        assertThat(health.at("/components/apscheduler/details/state")).isEqualTo("RUNNING");
        assertThat(health.at("/components/apscheduler/details/jobstores/default/type")).isEqualTo("jpa");
        assertThat(health.at("/components/apscheduler/details/jobstores/memory/type")).isEqualTo("memory");
    }

    @Test
    void apschedulerEndpointShowsTheStoresExecutorsAndTheTicksLastExecution() {
        Response scheduler = this.http.get("/actuator/apscheduler");
        assertThat(scheduler.status()).as(scheduler.toString()).isEqualTo(200);
        assertThat(scheduler.text()).contains("\"default\"", "\"memory\"", "\"reports\"", "\"tick\"");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.http.get("/actuator/apscheduler/jobs/tick")
                .at("/lastExecution/outcome")).isEqualTo("SUCCESS"));
    }

    @Test
    void metricsCountTheTicks() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response executions = this.http.get("/actuator/metrics/apscheduler.job.executions?tag=task:tick");
            assertThat(executions.status()).as(executions.toString()).isEqualTo(200);
            assertThat(executions.json().at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void prometheusOutputHasTheSchedulersMeters() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response prometheus = this.http.getAny("/actuator/prometheus");
            assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
            assertThat(prometheus.text()).contains("apscheduler_job_executions_seconds_count{", "task=\"tick\"",
                    "apscheduler_jobs{");
        });
    }

}
