package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.Triggers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobStore} fulfils: storage operations, ordering, the earliest next run time, and the
 * atomic acquire step, also under concurrent callers. Shipped in the core's test jar; a store's test class extends it
 * and implements {@link #createStore()}; a shared (persistent) store also overrides
 * {@link #createStoreSharingData()} so that the acquire step is exercised across two store instances, and
 * {@link #storeUnrestorableJob(String, Instant)} so that restore failures are exercised.
 */
public abstract class JobStoreContractTests {

    /** The zone jobs are written in. */
    protected static final ZoneId ZONE = ZoneId.of("UTC");

    /** The time the tests' clock stands at. */
    protected static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZONE);

    /** The alias the store is started under. */
    protected static final String ALIAS = "default";

    /** The tests' clock. */
    protected final MutableClock clock = MutableClock.at(T0);

    /** Jobs the store reported as unrestorable. */
    protected final List<JobRestoreException> restoreFailures = new CopyOnWriteArrayList<>();

    /** The store under test, started and emptied before each test. */
    protected JobStore store;

    private final List<JobStore> extraStores = new ArrayList<>();

    /**
     * Creates a new store on empty (or emptied) data.
     * @return a store, not started
     */
    protected abstract JobStore createStore();

    /**
     * Creates a second store instance on the same data as {@link #createStore()}, as a second scheduler instance
     * would, for the cross-instance acquire test; a store that cannot be shared returns empty.
     * @return a store, not started, or empty
     */
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.empty();
    }

    /**
     * Writes a job that cannot be restored (for example corrupt JSON) into the store's data, bypassing the store.
     * @param jobId the id to give it
     * @param nextRunTime its next run time
     * @return whether the store can hold such a job (a persistent store must)
     */
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        return false;
    }

    /**
     * Tells whether the store's data still holds a job, restorable or not, bypassing the store.
     * @param jobId the job's id
     * @return whether a row or entry with that id exists
     */
    protected boolean dataContains(String jobId) {
        return this.store.lookupJob(jobId).isPresent();
    }

    /**
     * Creates the context a store is started with.
     * @return the context
     */
    protected JobStoreContext context() {
        return JobStoreContext.of(ALIAS, this.clock, ZONE, this.restoreFailures::add);
    }

    @BeforeEach
    void startStore() {
        this.store = createStore();
        this.store.start(context());
        this.store.removeAllJobs();
    }

    @AfterEach
    void stopStores() {
        this.store.shutdown();
        this.extraStores.forEach(JobStore::shutdown);
    }

    /**
     * Creates a job that any store can keep.
     * @param id its id
     * @param nextRunTime its next run time, or {@code null} for a paused job
     * @return the job
     */
    protected Job job(String id, @Nullable ZonedDateTime nextRunTime) {
        return Job.builder().id(id).task(TaskReference.named("contract-task"))
            .trigger(DateTrigger.of(T0.plusHours(1))).jobstore(ALIAS).nextRunTime(nextRunTime).build();
    }

    @Test
    void addedJobCanBeLookedUpWithAllItsValues() {
        Job job = Job.builder().id("full").name("Full job").task(TaskReference.named("send-report"))
            .args(1, "two", 3.5, true, null, List.of(1, 2)).kwargs(Map.of("to", "ops", "nested", Map.of("a", 1)))
            .trigger(Triggers.cron().hour("3").minute("30").timezone(ZoneId.of("Europe/Helsinki")).build())
            .executor("pool").jobstore(ALIAS)
            .misfireGraceTime(Duration.ofMillis(1500)).coalesce(false).maxInstances(3)
            .nextRunTime(T0.plusMinutes(5)).build();
        this.store.addJob(job);
        assertThat(this.store.lookupJob("full")).contains(job);
    }

    @Test
    void jobWithoutGraceTimeKeepsIt() {
        Job job = job("unlimited", T0).toBuilder().misfireGraceTime(null).build();
        this.store.addJob(job);
        assertThat(this.store.lookupJob("unlimited").orElseThrow().misfireGraceTime()).isEmpty();
    }

    @Test
    void lookupOfUnknownIdIsEmpty() {
        assertThat(this.store.lookupJob("missing")).isEmpty();
    }

    @Test
    void addingAnExistingIdFailsAndKeepsTheStoredJob() {
        this.store.addJob(job("a", T0));
        assertThatExceptionOfType(ConflictingIdException.class).isThrownBy(() -> this.store.addJob(job("a", null)))
            .withMessageContaining("'a'")
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("a"));
        assertThat(this.store.lookupJob("a").orElseThrow().nextRunTime()).contains(T0);
    }

    @Test
    void addJobsStoresEveryJob() {
        List<Job> jobs = List.of(job("b", T0.plusMinutes(2)), job("a", T0.plusMinutes(1)), job("paused", null));
        this.store.addJobs(jobs);
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("a", "b", "paused");
        assertThat(this.store.lookupJob("b")).contains(jobs.get(0));
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(1).toInstant());
        assertThat(this.store.jobCounts()).isEqualTo(new JobCounts(3, 1, 0));
    }

    @Test
    void addJobsOfNoJobsChangesNothing() {
        this.store.addJob(job("a", T0));
        this.store.addJobs(List.of());
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("a");
    }

    @Test
    void addJobsStoresBatchesOfAnySizeJobForJob() {
        // sizes around where stores split a batch (statements of many rows, requests of bounded size)
        List<Job> all = new ArrayList<>();
        int next = 0;
        for (int size : new int[] { 1, 99, 100, 101, 250 }) {
            List<Job> batch = new ArrayList<>();
            for (int i = 0; i < size; i++, next++) {
                // paused jobs among them, a batch's last one among those
                ZonedDateTime runTime = (next % 7 == 0 || i == size - 1) ? null : T0.plusSeconds(next);
                batch.add(job(String.format("job-%04d", next), runTime));
            }
            this.store.addJobs(batch);
            all.addAll(batch);
        }
        assertThat(this.store.getAllJobs()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(this.store.jobCounts().total()).isEqualTo(all.size());
    }

    @Test
    void addJobsStoresLargeBatchesWhole() {
        // about 2.5 MB of job state: more than one request of stores whose requests are bounded in size
        String payload = "x".repeat(4096);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            jobs.add(job(String.format("job-%04d", i), T0.plusSeconds(i)).toBuilder().args(payload).build());
        }
        this.store.addJobs(jobs);
        assertThat(this.store.jobCounts().total()).isEqualTo(600);
        assertThat(this.store.lookupJob("job-0599")).contains(jobs.get(599));
        assertThat(this.store.nextRunTime()).contains(T0.toInstant());
    }

    @Test
    void addJobsWithAnIdGivenTwiceStoresNone() {
        List<Job> jobs = List.of(job("a", T0), job("b", T0), job("a", T0.plusMinutes(1)));
        assertThatExceptionOfType(ConflictingIdException.class).isThrownBy(() -> this.store.addJobs(jobs))
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("a"));
        assertThatExceptionOfType(ConflictingIdException.class).isThrownBy(() -> this.store.addJobs(jobs, true))
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("a"));
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(dataContains("b")).isFalse();
    }

    @Test
    void addJobsConflictingWithAStoredJobStoresNoneAndKeepsTheStoredJob() {
        Job stored = job("x", T0.plusMinutes(5)).toBuilder().name("stored").build();
        this.store.addJob(stored);
        List<Job> jobs = List.of(job("a", T0), job("x", T0), job("b", T0));
        assertThatExceptionOfType(ConflictingIdException.class).isThrownBy(() -> this.store.addJobs(jobs))
            .withMessageContaining("'x'")
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("x"));
        assertThat(this.store.getAllJobs()).containsExactly(stored);
        assertThat(dataContains("a")).isFalse();
        assertThat(dataContains("b")).isFalse();
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(5).toInstant());
    }

    @Test
    void addJobsReplacingExistingReplacesStoredJobsAndAddsTheOthers() {
        this.store.addJob(job("x", T0.plusMinutes(5)));
        Job replacement = job("x", T0.plusMinutes(1)).toBuilder().name("replaced").build();
        Job other = job("a", T0.plusMinutes(2));
        this.store.addJobs(List.of(replacement, other), true);
        assertThat(this.store.getAllJobs()).containsExactly(replacement, other);
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(1).toInstant());
    }

    @Test
    void addJobsOfInlineTasksFollowsWhatAddJobDoes() {
        Job inline = job("inline", T0).toBuilder().task(TaskReference.inline(() -> { })).build();
        List<Job> jobs = List.of(job("a", T0), inline);
        if (this.store.isPersistent()) {
            assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> this.store.addJobs(jobs))
                .withMessageContaining("'inline'");
            assertThat(this.store.getAllJobs()).isEmpty();
            assertThat(dataContains("a")).isFalse();
        }
        else {
            this.store.addJobs(jobs);
            assertThat(this.store.getAllJobs()).containsExactlyInAnyOrderElementsOf(jobs);
        }
    }

    @Test
    void jobsAddedInABatchAreChangedAndRemovedAsJobsAddedOneByOne() {
        this.store.addJobs(List.of(job("a", T0), job("b", T0.plusMinutes(1)), job("paused", null)));
        Job renamed = this.store.modifyJob("a", (job) -> job.toBuilder().name("renamed").build());
        assertThat(this.store.lookupJob("a")).contains(renamed);
        Job later = job("b", T0.plusMinutes(3));
        this.store.updateJob(later);
        assertThat(this.store.lookupJob("b")).contains(later);
        this.store.removeJob("paused");
        assertThat(this.store.getAllJobs()).containsExactly(renamed, later);
        assertThat(this.store.jobCounts()).isEqualTo(new JobCounts(2, 0, 0));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
        assertThat(acquired).extracting((a) -> a.job().id()).containsExactly("a");
        assertThat(this.store.lookupJob("a").orElseThrow().name()).isEqualTo("renamed");
    }

    @Test
    void addedJobsAreClaimedByTheAcquireStep() {
        this.store.addJobs(List.of(job("due", T0.minusSeconds(1)), job("later", T0.plusMinutes(1))));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
        assertThat(acquired).extracting((a) -> a.job().id()).containsExactly("due");
    }

    @Test
    void updateReplacesTheJob() {
        this.store.addJob(job("a", T0));
        Job updated = job("a", T0.plusHours(2)).toBuilder().name("renamed").build();
        this.store.updateJob(updated);
        assertThat(this.store.lookupJob("a")).contains(updated);
    }

    @Test
    void updateOfUnknownJobFails() {
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.store.updateJob(job("x", T0)))
            .withMessageContaining("'x'");
    }

    @Test
    void modifyAppliesTheChangeToTheStoredJobAndReturnsIt() {
        this.store.addJob(job("a", T0));
        Job modified = this.store.modifyJob("a", (job) -> job.toBuilder().name("renamed").build());
        assertThat(modified.name()).isEqualTo("renamed");
        assertThat(modified.nextRunTime()).contains(T0);
        assertThat(this.store.lookupJob("a")).contains(modified);
    }

    @Test
    void modifySeesTheNextRunTimeAnAcquireStored() {
        this.store.addJob(job("a", T0));
        this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofMinutes(1)));
        Job modified = this.store.modifyJob("a", (job) -> job.toBuilder().maxInstances(2).build());
        assertThat(modified.nextRunTime()).contains(T0.plusMinutes(1));
    }

    @Test
    void modifyOfUnknownJobFails() {
        assertThatExceptionOfType(JobLookupException.class)
            .isThrownBy(() -> this.store.modifyJob("x", (job) -> job))
            .withMessageContaining("'x'");
    }

    @Test
    void failedModificationLeavesTheJobUnchanged() {
        Job job = job("a", T0);
        this.store.addJob(job);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.store.modifyJob("a", (stored) -> {
            throw new IllegalStateException("refused");
        }));
        assertThat(this.store.lookupJob("a")).contains(job);
    }

    @Test
    void concurrentModificationsNeverUndoAnAcquire() throws Exception {
        int jobs = 10;
        int fireTimesPerJob = 10;
        for (int i = 0; i < jobs; i++) {
            this.store.addJob(job("job-" + i, T0));
        }
        Instant now = T0.plusSeconds(fireTimesPerJob - 1).toInstant();
        List<String> claims = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(threads.submit(() -> {
                    gate.await();
                    for (int round = 0; round < 10_000 && this.store.nextRunTime().filter((time) -> !time.isAfter(now))
                        .isPresent(); round++) {
                        this.store.acquireDueJobs(now, 2, advanceBy(Duration.ofSeconds(1)))
                            .forEach((a) -> claims.add(a.job().id() + "@" + a.decision().runTimes().get(0)));
                    }
                    return null;
                }));
                int offset = t;
                results.add(threads.submit(() -> {
                    gate.await();
                    for (int round = 0; round < 200; round++) {
                        String id = "job-" + ((round + offset) % jobs);
                        this.store.modifyJob(id, (job) -> job.toBuilder().name("renamed-" + offset).build());
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(claims).doesNotHaveDuplicates().hasSize(jobs * fireTimesPerJob);
    }

    @Test
    void removeDeletesTheJob() {
        this.store.addJob(job("a", T0));
        this.store.addJob(job("b", T0));
        this.store.removeJob("a");
        assertThat(this.store.lookupJob("a")).isEmpty();
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("b");
    }

    @Test
    void removeOfUnknownJobFails() {
        assertThatExceptionOfType(JobLookupException.class).isThrownBy(() -> this.store.removeJob("x"))
            .withMessageContaining("'x'");
    }

    @Test
    void removeAllDeletesEveryJob() {
        this.store.addJob(job("a", T0));
        this.store.addJob(job("b", null));
        this.store.removeAllJobs();
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void allJobsAreOrderedByNextRunTimeThenIdWithPausedJobsLast() {
        this.store.addJob(job("paused-b", null));
        this.store.addJob(job("late", T0.plusHours(3)));
        this.store.addJob(job("early-b", T0.plusHours(1)));
        this.store.addJob(job("paused-a", null));
        this.store.addJob(job("early-a", T0.plusHours(1)));
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("early-a", "early-b", "late", "paused-a", "paused-b");
    }

    @Test
    void findJobsFiltersOrdersAndPagesWithTheTotalOfMatches() {
        this.store.addJob(job("report-paused", null));
        this.store.addJob(job("report-late", T0.plusHours(3)));
        this.store.addJob(job("cleanup", T0.plusHours(2)));
        this.store.addJob(job("report-early", T0.plusHours(1)));
        this.store.addJob(job("v1_done", T0.plusHours(4)));
        this.store.addJob(job("v1-done", T0.plusHours(5)));
        JobSlice firstTwo = this.store.findJobs(new JobQuery(null, null, null, false, 0, 2));
        assertThat(firstTwo.jobs()).extracting(Job::id).containsExactly("report-early", "cleanup");
        assertThat(firstTwo.total()).isEqualTo(6);
        assertThat(this.store.findJobs(new JobQuery(null, null, null, false, 2, 10)).jobs()).extracting(Job::id)
            .containsExactly("report-late", "v1_done", "v1-done", "report-paused");
        assertThat(this.store.findJobs(new JobQuery(null, null, null, true, 0, 10)).jobs()).extracting(Job::id)
            .containsExactly("v1-done", "v1_done", "report-late", "cleanup", "report-early", "report-paused");
        JobSlice reports = this.store.findJobs(new JobQuery("REPORT", false, null, false, 0, 10));
        assertThat(reports.jobs()).extracting(Job::id).containsExactly("report-early", "report-late");
        assertThat(reports.total()).isEqualTo(2);
        assertThat(this.store.findJobs(new JobQuery(null, true, null, false, 0, 10)).jobs()).extracting(Job::id)
            .containsExactly("report-paused");
        assertThat(this.store.findJobs(new JobQuery("1_d", null, null, false, 0, 10)).jobs()).extracting(Job::id)
            .containsExactly("v1_done");
        assertThat(this.store.findJobs(new JobQuery(null, null, Set.of("cleanup", "report-paused", "gone"), false, 0,
                10)).jobs()).extracting(Job::id).containsExactly("cleanup", "report-paused");
        assertThat(this.store.findJobs(new JobQuery(null, null, Set.of(), false, 0, 10)).total()).isZero();
        JobSlice beyond = this.store.findJobs(new JobQuery(null, null, null, false, 10, 10));
        assertThat(beyond.jobs()).isEmpty();
        assertThat(beyond.total()).isEqualTo(6);
    }

    @Test
    void jobCountsAgreeWithTheJobsListed() {
        assertThat(this.store.jobCounts()).isEqualTo(JobCounts.NONE);
        this.store.addJob(job("paused", null));
        this.store.addJob(job("soon", T0.plusHours(1)));
        this.store.addJob(job("later", T0.plusHours(2)));
        assertThat(this.store.jobCounts()).isEqualTo(new JobCounts(3, 1, 0));
        this.store.removeJob("soon");
        assertThat(this.store.jobCounts()).isEqualTo(new JobCounts(2, 1, 0));
        assertThat(this.store.jobCounts().scheduled()).isEqualTo(1);
    }

    @Test
    void nextRunTimeIsTheEarliestOfJobsNotPaused() {
        this.store.addJob(job("paused", null));
        this.store.addJob(job("later", T0.plusHours(2)));
        this.store.addJob(job("sooner", T0.plusMinutes(30)));
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(30).toInstant());
    }

    @Test
    void nextRunTimeIsEmptyWhenEveryJobIsPaused() {
        this.store.addJob(job("paused", null));
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void nextRunTimeFollowsUpdates() {
        this.store.addJob(job("a", T0.plusHours(1)));
        this.store.updateJob(job("a", T0.plusMinutes(1)));
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(1).toInstant());
        this.store.updateJob(job("a", null));
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void inlineTasksAreKeptOnlyByStoresThatAreNotPersistent() {
        Job inline = job("inline", T0).toBuilder().task(TaskReference.inline(() -> { })).build();
        if (this.store.isPersistent()) {
            assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> this.store.addJob(inline))
                .withMessageContaining("'inline'").withMessageContaining("'" + ALIAS + "'");
            assertThat(this.store.lookupJob("inline")).isEmpty();
        }
        else {
            this.store.addJob(inline);
            assertThat(this.store.lookupJob("inline")).contains(inline);
        }
    }

    @Test
    void acquireClaimsOnlyJobsDueAtOrBeforeNow() {
        this.store.addJob(job("past", T0.minusMinutes(1)));
        this.store.addJob(job("now", T0));
        this.store.addJob(job("future", T0.plusSeconds(1)));
        this.store.addJob(job("paused", null));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
        assertThat(acquired).extracting((a) -> a.job().id()).containsExactly("past", "now");
    }

    @Test
    void acquireTakesTheEarliestJobsUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            this.store.addJob(job("job-" + i, T0.minusMinutes(10 - i)));
        }
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1)));
        assertThat(acquired).extracting((a) -> a.job().id()).containsExactly("job-0", "job-1", "job-2");
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1))))
            .extracting((a) -> a.job().id()).containsExactly("job-3", "job-4");
    }

    @Test
    void acquireStoresTheNewNextRunTimeAndReturnsTheJobAsClaimed() {
        this.store.addJob(job("a", T0.minusSeconds(5)));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofMinutes(1)));
        assertThat(acquired).hasSize(1);
        assertThat(acquired.get(0).job().nextRunTime()).contains(T0.minusSeconds(5));
        assertThat(acquired.get(0).decision().runTimes()).containsExactly(T0.minusSeconds(5));
        assertThat(this.store.lookupJob("a").orElseThrow().nextRunTime()).contains(T0.plusSeconds(55));
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(55).toInstant());
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofMinutes(1)))).isEmpty();
    }

    @Test
    void acquireRemovesJobsWhenDecided() {
        this.store.addJob(job("done", T0));
        this.store.addJob(job("kept", T0.plusHours(1)));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10,
                (job) -> JobDecision.remove(List.of(job.nextRunTime().orElseThrow())));
        assertThat(acquired).extracting((a) -> a.decision().removeJob()).containsExactly(true);
        assertThat(this.store.lookupJob("done")).isEmpty();
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("kept");
    }

    @Test
    void acquireCanPauseAJobAndKeepIt() {
        this.store.addJob(job("a", T0));
        this.store.acquireDueJobs(T0.toInstant(), 10, (job) -> JobDecision.reschedule(List.of(), null));
        assertThat(this.store.lookupJob("a").orElseThrow().isPaused()).isTrue();
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void aJobPausedByItsDecisionIsKeptAmongThePausedOnes() {
        this.store.addJob(job("a", T0));
        this.store.addJob(job("b", T0));
        this.store.acquireDueJobs(T0.toInstant(), 10,
                (job) -> job.id().equals("a") ? JobDecision.reschedule(List.of(), null) : advanceBy(Duration.ofHours(1))
                    .decide(job));
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("b", "a");
        this.store.removeJob("a");
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("b");
        assertThat(this.store.jobCounts().total()).isEqualTo(1);
        this.store.addJob(job("a", T0.plusMinutes(30)));
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(30).toInstant());
        assertThat(this.store.acquireDueJobs(T0.plusMinutes(30).toInstant(), 10, advanceBy(Duration.ofHours(1))))
            .extracting((acquired) -> acquired.job().id()).containsExactly("a");
    }

    @Test
    void acquireKeepsEveryOtherValueOfTheJob() {
        Job job = job("a", T0).toBuilder().name("Report").args("x", 1).kwargs(Map.of("k", "v")).coalesce(false)
            .maxInstances(4).misfireGraceTime(null).build();
        this.store.addJob(job);
        this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
        assertThat(this.store.lookupJob("a")).contains(job.withNextRunTime(T0.plusHours(1)));
    }

    @Test
    void aWaitingRetryMakesTheJobDueAtItsDueTimeAndItsDecisionIsStored() {
        PendingRetry retry = new PendingRetry(T0.minusMinutes(1), 2, T0.plusSeconds(30));
        Job job = job("r", T0.plusHours(1)).toBuilder().retryPolicy(RetryPolicy.attempts(3))
            .pendingRetries(List.of(retry)).build();
        this.store.addJob(job);
        assertThat(this.store.lookupJob("r")).contains(job);
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(30).toInstant());
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)))).isEmpty();
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.plusSeconds(30).toInstant(), 10,
                (claimed) -> new JobDecision(List.of(), claimed.nextRunTime().orElse(null), false,
                        claimed.pendingRetries(), List.of()));
        assertThat(acquired).singleElement().satisfies((claimed) -> {
            assertThat(claimed.job().pendingRetries()).containsExactly(retry);
            assertThat(claimed.decision().retries()).containsExactly(retry);
        });
        Job after = this.store.lookupJob("r").orElseThrow();
        assertThat(after.pendingRetries()).isEmpty();
        assertThat(after.nextRunTime()).contains(T0.plusHours(1));
        assertThat(this.store.nextRunTime()).contains(T0.plusHours(1).toInstant());
    }

    @Test
    void aJobKeptOnlyForItsRetriesIsRemovedWithItsLastRetry() {
        PendingRetry first = new PendingRetry(T0.minusMinutes(2), 2, T0);
        PendingRetry second = new PendingRetry(T0.minusMinutes(1), 2, T0.plusMinutes(5));
        Job job = job("f", null).withSchedule(null, List.of(second, first), true);
        this.store.addJob(job);
        assertThat(this.store.lookupJob("f").orElseThrow().isPaused()).isFalse();
        assertThat(this.store.lookupJob("f").orElseThrow().pendingRetries()).containsExactly(first, second);
        JobDecider takeDue = (claimed, now) -> {
            List<PendingRetry> due = claimed.pendingRetries().stream()
                .filter((retry) -> !retry.dueAt().isAfter(now)).toList();
            List<PendingRetry> waiting = claimed.pendingRetries().stream()
                .filter((retry) -> retry.dueAt().isAfter(now)).toList();
            return new JobDecision(List.of(), null, true, due, waiting);
        };
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 10, (claimed) -> takeDue.decide(claimed, T0)))
            .singleElement().extracting((claimed) -> claimed.decision().retries()).asList().containsExactly(first);
        assertThat(this.store.lookupJob("f").orElseThrow().pendingRetries()).containsExactly(second);
        assertThat(this.store.acquireDueJobs(T0.plusMinutes(5).toInstant(), 10,
                (claimed) -> takeDue.decide(claimed, T0.plusMinutes(5)))).hasSize(1);
        assertThat(this.store.lookupJob("f")).isEmpty();
    }

    private interface JobDecider {

        JobDecision decide(Job job, ZonedDateTime now);

    }

    @Test
    void concurrentAcquirersNeverClaimTheSameFireTimeTwice() throws Exception {
        int jobs = 20;
        int fireTimesPerJob = 10;
        for (int i = 0; i < jobs; i++) {
            this.store.addJob(job("job-" + i, T0));
        }
        List<JobStore> stores = new ArrayList<>(List.of(this.store, this.store));
        createStoreSharingData().ifPresent((second) -> {
            second.start(context());
            this.extraStores.add(second);
            stores.add(second);
            stores.add(second);
        });
        Instant now = T0.plusSeconds(fireTimesPerJob - 1).toInstant();
        List<String> claims = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(stores.size());
        try {
            List<Future<?>> results = new ArrayList<>();
            for (JobStore acquirer : stores) {
                results.add(threads.submit(() -> {
                    gate.await();
                    for (int round = 0; round < 10_000 && acquirer.nextRunTime().filter((t) -> !t.isAfter(now))
                        .isPresent(); round++) {
                        acquirer.acquireDueJobs(now, 3, advanceBy(Duration.ofSeconds(1)))
                            .forEach((a) -> claims.add(a.job().id() + "@" + a.decision().runTimes().get(0)));
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            threads.shutdownNow();
        }
        Set<String> distinct = new HashSet<>(claims);
        assertThat(claims).hasSize(distinct.size());
        assertThat(distinct).hasSize(jobs * fireTimesPerJob);
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(fireTimesPerJob).toInstant());
    }

    @Test
    void jobsThatCannotBeRestoredAreKeptSkippedAndReported() {
        boolean supported = storeUnrestorableJob("broken", T0.minusMinutes(1).toInstant());
        if (!supported) {
            assertThat(this.store.isPersistent()).as("a persistent store must support unrestorable jobs").isFalse();
            return;
        }
        this.store.addJob(job("fine", T0.minusMinutes(1)));
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("fine");
        assertThat(this.store.lookupJob("broken")).isEmpty();
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
        assertThat(acquired).extracting((a) -> a.job().id()).containsExactly("fine");
        assertThat(this.store.nextRunTime()).contains(T0.plusMinutes(59).toInstant());
        assertThat(this.restoreFailures).extracting(JobRestoreException::jobId).contains("broken");
        assertThat(dataContains("broken")).isTrue();
        assertThat(this.store.jobCounts()).isEqualTo(new JobCounts(1, 0, 1));
    }

    /**
     * Returns a decider that runs the due fire time and moves the job {@code step} later.
     * @param step how far to move the job
     * @return the decider
     */
    protected static DueJobDecider advanceBy(Duration step) {
        return (job) -> {
            ZonedDateTime due = job.nextRunTime().orElseThrow();
            return JobDecision.reschedule(List.of(due), due.plus(step));
        };
    }

    // --- run slots: max_instances counted across the instances sharing a store ---

    /**
     * Tells whether the store offers run slots ({@link JobStore#runSlots()}); every store shipped with the scheduler
     * does. A store that does not must say so here, and then the run slot tests check that it offers none.
     * @return whether the store has run slots
     */
    protected boolean hasRunSlots() {
        return true;
    }

    /**
     * The run slot contract: the limit holds, a release or an expired lease frees a slot, a renewal keeps it, and
     * concurrent acquirers (through two store instances when the store can be shared) never exceed the limit. Each
     * test uses job ids of its own, since slots outlive {@link JobStore#removeAllJobs()} until their lease runs out.
     */
    @Nested
    class RunSlotsContract {

        private final String jobId = "slots-" + UUID.randomUUID();

        private RunSlots slots() {
            Optional<RunSlots> slots = JobStoreContractTests.this.store.runSlots();
            assertThat(slots).as("run slots of " + JobStoreContractTests.this.store.type()).isPresent();
            return slots.get();
        }

        @Test
        void storeOffersRunSlotsWithAPositiveLeaseWhenItSaysItDoes() {
            Optional<RunSlots> slots = JobStoreContractTests.this.store.runSlots();
            assertThat(slots.isPresent()).isEqualTo(hasRunSlots());
            slots.ifPresent((present) -> assertThat(present.lease()).isPositive());
        }

        @Test
        void acquireTakesSlotsUpToTheLimitPerJob() {
            assumeTrue(hasRunSlots());
            RunSlots slots = slots();
            assertThat(slots.acquire(this.jobId, "a", 2)).isTrue();
            assertThat(slots.acquire(this.jobId, "b", 2)).isTrue();
            assertThat(slots.acquire(this.jobId, "c", 2)).isFalse();
            assertThat(slots.count(this.jobId)).isEqualTo(2);
            assertThat(slots.acquire(this.jobId + "-other", "d", 1)).as("another job's slots").isTrue();
            assertThat(slots.count(this.jobId + "-other")).isOne();
            assertThat(slots.count(this.jobId + "-none")).isZero();
        }

        @Test
        void releaseFreesASlot() {
            assumeTrue(hasRunSlots());
            RunSlots slots = slots();
            assertThat(slots.acquire(this.jobId, "a", 1)).isTrue();
            assertThat(slots.acquire(this.jobId, "b", 1)).isFalse();
            slots.release(this.jobId, "a");
            slots.release(this.jobId, "never-taken");
            assertThat(slots.count(this.jobId)).isZero();
            assertThat(slots.acquire(this.jobId, "b", 1)).isTrue();
            assertThat(slots.renew(this.jobId, "a")).as("renewing a released slot").isFalse();
            assertThat(slots.renew(this.jobId, "b")).isTrue();
        }

        @Test
        void expiredLeaseFreesASlot() {
            assumeTrue(hasRunSlots());
            RunSlots slots = slots();
            assertThat(slots.acquire(this.jobId, "crashed", 1)).isTrue();
            JobStoreContractTests.this.clock.advance(slots.lease().minusMillis(500));
            assertThat(slots.acquire(this.jobId, "early", 1)).as("before the lease runs out").isFalse();
            JobStoreContractTests.this.clock.advance(Duration.ofSeconds(1));
            assertThat(slots.count(this.jobId)).isZero();
            assertThat(slots.acquire(this.jobId, "next", 1)).isTrue();
            assertThat(slots.renew(this.jobId, "crashed")).as("renewing a slot whose lease ran out").isFalse();
            assertThat(slots.count(this.jobId)).isOne();
        }

        @Test
        void renewalKeepsASlotPastItsFirstLease() {
            assumeTrue(hasRunSlots());
            RunSlots slots = slots();
            Duration twoThirds = slots.lease().multipliedBy(2).dividedBy(3);
            assertThat(slots.acquire(this.jobId, "long", 1)).isTrue();
            JobStoreContractTests.this.clock.advance(twoThirds);
            assertThat(slots.renew(this.jobId, "long")).isTrue();
            JobStoreContractTests.this.clock.advance(twoThirds);
            assertThat(slots.acquire(this.jobId, "other", 1)).as("after the first lease, renewed").isFalse();
            assertThat(slots.count(this.jobId)).isOne();
        }

        @Test
        void concurrentAcquirersNeverExceedTheLimit() throws Exception {
            assumeTrue(hasRunSlots());
            int maxInstances = 3;
            List<RunSlots> acquirers = new ArrayList<>(List.of(slots(), slots()));
            createStoreSharingData().ifPresent((second) -> {
                second.start(context());
                JobStoreContractTests.this.extraStores.add(second);
                acquirers.add(second.runSlots().orElseThrow());
                acquirers.add(second.runSlots().orElseThrow());
            });
            ExecutorService threads = Executors.newFixedThreadPool(acquirers.size() * 2);
            try {
                for (int round = 0; round < 5; round++) {
                    String job = this.jobId + "-" + round;
                    CountDownLatch gate = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < acquirers.size() * 2; i++) {
                        RunSlots acquirer = acquirers.get(i % acquirers.size());
                        String slotId = "slot-" + i;
                        results.add(threads.submit(() -> {
                            gate.await();
                            return acquirer.acquire(job, slotId, maxInstances);
                        }));
                    }
                    gate.countDown();
                    int taken = 0;
                    for (Future<Boolean> result : results) {
                        taken += result.get(1, TimeUnit.MINUTES) ? 1 : 0;
                    }
                    assertThat(taken).as("slots taken in round " + round).isBetween(1, maxInstances);
                    assertThat(slots().count(job)).isEqualTo(taken);
                }
            }
            finally {
                threads.shutdownNow();
            }
        }

    }

}
