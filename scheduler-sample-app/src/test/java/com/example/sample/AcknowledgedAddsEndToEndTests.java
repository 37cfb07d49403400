package com.example.sample;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 201 means stored: the packaged application, on its own database settings, is killed with SIGKILL while clients
 * add jobs, and started again on the same database file; every add it answered 201 before it died is there.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AcknowledgedAddsEndToEndTests {

    private static final int CLIENTS = 4;

    /** How many adds are answered 201 before the kill: enough that H2's write delay (500 ms) would cover some. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path directory;

    private SampleProcess sample;

    @AfterEach
    void stop() {
        if (this.sample != null) {
            this.sample.stop();
        }
    }

    @Test
    void everyAddAnsweredCreatedBeforeAKillMinus9IsStored() throws Exception {
        this.sample = start("first.log");
        HttpJson http = new HttpJson(this.sample.port());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger ids = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.execute(() -> addUntilRefused(http, ids, acknowledged));
        }
        await("acknowledged adds").atMost(Duration.ofSeconds(120))
            .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
        this.sample.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("the clients stopped").isTrue();

        this.sample = start("second.log");
        Response jobs = new HttpJson(this.sample.port()).get("/api/jobs?jobstore=default");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
        Set<String> stored = new HashSet<>(jobs.each("/id").toList());
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        System.out.printf("kill -9 after %d acknowledged adds: %d of them lost%n", acknowledged.size(), lost.size());
        assertThat(lost).as("adds answered 201 before kill -9 (of %d) that are not stored", acknowledged.size())
            .isEmpty();
    }

    /** Adds paused jobs one after another until the application stops answering. */
    private static void addUntilRefused(HttpJson http, AtomicInteger ids, Set<String> acknowledged) {
        while (!Thread.currentThread().isInterrupted()) {
            String id = "durable-" + ids.incrementAndGet();
            try {
                Response added = http.post("/api/jobs", """
                        {"id": "%s", "task": "tick", "trigger": "interval", "params": {"hours": 1}, "paused": true}
                        """.formatted(id));
                if (added.status() == 201) {
                    acknowledged.add(id);
                }
            }
            catch (UncheckedIOException | IllegalStateException ex) {
                return;
            }
        }
    }

    private SampleProcess start(String log) {
        Path jar = Path.of(System.getProperty("sample.jar", "(sample.jar is not set: run with mvn verify)"));
        assertThat(jar).as("the packaged application").isRegularFile();
        return SampleProcess.startOnItsOwnDatabaseSettings(jar, this.directory.resolve(log));
    }

}
