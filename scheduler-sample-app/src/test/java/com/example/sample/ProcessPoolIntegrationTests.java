package com.example.sample;

import java.time.Duration;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code cpu} process pool over real HTTP: a prime count added and run now through the REST API runs in a
 * worker JVM that started the sample in worker mode, and its result comes back into the run history.
 */
class ProcessPoolIntegrationTests extends SampleHttpTests {

    /** A worker starts the whole sample (without its web server): generous on a busy machine. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aPrimeCountRunsInAWorkerProcessAndItsResultIsRecorded() {
        Response added = this.http.post("/api/jobs", """
                {"id": "primes-below-100000", "task": "count-primes", "trigger": "interval", "params": {"hours": 1},
                 "args": [100000], "executor": "cpu", "jobstore": "memory"}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(this.http.get("/actuator/apscheduler").at("/executors/cpu/type")).isEqualTo("processpool");
        Response run = this.http.post("/api/jobs/primes-below-100000/run", null);
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        Response runs = await().atMost(WAIT).until(() -> this.http.get("/api/jobs/primes-below-100000/runs"),
                (answer) -> answer.status() == 200 && answer.json().at("/total").asInt() == 1
                        && !answer.at("/runs/0/outcome").equals("RUNNING"));
        assertThat(runs.at("/runs/0/outcome")).as(runs.toString()).isEqualTo("SUCCESS");
        assertThat(runs.json().at("/runs/0/result").asInt()).isEqualTo(9592);
        assertThat(runs.at("/runs/0/executor")).isEqualTo("cpu");
    }

}
