package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application started on the context its ahead-of-time processing generated, as a native image starts:
 * its declared jobs run, a job added over REST runs with its arguments bound, and it shuts down cleanly. Needs the
 * jar built by the {@code aot} profile, which runs {@code spring-boot:process-aot}:
 * {@code mvn -Paot verify -pl scheduler-sample-app -am -Dit.test=PackagedAheadOfTimeApplicationIT} (the README gives
 * the command that skips the unit tests). Named {@code *IT} so that the default build, whose jar has no generated
 * context, runs it neither as a unit test nor as an end-to-end test.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PackagedAheadOfTimeApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void runsTheDeclaredAndAddedJobsOnTheAheadOfTimeContext() {
        Path jar = Path.of(System.getProperty("sample.jar", "(sample.jar is not set: run with mvn -Paot verify)"));
        assertThat(jar).as("the packaged application").isRegularFile();
        SampleProcess sample = SampleProcess.startAheadOfTime(jar, this.directory.resolve("aot"),
                this.directory.resolve("aot.log"));
        try {
            assertThat(sample.log()).contains("Starting AOT-processed SampleApplication");
            await("the declared tick job").atMost(WAIT).until(() -> sample.lines("Tick! The time is") >= 1);
            HttpJson http = new HttpJson(sample.port());
            Response added = http.post("/api/jobs", """
                    {"id": "aot-report", "task": "send-report", "args": ["aot@example.com"],
                     "trigger": "interval", "params": {"seconds": 2}}
                    """);
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            await("a run of the added job").atMost(WAIT)
                .untilAsserted(() -> assertThat(http.get("/actuator/apscheduler/jobs/aot-report")
                    .at("/lastExecution/outcome")).isEqualTo("SUCCESS"));
            assertThat(sample.log()).contains("aot@example.com");
        }
        finally {
            assertThat(sample.stop()).as("stopped within the timeout").isTrue();
        }
        assertThat(sample.log()).contains("Scheduler has been shut down");
    }

}
