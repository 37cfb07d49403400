package com.example.sample;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.sample.HttpJson.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a hostile or careless client sends, over real HTTP against the running sample: each one answers a 4xx
 * with a JSON body naming the field at fault, in words rather than Java type names, SQL or stack traces, and stores
 * nothing.
 */
class BadRequestIntegrationTests extends SampleHttpTests {

    /** Text an error body must never hold: Java type and package names, SQL, stack frames. */
    private static final String[] LEAKS = { "java.", "tools.jackson", "com.fasterxml", "org.springframework",
            "org.hibernate", "Exception", "SQL", "insert into", "select ", "\tat ", "dev.apscheduler" };

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobs")
    void aBadJobIsRefusedNamingTheFieldAndNothingIsStored(String problem, String body, int status, String field) {
        Set<String> before = jobIds();
        Response response = this.http.post("/api/jobs", body);
        assertRefused(response, status, field);
        assertThat(jobIds()).as("the jobs after %s", problem).isEqualTo(before);
    }

    static Stream<Arguments> badJobs() {
        return Stream.of(
                bad("an interval beyond 999999999 days", interval("{\"days\": 1e9}"), "params.days"),
                bad("an interval of 2e8 weeks", interval("{\"weeks\": 2e8}"), "params.weeks"),
                bad("an interval of a nanosecond", interval("{\"seconds\": 1e-9}"), "params.seconds"),
                bad("an interval that rounds to zero", interval("{\"seconds\": 1e-10}"), "params.seconds"),
                bad("an interval of 1e-999999999 s", interval("{\"seconds\": \"1e-999999999\"}"), "params.seconds"),
                bad("a jitter of 1e300 s", interval("{\"hours\": 1, \"jitter\": 1e300}"), "params.jitter"),
                bad("a cron jitter of 1e300 s",
                        job("\"trigger\": \"cron\", \"params\": {\"hour\": 3, \"jitter\": 1e300}"), "params.jitter"),
                bad("an id with a space", withId("a b"), "id"), bad("an id with %", withId("50%"), "id"),
                bad("an id with a quote", withId("it's"), "id"),
                bad("an id with double quotes", withId("say \\\"hi\\\""), "id"),
                bad("an id with a backslash", withId("back\\\\slash"), "id"),
                bad("an id with a newline", withId("line\\nbreak"), "id"),
                bad("an id with NUL", withId("nul\\u0000"), "id"),
                bad("an id with a lone surrogate", withId("lone\\ud800"), "id"),
                bad("an id with a slash", withId("a/b"), "id"), bad("an id of ..", withId(".."), "id"),
                bad("an id of 192 characters", withId("x".repeat(192)), "id"),
                bad("an id that is a number", job("\"id\": 5"), "id"),
                bad("a name of 300,000 characters", job("\"name\": \"" + "n".repeat(300_000) + "\""), "name"),
                bad("a name that is a number", job("\"name\": 5"), "name"),
                bad("args of 100,000 elements", job("\"args\": [" + "\"x\",".repeat(100_000) + "\"x\"]"), "args"),
                bad("kwargs of 100 KB", job("\"kwargs\": {\"to\": \"" + "k".repeat(100_000) + "\"}"), "kwargs"),
                bad("an argument too large for a number", job("\"args\": [1e400]"), "args"),
                bad("args nested 1,000 deep", job("\"args\": " + "[".repeat(1000) + "]".repeat(1000)), "args"),
                bad("max_instances 1.5", job("\"max_instances\": 1.5"), "max_instances"),
                bad("max_instances 1e10", job("\"max_instances\": 1e10"), "max_instances"),
                bad("max_instances \"2\"", job("\"max_instances\": \"2\""), "max_instances"),
                bad("coalesce 1", job("\"coalesce\": 1"), "coalesce"),
                bad("coalesce \"true\"", job("\"coalesce\": \"true\""), "coalesce"),
                bad("paused \"yes\"", job("\"paused\": \"yes\""), "paused"),
                bad("replace_existing 0", job("\"replace_existing\": 0"), "replace_existing"),
                bad("misfire_grace_time 1e300", job("\"misfire_grace_time\": 1e300"), "misfire_grace_time"),
                bad("max_attempts 0", job("\"max_attempts\": 0"), "max_attempts"),
                bad("max_attempts 1001", job("\"max_attempts\": 1001"), "max_attempts"),
                bad("max_attempts 2.5", job("\"max_attempts\": 2.5"), "max_attempts"),
                bad("retry_backoff \"soon\"", job("\"retry_backoff\": \"soon\""), "retry_backoff"),
                bad("retry_backoff 0", job("\"retry_backoff\": 0"), "retry_backoff"),
                bad("retry_multiplier 0.5", job("\"retry_multiplier\": 0.5"), "retry_multiplier"),
                bad("retry_multiplier true", job("\"retry_multiplier\": true"), "retry_multiplier"),
                bad("retry_max_backoff below retry_backoff",
                        job("\"retry_backoff\": 10, \"retry_max_backoff\": 5"), "retry_max_backoff"),
                bad("retry_jitter of two days", job("\"retry_jitter\": \"P2D\""), "retry_jitter"),
                bad("retry_on that names no class", job("\"retry_on\": [\"not a class\"]"), "retry_on"),
                bad("timeout -1", job("\"timeout\": -1"), "timeout"),
                bad("timeout of 400 days", job("\"timeout\": \"400d\""), "timeout"),
                bad("timeout \"soon\"", job("\"timeout\": \"soon\""), "timeout"),
                Arguments.of("a body of 2 MB", job("\"name\": \"" + "n".repeat(2_000_000) + "\""), 413, ""));
    }

    @Test
    void aClientThatAcceptsNoJsonIsAnsweredNotAcceptableInJsonAndNothingIsStored() {
        Set<String> before = jobIds();
        for (String body : new String[] { withId("xml-only"), withId("a b") }) {
            assertRefused(this.http.send("POST", "/api/jobs", body, "application/xml", "application/json"), 406, "");
        }
        assertRefused(this.http.send("GET", "/api/jobs/ghost", null, "application/xml", "application/json"), 406, "");
        assertRefused(this.http.send("GET", "/api/jobs?jobstore=nope", null, "application/xml", "application/json"),
                406, "");
        assertThat(jobIds()).isEqualTo(before).doesNotContain("xml-only");
    }

    @Test
    void aChunkedBodyPastTheLimitIsTooLargeAndNothingIsStored() {
        Set<String> before = jobIds();
        Response response = this.http.postChunked("/api/jobs", job("\"name\": \"" + "n".repeat(1_100_000) + "\""));
        assertRefused(response, 413, "");
        assertThat(response.at("/message")).contains("1 MB", "sample.api.max-request-size");
        assertThat(jobIds()).isEqualTo(before);
    }

    @Test
    void requestsTheApiDoesNotServeAreAnsweredInJson() {
        assertRefused(this.http.send("POST", "/api/jobs", "task=tick", "*/*", "text/plain"), 415, "");
        assertRefused(this.http.send("PUT", "/api/jobs/tick", "{}", "*/*", "application/json"), 405, "");
        assertRefused(this.http.get("/api/nothing-here"), 404, "");
        assertRefused(this.http.send("GET", "/api/nothing-here", null, "application/xml", "application/json"), 404,
                "");
        assertRefused(this.http.send("GET", "/api/jobs/ghost", null, "*/*", "application/json"), 404, "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChanges")
    void aBadChangeIsRefusedNamingTheFieldAndTheJobIsUnchanged(String problem, String body, int status, String field) {
        Response before = this.http.get("/api/jobs/status-report");
        Response response = this.http.patch("/api/jobs/status-report", body);
        assertRefused(response, status, field);
        assertThat(withoutNextRunTime(this.http.get("/api/jobs/status-report"))).isEqualTo(withoutNextRunTime(before));
    }

    static Stream<Arguments> badChanges() {
        return Stream.of(bad("a name of 300,000 characters", "{\"name\": \"" + "n".repeat(300_000) + "\"}", "name"),
                bad("args of 100,000 elements", "{\"args\": [" + "1,".repeat(100_000) + "1]}", "args"),
                bad("a jitter of 1e300 s and a new name",
                        "{\"name\": \"renamed\", \"trigger\": \"interval\", "
                                + "\"params\": {\"seconds\": 30, \"jitter\": 1e300}}",
                        "params.jitter"),
                bad("coalesce 1 and a new name", "{\"name\": \"renamed\", \"coalesce\": 1}", "coalesce"),
                bad("max_attempts 0 and a new name", "{\"name\": \"renamed\", \"max_attempts\": 0}",
                        "max_attempts"),
                bad("retry_max_backoff below the job's backoff", "{\"retry_max_backoff\": 0.5}", "retry_max_backoff"),
                bad("timeout 0 and a new name", "{\"name\": \"renamed\", \"timeout\": 0}", "timeout"));
    }

    private void assertRefused(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        assertThat(response.json().at("/status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(response.at("/message")).as(response.toString()).isNotBlank();
        assertThat(response.at("/field")).as(response.toString()).isEqualTo(field);
        assertThat(response.text()).as(response.toString()).doesNotContain(LEAKS);
    }

    private static JsonNode withoutNextRunTime(Response job) {
        ObjectNode copy = (ObjectNode) job.json().deepCopy();
        copy.remove("next_run_time");
        return copy;
    }

    /** The ids of the jobs, but for the sample's alarms, which remove themselves once they rang. */
    private Set<String> jobIds() {
        Response jobs = this.http.get("/api/jobs");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
        return jobs.json().valueStream().filter((job) -> !job.at("/task").asString().equals("alarm"))
            .map((job) -> job.at("/id").asString()).collect(Collectors.toSet());
    }

    private static Arguments bad(String problem, String body, String field) {
        return Arguments.of(problem, body, 400, field);
    }

    private static String interval(String params) {
        return job("\"trigger\": \"interval\", \"params\": " + params);
    }

    /** A job with an id written into the JSON text as it is: escapes such as {@code \n} reach the server's parser. */
    private static String withId(String id) {
        return job("\"id\": \"" + id + "\", \"trigger\": \"interval\", \"params\": {\"hours\": 1}");
    }

    private static String job(String fields) {
        return "{\"task\": \"tick\", \"jobstore\": \"default\", " + fields + "}";
    }

}
