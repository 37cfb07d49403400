package com.example.sample;

import java.time.Duration;
import java.util.stream.Stream;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API under {@code /api} over real HTTP, on the sample's own configuration with an in-memory database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:job-api", "spring.jpa.hibernate.ddl-auto=none" })
class JobApiIntegrationTests {

    @LocalServerPort
    int port;

    private HttpJson http;

    @BeforeEach
    void client() {
        this.http = new HttpJson(this.port);
    }

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
        assertThat(ids(all)).contains("tick", "status-report", "minutely-report", "every-missed-run");
        Response memory = this.http.get("/api/jobs?jobstore=memory");
        assertThat(ids(memory)).contains("tick").doesNotContain("status-report", "minutely-report");
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

    @Test
    void modifiesAJobsOptions() {
        add("to-modify", "{\"minutes\": 5}");
        Response modified = this.http.patch("/api/jobs/to-modify", """
                {"name": "renamed", "args": ["cfo@example.com"], "max_instances": 1, "coalesce": true,
                 "misfire_grace_time": "none", "executor": "reports"}
                """);
        assertThat(modified.status()).as(modified.toString()).isEqualTo(200);
        assertThat(modified.at("/name")).isEqualTo("renamed");
        assertThat(modified.json().at("/args/0").asString()).isEqualTo("cfo@example.com");
        assertThat(modified.json().at("/max_instances").asInt()).isEqualTo(1);
        assertThat(modified.json().at("/coalesce").asBoolean()).isTrue();
        assertThat(modified.json().at("/misfire_grace_time").isNull()).isTrue();
        assertThat(modified.at("/executor")).isEqualTo("reports");
        assertThat(modified.at("/trigger/description")).isEqualTo("interval[0:05:00]");
    }

    @Test
    void reschedulesAJobGivenANewTrigger() {
        Response before = add("to-reschedule", "{\"hours\": 12}");
        Response rescheduled = this.http.patch("/api/jobs/to-reschedule", """
                {"trigger": "cron", "params": {"minute": "*/5"}}
                """);
        assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
        assertThat(rescheduled.at("/trigger/alias")).isEqualTo("cron");
        assertThat(rescheduled.at("/trigger/description")).isEqualTo("cron[minute='*/5']");
        assertThat(rescheduled.at("/next_run_time")).isNotEqualTo(before.at("/next_run_time"));
    }

    @Test
    void anInvalidChangeLeavesTheJobAsItWas() {
        Response before = add("unchanged", "{\"minutes\": 5}");
        Response response = this.http.patch("/api/jobs/unchanged", """
                {"name": "renamed", "trigger": "cron", "params": {"minute": "61"}}
                """);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.at("/field")).isEqualTo("params.minute");
        assertThat(this.http.get("/api/jobs/unchanged").json()).isEqualTo(before.json());
        Response badOption = this.http.patch("/api/jobs/unchanged", "{\"max_instances\": -1}");
        assertThat(badOption.status()).as(badOption.toString()).isEqualTo(400);
        assertThat(badOption.at("/field")).isEqualTo("max_instances");
    }

    @Test
    void pausesAndResumesAJob() {
        add("to-pause", "{\"minutes\": 5}");
        Response paused = this.http.post("/api/jobs/to-pause/pause", null);
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().at("/paused").asBoolean()).isTrue();
        assertThat(paused.json().at("/next_run_time").isNull()).isTrue();
        assertThat(this.http.get("/api/jobs/to-pause").json().at("/paused").asBoolean()).isTrue();
        Response resumed = this.http.post("/api/jobs/to-pause/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().at("/paused").asBoolean()).isFalse();
        assertThat(resumed.at("/next_run_time")).isNotBlank();
    }

    @Test
    void resumingAJobWhoseTriggerHasNoFireTimeLeftRemovesIt() {
        Response added = this.http.post("/api/jobs", """
                {"id": "over", "task": "tick", "trigger": "interval", "paused": true,
                 "params": {"hours": 1, "start_date": "2020-01-01T00:00:00Z", "end_date": "2020-01-02T00:00:00Z"}}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        Response resumed = this.http.post("/api/jobs/over/resume", null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(204);
        assertThat(this.http.get("/api/jobs/over").status()).isEqualTo(404);
    }

    @Test
    void runsAJobNowAndTheRunIsSeenByTheActuatorEndpoint() {
        add("to-run", "{\"hours\": 1}");
        Response run = this.http.post("/api/jobs/to-run/run", null);
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        assertThat(run.at("/id")).isEqualTo("to-run");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.http.get("/actuator/apscheduler/jobs/to-run").at(
                    "/lastExecution/outcome")).isEqualTo("SUCCESS"));
    }

    @Test
    void runningAJobThatRunsItsMaximumNumberOfInstancesIsAConflict() {
        Response added = this.http.post("/api/jobs", """
                {"id": "busy", "task": "export", "trigger": "interval", "params": {"hours": 1}, "max_instances": 1}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(this.http.post("/api/jobs/busy/run", null).status()).isEqualTo(202);
        Response second = this.http.post("/api/jobs/busy/run", null);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.at("/message")).contains("'busy'", "maximum number of instances (1)");
    }

    @Test
    void removesAJob() {
        add("to-remove", "{\"minutes\": 5}");
        Response removed = this.http.delete("/api/jobs/to-remove");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(this.http.get("/api/jobs/to-remove").status()).isEqualTo(404);
        assertThat(ids(this.http.get("/api/jobs"))).doesNotContain("to-remove");
    }

    private Response add(String id, String intervalParams) {
        Response added = this.http.post("/api/jobs", """
                {"id": "%s", "task": "send-report", "args": ["ops@example.com"], "trigger": "interval", "params": %s}
                """.formatted(id, intervalParams));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

    private static Stream<String> ids(Response jobs) {
        return jobs.json().valueStream().map((job) -> job.at("/id").asString());
    }

}
