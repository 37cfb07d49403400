package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

/**
 * Adding many jobs at once: the checks and options of {@code addJob} for each job, batches of the store's batch size,
 * a bad specification that stores nothing, a conflict that stops at its batch, and pending jobs before start.
 */
class JobBatchTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void addsEveryJobWithTheOptionsAndEventsOfAddJob() {
        this.scheduler.start();
        this.fixture.events.clear();
        List<Job> jobs = this.scheduler.addJobs(JobSpec.task("tick").id("a").trigger(everySecond()).build(),
                JobSpec.task("tick").trigger("date", Map.of("run_date", at(5).toString())).coalesce(false).build(),
                JobSpec.task("tick").id("c").trigger(everySecond()).paused().build());
        assertThat(jobs).extracting(Job::id).startsWith("a").endsWith("c");
        assertThat(jobs.get(1).id()).matches("[0-9a-f]{32}");
        assertThat(jobs.get(0).nextRunTime()).contains(at(1));
        assertThat(jobs.get(1).nextRunTime()).contains(at(5));
        assertThat(jobs.get(1).coalesce()).isFalse();
        assertThat(jobs.get(2).isPaused()).isTrue();
        assertThat(jobs.get(0).misfireGraceTime()).isEqualTo(this.scheduler.addJob(JobSpec.task("tick").id("single")
            .trigger(everySecond()).build()).misfireGraceTime());
        assertThat(this.scheduler.getJobs()).containsAll(jobs);
        assertThat(this.fixture.events.events(JobEvent.class, EventCodes.JOB_ADDED)).extracting(JobEvent::jobId)
            .containsExactly("a", jobs.get(1).id(), "c", "single");
    }

    @Test
    void storesInBatchesOfTheConfiguredBatchSize() {
        this.scheduler.addJobStore("memory", "small", Map.of("batch_size", 2));
        this.scheduler.start();
        List<Integer> storedAtEachEvent = new CopyOnWriteArrayList<>();
        this.scheduler.addListener((event) -> storedAtEachEvent.add(this.scheduler.getJobs("small").size()),
                EventCodes.JOB_ADDED);
        this.scheduler.addJobs(specs("small", 5));
        assertThat(storedAtEachEvent).containsExactly(2, 2, 4, 4, 5);
    }

    @Test
    void storesInBatchesOfTheStoresOwnBatchSizeWhenNoneIsConfigured() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        this.scheduler.addJobStore(new DelegatingJobStore(new MemoryJobStore()) {

            @Override
            public int batchSize() {
                return 3;
            }

            @Override
            public void addJobs(List<Job> jobs, boolean replaceExisting) {
                batches.add(jobs.size());
                super.addJobs(jobs, replaceExisting);
            }

        }, "own");
        this.scheduler.start();
        this.scheduler.addJobs(specs("own", 7));
        assertThat(batches).containsExactly(3, 3, 1);
        assertThat(this.scheduler.getJobs("own")).hasSize(7);
    }

    @Test
    void batchSizeBelowOneIsRefusedNamingTheKey() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> this.scheduler.addJobStore("memory", "small", Map.of("batch-size", 0)))
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("jobstores.small.batch-size"))
            .withMessageContaining("0");
        assertThat(this.scheduler.jobStoreAliases()).doesNotContain("small");
    }

    @Test
    void aBadSpecificationIsNamedByIndexAndIdAndNothingIsStored() {
        this.scheduler.start();
        this.fixture.events.clear();
        List<JobSpec> specs = new ArrayList<>(specs("default", 3));
        specs.add(JobSpec.task("tick").id("bad").trigger(everySecond()).executor("missing").build());
        specs.add(JobSpec.task("tick").id("after").trigger(everySecond()).build());
        assertThatExceptionOfType(JobBatchException.class).isThrownBy(() -> this.scheduler.addJobs(specs))
            .withMessageStartingWith("jobs[3] (id 'bad'): ")
            .withMessageContaining("'missing'")
            .withMessageEndingWith("no job was added")
            .satisfies((ex) -> {
                assertThat(ex.index()).isEqualTo(3);
                assertThat(ex.jobId()).isEqualTo("bad");
                assertThat(ex.getCause()).isInstanceOf(InvalidJobException.class);
                assertThat(ex.added()).isEmpty();
            });
        assertThat(this.scheduler.getJobs()).isEmpty();
        assertThat(this.fixture.events.events(JobEvent.class, EventCodes.JOB_ADDED)).isEmpty();
    }

    @Test
    void aBadTriggerIsNamedByIndexAndNothingIsStored() {
        this.scheduler.start();
        List<JobSpec> specs = List.of(JobSpec.task("tick").id("ok").trigger(everySecond()).build(),
                JobSpec.task("tick").id("late").trigger("cron", Map.of("hour", "25")).build());
        assertThatExceptionOfType(JobBatchException.class).isThrownBy(() -> this.scheduler.addJobs(specs))
            .withMessageStartingWith("jobs[1] (id 'late'): ")
            .withMessageContaining("25")
            .satisfies((ex) -> assertThat(ex.index()).isEqualTo(1));
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void anIdGivenTwiceIsRefusedNamingBothIndexes() {
        this.scheduler.start();
        List<JobSpec> specs = List.of(JobSpec.task("tick").id("x").trigger(everySecond()).build(),
                JobSpec.task("tick").id("y").trigger(everySecond()).build(),
                JobSpec.task("tick").id("x").trigger(everySecond()).replaceExisting(true).build());
        assertThatExceptionOfType(JobBatchException.class).isThrownBy(() -> this.scheduler.addJobs(specs))
            .withMessageStartingWith("jobs[2] (id 'x'): the same id as jobs[0]")
            .satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(ConflictingIdException.class));
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void aConflictWithAStoredJobStopsAtItsBatchAndKeepsTheBatchesBefore() {
        this.scheduler.addJobStore("memory", "small", Map.of("batch_size", 2));
        this.scheduler.start();
        Job stored = this.scheduler.addJob(JobSpec.task("tick").id("x").name("stored").trigger(everySecond())
            .jobstore("small").build());
        List<JobSpec> specs = new ArrayList<>(specs("small", 3));
        specs.add(JobSpec.task("tick").id("x").trigger(everySecond()).jobstore("small").build());
        specs.add(JobSpec.task("tick").id("last").trigger(everySecond()).jobstore("small").build());
        assertThatExceptionOfType(JobBatchException.class).isThrownBy(() -> this.scheduler.addJobs(specs))
            .withMessageStartingWith("jobs[3] (id 'x'): ")
            .withMessageEndingWith("2 job(s) of the batches before it were added")
            .satisfies((ex) -> {
                assertThat(ex.getCause()).isInstanceOf(ConflictingIdException.class);
                assertThat(ex.added()).extracting(Job::id).containsExactly("job-0", "job-1");
            });
        assertThat(this.scheduler.getJobs("small")).extracting(Job::id)
            .containsExactlyInAnyOrder("x", "job-0", "job-1");
        assertThat(this.scheduler.getJob("x")).contains(stored);
    }

    @Test
    void replaceExistingReplacesStoredJobs() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("x").name("old").trigger(everySecond()).build());
        List<Job> jobs = this.scheduler.addJobs(
                JobSpec.task("tick").id("x").name("new").trigger(everySecond()).replaceExisting(true).build(),
                JobSpec.task("tick").id("y").trigger(everySecond()).build());
        assertThat(this.scheduler.getJob("x").orElseThrow().name()).isEqualTo("new");
        assertThat(this.scheduler.getJobs()).containsExactlyInAnyOrderElementsOf(jobs);
    }

    @Test
    void aFailingStoreIsReportedForItsBatch() {
        FailingJobStore failing = new FailingJobStore(new MemoryJobStore());
        this.scheduler.addJobStore(failing, "flaky");
        this.scheduler.start();
        failing.failing = true;
        assertThatExceptionOfType(JobBatchException.class)
            .isThrownBy(() -> this.scheduler.addJobs(specs("flaky", 3)))
            .withMessageStartingWith("jobs[0] (id 'job-0'): the batch of jobs[0] to jobs[2] was not stored")
            .withMessageContaining("database is down")
            .satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(JobStoreException.class));
    }

    @Test
    void beforeStartJobsArePendingAndStoredWhenTheSchedulerStarts() {
        this.scheduler.addJob(JobSpec.task("tick").id("x").trigger(everySecond()).build());
        List<JobSpec> conflicting = List.of(JobSpec.task("tick").id("y").trigger(everySecond()).build(),
                JobSpec.task("tick").id("x").trigger(everySecond()).build());
        assertThatExceptionOfType(JobBatchException.class).isThrownBy(() -> this.scheduler.addJobs(conflicting))
            .withMessageStartingWith("jobs[1] (id 'x'): ");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("x");
        List<Job> pending = this.scheduler.addJobs(specs("default", 3));
        assertThat(this.scheduler.getJobs()).hasSize(4);
        this.scheduler.start();
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactlyInAnyOrder("x", "job-0", "job-1",
                "job-2");
        assertThat(this.scheduler.getJob("job-1").orElseThrow().nextRunTime())
            .isEqualTo(pending.get(1).nextRunTime());
    }

    @Test
    void addedJobsRun() {
        this.scheduler.start();
        this.scheduler.addJobs(JobSpec.task("tick").id("a").trigger("date", Map.of("run_date", at(1).toString()))
            .build(), JobSpec.task("tick").id("b").trigger("date", Map.of("run_date", at(2).toString())).build());
        this.scheduler.advance(Duration.ofSeconds(2));
        assertThat(this.fixture.ticks).containsExactlyInAnyOrder(at(1), at(2));
    }

    @Test
    void readmeExampleAddsAJobPerCustomer() {
        this.fixture.tasks.registerAction("send-report", (context) -> { });
        List<Customer> customers = List.of(new Customer("1", "a@example.com"), new Customer("2", "b@example.com"));
        ManualScheduler scheduler = this.scheduler;
        scheduler.start();

        List<JobSpec> specs = customers.stream()
            .map((customer) -> JobSpec.task("send-report").id("report-" + customer.id())
                .kwargs(Map.of("to", customer.email())).trigger("cron", Map.of("hour", "3")).build())
            .toList();
        List<Job> jobs = scheduler.addJobs(specs);                                // in the order given

        assertThat(jobs).extracting(Job::id).containsExactly("report-1", "report-2");
        assertThat(jobs.get(1).kwargs().get("to")).isEqualTo("b@example.com");
        assertThat(jobs.get(0).nextRunTime()).contains(SchedulerFixture.T0.plusHours(3));
    }

    private record Customer(String id, String email) {
    }

    private static List<JobSpec> specs(String jobstore, int count) {
        List<JobSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(JobSpec.task("tick").id("job-" + i).trigger(everySecond()).jobstore(jobstore).build());
        }
        return specs;
    }

}
