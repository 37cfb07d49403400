package com.example.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application ({@code java -jar}, built by {@code package}, run by failsafe in {@code integration-test})
 * as its users run it: over real HTTP on a random port, on an H2 database file, stopped with SIGTERM and started
 * again on the same file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PackagedApplicationEndToEndTests {

    /** How long to wait for anything the application does on its own. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** How long the test leaves itself to stop the application before the persisted jobs fall due. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(20);

    private final List<SampleProcess> processes = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stopProcesses() {
        this.processes.forEach(SampleProcess::stop);
    }

    @Test
    void addsRunsPausesRunsNowResumesAndRemovesAJobOverRest() {
        SampleProcess sample = start("rest");
        HttpJson http = new HttpJson(sample.port());
        String runs = "(job 'e2e-report',";
        Response added = http.post("/api/jobs", """
                {"id": "e2e-report", "task": "send-report", "args": ["e2e@example.com"],
                 "trigger": "interval", "params": {"seconds": 2}}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        await("a run of the added job").atMost(WAIT)
            .untilAsserted(() -> assertThat(http.get("/actuator/apscheduler/jobs/e2e-report")
                .at("/lastExecution/outcome")).isEqualTo("SUCCESS"));
        assertThat(sample.lines(runs)).isGreaterThanOrEqualTo(1);

        Response paused = http.post("/api/jobs/e2e-report/pause", null);
        assertThat(paused.json().at("/paused").asBoolean()).as(paused.toString()).isTrue();
        awaitTwoTicks(sample);
        long runsWhenPaused = sample.lines(runs);
        awaitTwoTicks(sample);
        assertThat(sample.lines(runs)).as("runs of the paused job").isEqualTo(runsWhenPaused);

        Response runNow = http.post("/api/jobs/e2e-report/run", null);
        assertThat(runNow.status()).as(runNow.toString()).isEqualTo(202);
        await("the run now").atMost(WAIT).until(() -> sample.lines(runs) == runsWhenPaused + 1);
        assertThat(http.get("/api/jobs/e2e-report").json().at("/paused").asBoolean()).isTrue();

        Response resumed = http.post("/api/jobs/e2e-report/resume", null);
        assertThat(resumed.json().at("/paused").asBoolean()).as(resumed.toString()).isFalse();
        await("runs of the resumed job").atMost(WAIT).until(() -> sample.lines(runs) >= runsWhenPaused + 2);

        assertThat(http.delete("/api/jobs/e2e-report").status()).isEqualTo(204);
        assertThat(http.get("/api/jobs/e2e-report").status()).isEqualTo(404);
        assertThat(http.get("/actuator/apscheduler/jobs/e2e-report").status()).isEqualTo(404);
        assertThat(sample.stop()).as("stopped within the timeout").isTrue();
        assertThat(sample.log()).contains("Scheduler has been shut down");
    }

    @Test
    void bringsStoredJobsBackAfterARestartAndHandlesTheRunsMissedMeanwhilePerTheirOptions() {
        SampleProcess first = start("restart");
        HttpJson http = new HttpJson(first.port());
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(STOP_MARGIN);
        Instant end = due.plusSeconds(5);
        add(http, "late-run-anyway", "date", "{\"run_date\": \"%s\"}".formatted(due),
                "\"misfire_grace_time\": \"none\"");
        add(http, "late-missed", "date", "{\"run_date\": \"%s\"}".formatted(due), "\"misfire_grace_time\": 1");
        String everyTwoSeconds = "{\"seconds\": 2, \"start_date\": \"%s\", \"end_date\": \"%s\"}".formatted(due, end);
        add(http, "catch-up-every-run", "interval", everyTwoSeconds,
                "\"coalesce\": false, \"misfire_grace_time\": \"none\"");
        add(http, "catch-up-once", "interval", everyTwoSeconds, "\"coalesce\": true, \"misfire_grace_time\": \"none\"");
        add(http, "kept-paused", "interval", "{\"seconds\": 2}", "\"paused\": true");

        assertThat(first.stop()).as("stopped within the timeout").isTrue();
        assertThat(first.log()).contains("Scheduler has been shut down").doesNotContain("(job 'late-run-anyway',");
        assertThat(Instant.now()).as("the application stopped before its jobs fell due").isBefore(due);
        await("the jobs' last fire time to pass while the application is down").atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> Instant.now().isAfter(end.plusSeconds(1)));

        SampleProcess second = start("restart");
        HttpJson restarted = new HttpJson(second.port());
        await("the missed runs to be handled").atMost(WAIT).untilAsserted(() -> {
            assertThat(second.lines("(job 'late-run-anyway',")).isEqualTo(1);
            assertThat(second.lines("Event JOB_MISSED: job 'late-missed'")).isEqualTo(1);
            assertThat(second.lines("(job 'catch-up-every-run',")).isEqualTo(3);
            assertThat(second.lines("(job 'catch-up-once',")).isGreaterThanOrEqualTo(1);
        });
        for (String finished : List.of("late-run-anyway", "late-missed", "catch-up-every-run", "catch-up-once")) {
            assertThat(restarted.get("/api/jobs/" + finished).status()).as("%s is finished and removed", finished)
                .isEqualTo(404);
        }
        assertThat(second.lines("(job 'catch-up-once',")).as("coalesced runs of catch-up-once").isEqualTo(1);
        assertThat(second.lines("(job 'late-missed',")).as("runs of late-missed").isZero();
        Response keptPaused = restarted.get("/api/jobs/kept-paused");
        assertThat(keptPaused.status()).as(keptPaused.toString()).isEqualTo(200);
        assertThat(keptPaused.json().at("/paused").asBoolean()).isTrue();
        assertThat(second.log()).contains("Keeping job 'latest-missed-run' as stored in job store 'default'");
        Response missed = restarted.get("/actuator/metrics/apscheduler.job.missed?tag=task:send-report");
        assertThat(missed.json().at("/measurements/0/value").asDouble()).as(missed.toString())
            .isGreaterThanOrEqualTo(1);
    }

    private SampleProcess start(String database) {
        Path jar = Path.of(System.getProperty("sample.jar", "(sample.jar is not set: run with mvn verify)"));
        assertThat(jar).as("the packaged application").isRegularFile();
        Path log = this.directory.resolve(database + "-" + this.processes.size() + ".log");
        SampleProcess sample = SampleProcess.start(jar, this.directory.resolve(database), log);
        this.processes.add(sample);
        return sample;
    }

    private static void add(HttpJson http, String id, String trigger, String params, String options) {
        Response added = http.post("/api/jobs", """
                {"id": "%s", "task": "send-report", "args": ["%s"], "trigger": "%s", "params": %s, %s}
                """.formatted(id, id, trigger, params, options));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
    }

    /**
     * Waits for the tick job to run twice, about four seconds measured by the application itself: time passes for the
     * test without a sleep.
     */
    private static void awaitTwoTicks(SampleProcess sample) {
        long ticks = sample.lines("Tick! The time is");
        await("two ticks").atMost(WAIT).until(() -> sample.lines("Tick! The time is") >= ticks + 2);
    }

}
