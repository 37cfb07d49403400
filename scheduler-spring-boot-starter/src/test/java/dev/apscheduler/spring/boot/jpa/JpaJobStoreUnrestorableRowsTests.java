package dev.apscheduler.spring.boot.jpa;

import static dev.apscheduler.spring.boot.jpa.SchedulerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows that cannot be restored (corrupt JSON, an unknown trigger alias, parameters the trigger rejects) are kept,
 * skipped, reported once and listed for operators, while the other jobs run.
 */
class JpaJobStoreUnrestorableRowsTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private ConfigurableApplicationContext application;

    private JdbcTemplate jdbc;

    @BeforeEach
    void startApplication() {
        this.application = StoreApplications.start(TestDatabase.H2, Map.of());
        this.jdbc = StoreApplications.jdbc(this.application);
        this.jdbc.update("DELETE FROM apscheduler_jobs");
    }

    @AfterEach
    void stopApplication() {
        this.application.close();
    }

    private void insertBrokenRows() {
        Job template = Job.builder().id("template").task(TaskReference.named("tick"))
            .trigger(Triggers.interval().seconds(10).startDate(T0).build()).nextRunTime(T0).build();
        String json = new JobCodec(ZoneOffset.UTC, this.fixture.clock).encode(template);
        insert("corrupt", "{\"version\":1,\"id\":\"corrupt\",");
        insert("unknown-trigger", json.replace("\"template\"", "\"unknown-trigger\"")
            .replace("\"alias\":\"interval\"", "\"alias\":\"lunar\""));
        insert("bad-parameters", json.replace("\"template\"", "\"bad-parameters\"")
            .replace("\"alias\":\"interval\"", "\"alias\":\"date\""));
    }

    private void insert(String id, String state) {
        this.jdbc.update("INSERT INTO apscheduler_jobs (id, next_run_time, job_state, version) VALUES (?, ?, ?, 0)",
                id, JobRows.ceilMicros(T0.toInstant()), state);
    }

    private int rows() {
        return this.jdbc.queryForObject("SELECT COUNT(*) FROM apscheduler_jobs", Integer.class);
    }

    @Test
    void brokenRowsAreKeptReportedOnceAndListedWhileTheOtherJobsRun() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        scheduler.addJob(JobSpec.task("tick").id("fine")
            .trigger(Triggers.interval().seconds(10).startDate(T0).build()).build());
        insertBrokenRows();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(this.fixture.runs).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
        assertThat(this.fixture.events(EventCodes.JOB_RESTORE_FAILED)).map((event) -> ((JobStoreEvent) event).jobId())
            .containsExactlyInAnyOrder("corrupt", "unknown-trigger", "bad-parameters");
        assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("fine");
        assertThat(rows()).isEqualTo(4);
        assertThat(scheduler.jobStores().get("default").counts()).contains(new JobCounts(1, 0, 3));
        assertThat(scheduler.unrestorableJobs("default")).extracting(UnrestorableJob::jobId)
            .containsExactly("bad-parameters", "corrupt", "unknown-trigger");
        assertThat(scheduler.unrestorableJobs("default"))
            .allSatisfy((job) -> assertThat(job.nextRunTime()).isEqualTo(T0.toInstant()))
            .filteredOn((job) -> job.jobId().equals("unknown-trigger")).singleElement()
            .satisfies((job) -> assertThat(job.reason()).contains("lunar"));
        scheduler.shutdown();
    }

    @Test
    void brokenRowsAreReportedAgainWhenTheStoreStartsAndCanBeRemoved() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        insertBrokenRows();
        scheduler.runDue();
        scheduler.shutdown();
        this.fixture.events.clear();
        scheduler = this.fixture.start(this.application);
        assertThat(this.fixture.events(EventCodes.JOB_RESTORE_FAILED)).hasSize(3);
        scheduler.removeJob("corrupt");
        assertThat(rows()).isEqualTo(2);
        scheduler.shutdown();
    }

    @Test
    void repairedRowIsRestoredWhenTheStoreStarts() {
        ManualScheduler scheduler = this.fixture.start(this.application);
        insertBrokenRows();
        scheduler.runDue();
        scheduler.shutdown();
        Job repaired = Job.builder().id("corrupt").task(TaskReference.named("tick"))
            .trigger(Triggers.date(T0)).nextRunTime(T0).build();
        this.jdbc.update("UPDATE apscheduler_jobs SET job_state = ? WHERE id = 'corrupt'",
                new JobCodec(ZoneOffset.UTC, this.fixture.clock).encode(repaired));
        scheduler = this.fixture.start(this.application);
        scheduler.runDue();
        assertThat(this.fixture.runs).containsExactly(T0);
        assertThat(scheduler.unrestorableJobs("default"))
            .extracting(UnrestorableJob::jobId).containsExactly("bad-parameters", "unknown-trigger");
        scheduler.shutdown();
    }

}
