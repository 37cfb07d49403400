package com.example.sample;

import com.example.sample.HttpJson.Response;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.BrokenTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing jobs over REST and the actuator stays whole when one job cannot be shown: its trigger fails to describe
 * itself or gives parameters that cannot be written as JSON. That job is listed with the error; every other job is
 * listed as usual.
 */
class JobListingIntegrationTests extends SampleHttpTests {

    @Autowired
    Scheduler scheduler;

    @AfterEach
    void removeTheJobsAdded() {
        for (String id : new String[] { "cannot-describe", "cannot-encode", "every-200000-days" }) {
            this.scheduler.getJob(id).ifPresent((job) -> this.scheduler.removeJob(id, job.jobstore()));
        }
    }

    @Test
    void aJobWhoseTriggerCannotBeDescribedIsReportedAndTheOthersAreListed() {
        this.scheduler.addJob(JobSpec.task("tick").id("cannot-describe").jobstore("memory").paused()
            .trigger(BrokenTrigger.cannotDescribe()));
        this.scheduler.addJob(JobSpec.task("tick").id("cannot-encode").jobstore("memory").paused()
            .trigger(BrokenTrigger.cannotBeWritten()));

        Response jobs = this.http.get("/api/jobs");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
        assertThat(jobs.each("/id")).contains("tick", "status-report", "cannot-describe", "cannot-encode");
        JsonNode cannotDescribe = job(jobs, "cannot-describe");
        assertThat(cannotDescribe.at("/trigger/error").asString()).contains("cannot be described", "out of order");
        assertThat(cannotDescribe.at("/trigger/alias").asString()).isEqualTo("broken");
        JsonNode cannotEncode = job(jobs, "cannot-encode");
        assertThat(cannotEncode.at("/trigger/error").asString()).contains("parameters cannot be written as JSON");
        assertThat(cannotEncode.at("/trigger/description").asString()).isEqualTo("broken[]");
        assertThat(job(jobs, "tick").at("/trigger/error").isMissingNode()).isTrue();

        Response one = this.http.get("/api/jobs/cannot-describe");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.at("/trigger/error")).contains("out of order");

        Response actuator = this.http.get("/actuator/apscheduler");
        assertThat(actuator.status()).as(actuator.toString()).isEqualTo(200);
        JsonNode summary = actuator.json().at("/jobs").valueStream()
            .filter((job) -> job.at("/id").asString().equals("cannot-describe")).findFirst().orElseThrow();
        assertThat(summary.at("/error").asString()).contains("out of order");
        assertThat(actuator.json().at("/jobs").valueStream().map((job) -> job.at("/id").asString()))
            .contains("tick", "status-report", "cannot-encode");
        Response details = this.http.get("/actuator/apscheduler/jobs/cannot-encode");
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        assertThat(details.at("/trigger/error")).contains("parameters cannot be written as JSON");
    }

    @Test
    void aJobEvery200000DaysIsStoredListedAndShown() {
        Response added = this.http.post("/api/jobs", """
                {"id": "every-200000-days", "task": "tick", "trigger": "interval", "params": {"days": 200000}}
                """);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/trigger/description")).isEqualTo("interval[200000 days, 0:00:00]");
        Response jobs = this.http.get("/api/jobs");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
        assertThat(jobs.each("/id")).contains("every-200000-days", "tick");
        Response actuator = this.http.get("/actuator/apscheduler");
        assertThat(actuator.status()).as(actuator.toString()).isEqualTo(200);
        assertThat(this.http.get("/actuator/apscheduler/jobs/every-200000-days").status()).isEqualTo(200);
    }

    private static JsonNode job(Response jobs, String id) {
        return jobs.json().valueStream().filter((job) -> job.at("/id").asString().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no job '" + id + "' in " + jobs));
    }

}
