package com.example.sample;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/jobs/batch} over real HTTP: many jobs added in one request, every element checked before any job
 * is stored, errors naming the element by its index and field, and the limit on the number of jobs.
 */
class JobBatchApiIntegrationTests extends SampleHttpTests {

    @Test
    void addsEveryJobOfTheBatchInTheOrderGiven() {
        Response added = this.http.post("/api/jobs/batch", """
                [{"id": "batch-hourly", "task": "tick", "trigger": "interval", "params": {"hours": 1}},
                 {"id": "batch-report", "task": "send-report", "trigger": "cron", "params": {"hour": 3},
                  "args": ["ops@example.com"], "jobstore": "memory", "max_instances": 2},
                 {"id": "batch-paused", "task": "tick", "trigger": "interval", "params": {"minutes": 5},
                  "paused": true}]
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.each("/id")).containsExactly("batch-hourly", "batch-report", "batch-paused");
        assertThat(added.json().at("/1/jobstore").asString()).isEqualTo("memory");
        assertThat(added.json().at("/1/max_instances").asInt()).isEqualTo(2);
        assertThat(added.json().at("/2/next_run_time").isNull()).isTrue();
        Response report = this.http.get("/api/jobs/batch-report");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.at("/trigger/alias")).isEqualTo("cron");
        assertThat(this.http.get("/api/jobs/batch-hourly").status()).isEqualTo(200);
    }

    @Test
    void aBadElementIsNamedByIndexAndFieldAndNothingIsAdded() {
        Response response = this.http.post("/api/jobs/batch", """
                [{"id": "batch-bad-0", "task": "tick", "trigger": "interval", "params": {"hours": 1}},
                 {"id": "batch-bad-1", "task": "tick", "trigger": "cron", "params": {"hour": 25}}]
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("[1].params.hour");
        assertThat(response.json().at("/index").asInt()).isEqualTo(1);
        assertThat(response.at("/message")).startsWith("jobs[1]: ").contains("25");
        assertThat(this.http.get("/api/jobs/batch-bad-0").status()).isEqualTo(404);
    }

    @Test
    void anUnknownTaskIsNamedByIndex() {
        Response response = this.http.post("/api/jobs/batch", """
                [{"id": "batch-task-0", "task": "tick"}, {"id": "batch-task-1", "task": "nothing-like-it"}]
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("[1].task");
        assertThat(response.at("/message")).contains("nothing-like-it");
        assertThat(this.http.get("/api/jobs/batch-task-0").status()).isEqualTo(404);
    }

    @Test
    void anIdTakenByAStoredJobIsAConflictNamingTheElementAndNothingIsAdded() {
        assertThat(this.http.post("/api/jobs", """
                {"id": "batch-taken", "task": "tick", "trigger": "interval", "params": {"hours": 1}}
                """).status()).isEqualTo(201);
        Response response = this.http.post("/api/jobs/batch", """
                [{"id": "batch-free", "task": "tick", "trigger": "interval", "params": {"hours": 1}},
                 {"id": "batch-taken", "task": "tick", "trigger": "interval", "params": {"hours": 2}}]
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.at("/field")).isEqualTo("[1].id");
        assertThat(response.json().at("/index").asInt()).isEqualTo(1);
        assertThat(response.at("/message")).startsWith("jobs[1] (id 'batch-taken'): ").endsWith("no job was added");
        assertThat(this.http.get("/api/jobs/batch-free").status()).isEqualTo(404);
        assertThat(this.http.get("/api/jobs/batch-taken").at("/trigger/description"))
            .isEqualTo("interval[1:00:00]");
    }

    @Test
    void anIdGivenTwiceIsAConflictNamingBothElements() {
        Response response = this.http.post("/api/jobs/batch", """
                [{"id": "batch-twice", "task": "tick"}, {"id": "batch-once", "task": "tick"},
                 {"id": "batch-twice", "task": "tick"}]
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.at("/field")).isEqualTo("[2].id");
        assertThat(response.at("/message")).contains("jobs[0]");
        assertThat(this.http.get("/api/jobs/batch-once").status()).isEqualTo(404);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsIndex() {
        Response response = this.http.post("/api/jobs/batch", """
                [{"task": "tick"}, {"task": "tick", "max_instances": "many"}]
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("[1].max_instances");
    }

    @Test
    void aNullElementIsNamed() {
        Response response = this.http.post("/api/jobs/batch", "[{\"task\": \"tick\", \"id\": \"batch-null\"}, null]");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("[1]");
        assertThat(this.http.get("/api/jobs/batch-null").status()).isEqualTo(404);
    }

    @Test
    void anEmptyBatchOrAnObjectIsABadRequest() {
        Response empty = this.http.post("/api/jobs/batch", "[]");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.at("/message")).contains("no jobs");
        Response object = this.http.post("/api/jobs/batch", "{\"task\": \"tick\"}");
        assertThat(object.status()).as(object.toString()).isEqualTo(400);
        assertThat(object.at("/message")).contains("must be an array");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWith413BeforeAnyJobIsAdded() {
        String jobs = IntStream.range(0, 501)
            .mapToObj((i) -> "{\"id\": \"batch-many-" + i + "\", \"task\": \"tick\", \"paused\": true}")
            .collect(Collectors.joining(",", "[", "]"));
        Response response = this.http.post("/api/jobs/batch", jobs);
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.at("/message")).contains("501", "500", "sample.api.max-batch-size");
        assertThat(this.http.get("/api/jobs/batch-many-0").status()).isEqualTo(404);
    }

}
