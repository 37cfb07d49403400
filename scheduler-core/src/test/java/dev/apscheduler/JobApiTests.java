package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.T0;
import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.store.JobCounts;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

/**
 * The job API: adding with every option, ids and conflicts, changing, pausing, removing and listing jobs.
 */
class JobApiTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void addedJobGetsAPScheduleresDefaults() {
        this.scheduler.start();
        Job job = this.scheduler.addJob("tick", everySecond());
        assertThat(job.id()).matches("[0-9a-f]{32}");
        assertThat(job.name()).isEqualTo("tick");
        assertThat(job.task().name()).isEqualTo("tick");
        assertThat(job.executor()).isEqualTo("default");
        assertThat(job.jobstore()).isEqualTo("default");
        assertThat(job.misfireGraceTime()).contains(Duration.ofSeconds(1));
        assertThat(job.coalesce()).isTrue();
        assertThat(job.maxInstances()).isEqualTo(1);
        assertThat(job.nextRunTime()).contains(at(1));
        assertThat(job.args()).isEmpty();
        assertThat(job.kwargs()).isEmpty();
        assertThat(this.scheduler.getJob(job.id())).contains(job);
    }

    @Test
    void addedJobKeepsEveryOptionGiven() {
        this.scheduler.addExecutor(new dev.apscheduler.executor.DirectJobExecutor(), "other");
        this.scheduler.addJobStore(new MemoryJobStore(), "second");
        this.scheduler.start();
        Job job = this.scheduler.addJob(JobSpec.task("tick").id("full").name("Full").args("a", 1)
            .kwargs(Map.of("k", true)).trigger(everySecond()).executor("other").jobstore("second")
            .misfireGraceTime(Duration.ofSeconds(30)).coalesce(false).maxInstances(3).nextRunTime(at(7)));
        assertThat(this.scheduler.getJob("full", "second")).contains(job);
        assertThat(job.name()).isEqualTo("Full");
        assertThat(job.args()).containsExactly("a", 1);
        assertThat(job.kwargs()).containsEntry("k", true);
        assertThat(job.executor()).isEqualTo("other");
        assertThat(job.misfireGraceTime()).contains(Duration.ofSeconds(30));
        assertThat(job.coalesce()).isFalse();
        assertThat(job.maxInstances()).isEqualTo(3);
        assertThat(job.nextRunTime()).contains(at(7));
        assertThat(this.scheduler.getJob("full", "default")).isEmpty();
    }

    @Test
    void jobDefaultsApplyToOptionsNotGivenOnly() {
        ManualScheduler scheduler = this.fixture.builder()
            .jobDefaults(new JobDefaults(Duration.ofSeconds(30), false, 4)).build();
        scheduler.start();
        Job defaulted = scheduler.addJob("tick", everySecond());
        assertThat(defaulted.misfireGraceTime()).contains(Duration.ofSeconds(30));
        assertThat(defaulted.coalesce()).isFalse();
        assertThat(defaulted.maxInstances()).isEqualTo(4);
        Job explicit = scheduler.addJob(JobSpec.task("tick").trigger(everySecond()).misfireGraceTime(null)
            .coalesce(true).maxInstances(1));
        assertThat(explicit.misfireGraceTime()).isEmpty();
        assertThat(explicit.coalesce()).isTrue();
        assertThat(explicit.maxInstances()).isEqualTo(1);
    }

    @Test
    void triggerGivenByAliasIsBuiltInTheSchedulersTimeZone() {
        ManualScheduler scheduler = this.fixture.builder().timezone(ZoneId.of("Europe/Helsinki")).build();
        scheduler.start();
        Job job = scheduler.addJob("tick", "date", Map.of("run_date", "2030-01-01 02:00:05"));
        assertThat(job.nextRunTime().orElseThrow().toInstant()).isEqualTo(at(5).toInstant());
        assertThat(job.trigger().zone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
    }

    @Test
    void addingAnExistingIdFails() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("dup").trigger(everySecond()));
        assertThatExceptionOfType(ConflictingIdException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("dup").trigger(everySecond())))
            .withMessage("Job identifier 'dup' conflicts with an existing job in job store 'default'");
    }

    @Test
    void replaceExistingReplacesTheJobWithTheSameId() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("dup").trigger(everySecond()));
        Job replacement = this.scheduler.addJob(JobSpec.task("tick").id("dup").name("new")
            .trigger(DateTrigger.of(at(9))).replaceExisting(true));
        assertThat(this.scheduler.getJobs()).containsExactly(replacement);
        assertThat(replacement.name()).isEqualTo("new");
    }

    @Test
    void pendingJobsAreListedAndStoredAtStart() {
        Job pending = this.scheduler.addJob(JobSpec.task("tick").id("early").trigger(everySecond()));
        assertThat(this.scheduler.getJobs()).containsExactly(pending);
        assertThat(this.scheduler.jobStores().get("default")).isNull();
        this.scheduler.start();
        assertThat(this.scheduler.jobStores().get("default").counts()).contains(new JobCounts(1, 0, 0));
        assertThat(this.scheduler.getJob("early", "default")).contains(pending);
    }

    @Test
    void pendingJobsConflictUnlessReplaceExistingIsSet() {
        this.scheduler.addJob(JobSpec.task("tick").id("early").trigger(everySecond()));
        assertThatExceptionOfType(ConflictingIdException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("early").trigger(everySecond())));
        this.scheduler.addJob(JobSpec.task("tick").id("early").name("second").trigger(everySecond())
            .replaceExisting(true));
        assertThat(this.scheduler.getJobs()).extracting(Job::name).containsExactly("second");
    }

    @Test
    void pendingJobsTakeTheJobDefaultsInForceAtStart() {
        this.scheduler.addJob(JobSpec.task("tick").id("early").trigger(everySecond()));
        this.scheduler.configure(Map.of("apscheduler.job_defaults.max_instances", "3",
                "apscheduler.timezone", "UTC"));
        this.scheduler.start();
        assertThat(this.scheduler.getJob("early").orElseThrow().maxInstances()).isEqualTo(3);
    }

    @Test
    void pendingJobsCanBeModifiedAndRemovedBeforeStart() {
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        this.scheduler.addJob(JobSpec.task("tick").id("b").trigger(everySecond()));
        this.scheduler.modifyJob("a", JobChanges.builder().name("renamed").maxInstances(2).build());
        this.scheduler.removeJob("b");
        this.scheduler.start();
        assertThat(this.scheduler.getJobs()).extracting(Job::id, Job::name, Job::maxInstances)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "renamed", 2));
    }

    @Test
    void modifyJobChangesOnlyTheGivenOptions() {
        this.scheduler.start();
        Job job = this.scheduler.addJob(JobSpec.task("tick").id("m").trigger(everySecond()).args("x"));
        Job modified = this.scheduler.modifyJob("m", JobChanges.builder().name("renamed").coalesce(false)
            .misfireGraceTime(null).kwargs(Map.of("k", 1)).build());
        assertThat(modified.name()).isEqualTo("renamed");
        assertThat(modified.coalesce()).isFalse();
        assertThat(modified.misfireGraceTime()).isEmpty();
        assertThat(modified.kwargs()).containsEntry("k", 1);
        assertThat(modified.args()).containsExactly("x");
        assertThat(modified.nextRunTime()).isEqualTo(job.nextRunTime());
        assertThat(this.scheduler.getJob("m")).contains(modified);
    }

    @Test
    void rescheduleJobComputesTheNextRunTimeFromTheNewTrigger() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("r").trigger(everySecond()));
        Job rescheduled = this.scheduler.rescheduleJob("r", EveryTrigger.every(Duration.ofMinutes(1), at(60)));
        assertThat(rescheduled.nextRunTime()).contains(at(60));
        assertThat(rescheduled.trigger()).isEqualTo(EveryTrigger.every(Duration.ofMinutes(1), at(60)));
    }

    @Test
    void rescheduleJobAcceptsATriggerAlias() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("r").trigger(everySecond()));
        Job rescheduled = this.scheduler.rescheduleJob("r", "date", Map.of("run_date", "2030-01-02 00:00:00"));
        assertThat(rescheduled.nextRunTime()).contains(T0.plusDays(1));
    }

    @Test
    void pauseAndResumeJob() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("p").trigger(everySecond()));
        assertThat(this.scheduler.pauseJob("p").isPaused()).isTrue();
        this.scheduler.advance(Duration.ofSeconds(3));
        assertThat(this.fixture.ticks).isEmpty();
        assertThat(this.scheduler.resumeJob("p").orElseThrow().nextRunTime()).contains(at(3));
    }

    @Test
    void resumingAJobWhoseTriggerIsFinishedRemovesIt() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("done").trigger(EveryTrigger.every(Duration.ofSeconds(1),
                at(1), at(2))).paused());
        this.fixture.clock.advance(Duration.ofSeconds(5));
        assertThat(this.scheduler.resumeJob("done")).isEmpty();
        assertThat(this.scheduler.getJob("done")).isEmpty();
    }

    @Test
    void unknownJobIdsFailWithALookupError() {
        this.scheduler.start();
        assertThatExceptionOfType(JobLookupException.class)
            .isThrownBy(() -> this.scheduler.modifyJob("nope", JobChanges.builder().name("x").build()))
            .withMessage("No job by the id of 'nope' was found");
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.scheduler.removeJob("nope"));
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.scheduler.pauseJob("nope"));
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.scheduler.resumeJob("nope"));
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.scheduler.runJob("nope"));
        assertThatExceptionOfType(JobLookupException.class)
            .isThrownBy(() -> this.scheduler.removeJob("nope", "default"))
            .withMessage("No job by the id of 'nope' was found in job store 'default'");
        assertThat(this.scheduler.getJob("nope")).isEmpty();
    }

    @Test
    void unknownJobStoreAliasFails() {
        this.scheduler.start();
        assertThatExceptionOfType(JobStoreException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").jobstore("nope").trigger(everySecond())))
            .withMessage("No job store by the alias of 'nope' (configured: default)");
        assertThatExceptionOfType(JobStoreException.class).isThrownBy(() -> this.scheduler.getJobs("nope"));
    }

    @Test
    void unknownExecutorAliasFails() {
        this.scheduler.start();
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("x").executor("nope")
                .trigger(everySecond())))
            .withMessage("Job 'x' names executor 'nope', which is not configured (configured: default)");
    }

    @Test
    void modifyingAJobChecksOnlyWhatChanges() {
        this.scheduler.addExecutor(new dev.apscheduler.executor.DirectJobExecutor(), "extra");
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("m").executor("extra").trigger(everySecond()));
        this.scheduler.removeExecutor("extra");
        assertThat(this.scheduler.pauseJob("m").isPaused()).isTrue();
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> this.scheduler.modifyJob("m", JobChanges.builder().executor("gone").build()))
            .withMessage("Job 'm' names executor 'gone', which is not configured (configured: default)");
    }

    @Test
    void argumentsThatAreNotJsonFailNamingTheJobAndTheArgument() {
        Object notJson = new Object() {
            @Override
            public String toString() {
                return "a socket";
            }
        };
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("bad").args("ok", notJson)))
            .withMessageStartingWith("Job 'bad': args[1] = a socket (a dev.apscheduler.JobApiTests$")
            .withMessageEndingWith("is not JSON-compatible: use strings, numbers, booleans, null, lists and maps "
                    + "with string keys");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.task("tick").id("bad")
                .kwargs(Map.of("nested", List.of(1, Map.of("deep", Double.NaN))))))
            .withMessage("Job 'bad': kwargs['nested'][1]['deep'] = NaN is not "
                    + "JSON-compatible: JSON has no NaN or infinite numbers");
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void argumentsAreNormalisedToTheTypesJsonReadsBack() {
        Job job = this.scheduler.addJob(JobSpec.task("tick").args((short) 1, 2L, 3.5f, 'c', List.of(),
                new int[0].length, new Object[] { "a" },
                java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE)));
        assertThat(job.args()).containsExactly(1, 2, 3.5, "c", List.of(), 0, List.of("a"),
                java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE));
    }

    @Test
    void inlineRunnableAndCallableJobsRun() {
        AtomicInteger runs = new AtomicInteger();
        this.scheduler.start();
        this.scheduler.addJob(runs::incrementAndGet, DateTrigger.of(at(1)));
        Job runnable = this.scheduler.addJob(() -> { runs.incrementAndGet(); }, DateTrigger.of(at(1)));
        assertThat(runnable.task().isInline()).isTrue();
        assertThat(runnable.name()).isEqualTo("JobApiTests.<lambda>");
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(runs).hasValue(2);
    }

    @Test
    void persistentStoreRefusesInlineCode() {
        this.scheduler.addJobStore(new PersistentMemoryStore(), "db");
        this.scheduler.start();
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> this.scheduler.addJob(JobSpec.runnable(() -> { }).id("inline").jobstore("db")))
            .withMessageContaining("Job 'inline' runs inline code")
            .withMessageContaining("job store 'db' cannot persist");
        assertThat(this.scheduler.addJob(JobSpec.task("tick").id("named").jobstore("db")).jobstore()).isEqualTo("db");
    }

    @Test
    void removeAllJobsEmptiesOneStoreOrAll() {
        this.scheduler.addJobStore(new MemoryJobStore(), "second");
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        this.scheduler.addJob(JobSpec.task("tick").id("b").trigger(everySecond()).jobstore("second"));
        this.scheduler.removeAllJobs("second");
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("a");
        this.scheduler.removeAllJobs();
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void jobsAreListedStoreByStoreByNextRunTimeWithPausedLast() {
        this.scheduler.addJobStore(new MemoryJobStore(), "second");
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("paused").trigger(everySecond()).paused());
        this.scheduler.addJob(JobSpec.task("tick").id("late").trigger(DateTrigger.of(at(9))));
        this.scheduler.addJob(JobSpec.task("tick").id("soon").trigger(DateTrigger.of(at(2))));
        this.scheduler.addJob(JobSpec.task("tick").id("other").trigger(DateTrigger.of(at(1))).jobstore("second"));
        assertThat(this.scheduler.getJobs()).extracting(Job::id).containsExactly("other", "soon", "late", "paused");
    }

    @Test
    void runJobRunsNowWithoutChangingTheNextRunTime() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("r").trigger(EveryTrigger.every(Duration.ofHours(1), at(3600))));
        this.fixture.clock.advance(Duration.ofSeconds(42));
        this.scheduler.runJob("r");
        assertThat(this.fixture.ticks).containsExactly(at(42));
        assertThat(this.scheduler.getJob("r").orElseThrow().nextRunTime()).contains(at(3600));
    }

    @Test
    void runJobNeedsAStartedScheduler() {
        this.scheduler.addJob(JobSpec.task("tick").id("r").trigger(everySecond()));
        assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(() -> this.scheduler.runJob("r"))
            .withMessage("Scheduler is not running: cannot run job 'r'");
    }

    @Test
    void jobWhoseTaskIsNotRegisteredFailsAtRunTimeAndIsKept() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("later").id("l").trigger(everySecond()));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.events.events(dev.apscheduler.event.JobExecutionEvent.class,
                dev.apscheduler.event.EventCodes.JOB_ERROR))
            .singleElement()
            .satisfies((event) -> assertThat(event.exception()).isInstanceOf(UnknownTaskException.class)
                .hasMessage("Job 'l' refers to task 'later', which is not registered (registered: tick)"));
        this.fixture.tasks.register("later", () -> this.fixture.ticks.add(T0));
        this.scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).containsExactly(T0);
        assertThat(this.scheduler.getJob("l")).isPresent();
    }

    @Test
    void everyJobOperationWakesTheScheduler() {
        this.scheduler.start();
        int before = this.scheduler.wakeups();
        this.scheduler.addJob(JobSpec.task("tick").id("w").trigger(everySecond()));
        this.scheduler.modifyJob("w", JobChanges.builder().name("x").build());
        this.scheduler.rescheduleJob("w", everySecond());
        this.scheduler.pauseJob("w");
        this.scheduler.resumeJob("w");
        this.scheduler.wakeup();
        assertThat(this.scheduler.wakeups() - before).isEqualTo(6);
    }

    @Test
    void printJobsWritesLikeAPScheduler() {
        StringBuilder pending = new StringBuilder();
        this.scheduler.addJob(JobSpec.task("tick").id("p").trigger(everySecond()));
        this.scheduler.printJobs(null, pending);
        assertThat(pending.toString().lines()).containsExactly("Pending jobs:",
                "    tick (trigger: interval[0:00:01], pending)");
        this.scheduler.addJobStore(new MemoryJobStore(), "empty");
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("q").name("paused one").trigger(everySecond()).paused());
        StringBuilder out = new StringBuilder();
        this.scheduler.printJobs(null, out);
        assertThat(out.toString().lines()).containsExactly("Jobstore default:",
                "    tick (trigger: interval[0:00:01], next run at: 2030-01-01 00:00:01 UTC)",
                "    paused one (trigger: interval[0:00:01], paused)", "Jobstore empty:", "    No scheduled jobs");
    }

    /**
     * A memory store that claims to be persistent, to exercise the scheduler's refusal of inline code.
     */
    static final class PersistentMemoryStore extends dev.apscheduler.support.DelegatingJobStore {

        PersistentMemoryStore() {
            super(new MemoryJobStore());
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

    }

}
