package com.example.sample;

import java.util.stream.Stream;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API under {@code /api} over real HTTP, on the sample's own configuration with an in-memory database:
 * listing tasks and jobs, adding jobs, and the errors for invalid requests and unknown ids (changes to jobs are
 * {@link JobChangesIntegrationTests}).
 */
class JobApiIntegrationTests extends SampleHttpTests {

    @Test
    void listsTheRegisteredTasks() {
        Response tasks = this.http.get("/api/tasks");
        assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
        assertThat(tasks.json().valueStream().map(JsonNode::asString)).contains("tick", "send-report", "alarm",
                "sync-inventory");
    }

    @Test
    void listsTheJobsOfEveryStoreOrOfOne() {
        Response all = this.http.get("/api/jobs");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.each("/id")).contains("tick", "status-report", "minutely-report", "every-missed-run");
        Response memory = this.http.get("/api/jobs?jobstore=memory");
        assertThat(memory.each("/id")).contains("tick").doesNotContain("status-report", "minutely-report");
    }

    @Test
    void listingAnUnknownJobStoreIsABadRequestNamingTheField() {
        Response response = this.http.get("/api/jobs?jobstore=redis");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("jobstore");
        assertThat(response.at("/message")).contains("redis", "default", "memory");
    }

    @Test
    void showsAJobWithItsTriggerAndOptions() {
        Response tick = this.http.get("/api/jobs/tick");
        assertThat(tick.status()).as(tick.toString()).isEqualTo(200);
        assertThat(tick.at("/task")).isEqualTo("tick");
        assertThat(tick.at("/jobstore")).isEqualTo("memory");
        assertThat(tick.at("/trigger/alias")).isEqualTo("interval");
        assertThat(tick.at("/trigger/description")).isEqualTo("interval[0:00:02]");
        assertThat(tick.json().at("/max_instances").asInt()).isEqualTo(3);
        assertThat(tick.json().at("/coalesce").asBoolean()).isFalse();
        assertThat(tick.json().at("/misfire_grace_time").asInt()).isEqualTo(30);
        assertThat(tick.text()).contains("\"misfire_grace_time\":30,");
        assertThat(tick.at("/next_run_time")).isNotBlank();
    }

    @Test
    void anUnknownJobIsNotFound() {
        for (Response response : new Response[] { this.http.get("/api/jobs/ghost"),
                this.http.patch("/api/jobs/ghost", "{\"name\": \"x\"}"), this.http.post("/api/jobs/ghost/pause", null),
                this.http.post("/api/jobs/ghost/resume", null), this.http.post("/api/jobs/ghost/run", null),
                this.http.delete("/api/jobs/ghost") }) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.at("/message")).isEqualTo("No job by the id of 'ghost' was found");
        }
    }

    @Test
    void addsAJobFromATaskATriggerAliasAndItsParameters() {
        Response added = this.http.post("/api/jobs", """
                {"id": "weekday-report", "task": "send-report", "trigger": "cron",
                 "params": {"day_of_week": "mon-fri", "hour": 9, "minute": "30"},
                 "args": ["board@example.com"], "executor": "reports",
                 "misfire_grace_time": "5m", "coalesce": true, "max_instances": 2}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.location()).isEqualTo("/api/jobs/weekday-report");
        assertThat(added.at("/trigger/description")).isEqualTo("cron[day_of_week='mon-fri', hour='9', minute='30']");
        assertThat(added.at("/executor")).isEqualTo("reports");
        assertThat(added.at("/jobstore")).isEqualTo("default");
        assertThat(added.json().at("/misfire_grace_time").asInt()).isEqualTo(300);
        assertThat(added.json().at("/coalesce").asBoolean()).isTrue();
        assertThat(added.json().at("/max_instances").asInt()).isEqualTo(2);
        assertThat(added.json().at("/args/0").asString()).isEqualTo("board@example.com");
        Response stored = this.http.get("/api/jobs/weekday-report");
        assertThat(stored.json()).isEqualTo(added.json());
    }

    @Test
    void theLocationOfAnAddedJobHasItsIdEncodedAndLeadsToIt() {
        Response added = this.http.post("/api/jobs", """
                {"id": "tenant-42:report@eu~v$2", "task": "tick", "trigger": "interval", "params": {"hours": 1},
                 "jobstore": "memory"}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.location()).isEqualTo("/api/jobs/tenant-42%3Areport%40eu~v%242");
        Response found = this.http.get(added.location());
        assertThat(found.at("/id")).as(found.toString()).isEqualTo("tenant-42:report@eu~v$2");
        assertThat(this.http.delete(added.location()).status()).isEqualTo(204);
        assertThat(this.http.get(added.location()).status()).isEqualTo(404);
    }

    @Test
    void addsAJobWithAGeneratedIdAndTheJobDefaults() {
        Response added = this.http.post("/api/jobs", """
                {"task": "tick", "trigger": "interval", "params": {"hours": 1}, "jobstore": "memory"}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/id")).matches("[0-9a-f]{32}");
        assertThat(added.at("/name")).isEqualTo("tick");
        assertThat(added.at("/jobstore")).isEqualTo("memory");
        assertThat(added.json().at("/misfire_grace_time").asInt()).isEqualTo(30);
        assertThat(added.json().at("/max_instances").asInt()).isEqualTo(3);
        assertThat(added.json().at("/coalesce").asBoolean()).isFalse();
    }

    @Test
    void readsMisfireGraceTimeAsSecondsDurationsOrNone() {
        assertThat(addWithMisfireGraceTime("grace-seconds", "2.5").json().at("/misfire_grace_time").asDouble())
            .isEqualTo(2.5);
        assertThat(addWithMisfireGraceTime("grace-duration", "\"PT1M\"").json().at("/misfire_grace_time").asInt())
            .isEqualTo(60);
        assertThat(addWithMisfireGraceTime("grace-none", "\"none\"").json().at("/misfire_grace_time").isNull())
            .isTrue();
    }

    private Response addWithMisfireGraceTime(String id, String value) {
        Response added = this.http.post("/api/jobs", """
                {"id": "%s", "task": "tick", "trigger": "interval", "params": {"hours": 1}, "misfire_grace_time": %s}
                """.formatted(id, value));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

    @Test
    void addingATakenIdIsAConflictUnlessReplacing() {
        String job = """
                {"id": "taken", "task": "tick", "trigger": "interval", "params": {"minutes": %d}%s}
                """;
        assertThat(this.http.post("/api/jobs", job.formatted(5, "")).status()).isEqualTo(201);
        Response conflict = this.http.post("/api/jobs", job.formatted(10, ""));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.at("/field")).isEqualTo("id");
        assertThat(conflict.at("/message")).contains("'taken'", "'default'");
        Response replaced = this.http.post("/api/jobs", job.formatted(10, ", \"replace_existing\": true"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        assertThat(this.http.get("/api/jobs/taken").at("/trigger/description")).isEqualTo("interval[0:10:00]");
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @MethodSource("invalidJobs")
    void anInvalidJobIsABadRequestNamingTheField(String body, String field) {
        Response response = this.http.post("/api/jobs", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).as(response.toString()).isEqualTo(field);
        assertThat(response.at("/message")).isNotBlank();
    }

    static Stream<Arguments> invalidJobs() {
        return Stream.of(Arguments.of("{\"trigger\": \"interval\", \"params\": {\"seconds\": 5}}", "task"),
                Arguments.of("{\"task\": \"no-such-task\"}", "task"),
                Arguments.of("{\"task\": \"tick\", \"id\": \" \"}", "id"),
                Arguments.of("{\"task\": \"tick\", \"trigger\": \"hourly\"}", "trigger"),
                Arguments.of("{\"task\": \"tick\", \"params\": {\"seconds\": 5}}", "trigger"),
                Arguments.of("{\"task\": \"tick\", \"trigger\": \"cron\", \"params\": {\"hour\": 25}}", "params.hour"),
                Arguments.of("{\"task\": \"tick\", \"trigger\": \"interval\", \"params\": {\"secs\": 5}}",
                        "params.secs"),
                Arguments.of("{\"task\": \"tick\", \"misfire_grace_time\": \"soon\"}", "misfire_grace_time"),
                Arguments.of("{\"task\": \"tick\", \"misfire_grace_time\": 0}", "misfire_grace_time"),
                Arguments.of("{\"task\": \"tick\", \"max_instances\": 0}", "max_instances"),
                Arguments.of("{\"task\": \"tick\", \"max_instances\": \"many\"}", "max_instances"),
                Arguments.of("{\"task\": \"tick\", \"jobstore\": \"redis\"}", "jobstore"),
                Arguments.of("{\"task\": \"tick\", \"executor\": \"processpool\"}", "executor"),
                Arguments.of("{\"task\": \"tick\", \"misfire_grace\": 5}", "misfire_grace"),
                Arguments.of("{\"task\": \"tick\", \"args\": {\"to\": \"ops\"}}", "args"));
    }

    @Test
    void anUnknownFieldIsABadRequestListingTheKnownOnes() {
        Response response = this.http.post("/api/jobs", "{\"task\": \"tick\", \"max_instance\": 2}");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("max_instance");
        assertThat(response.at("/message")).startsWith("unknown field 'max_instance' (known: ")
            .contains("max_instances", "misfire_grace_time", "replace_existing");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        Response response = this.http.post("/api/jobs", "{\"task\": ");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/message")).startsWith("the request body");
    }

}
