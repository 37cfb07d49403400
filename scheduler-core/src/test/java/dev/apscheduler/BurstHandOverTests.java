package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.apscheduler.executor.AbstractJobExecutor;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.internal.JobProcessorAccess;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * A burst larger than one batch of the store: claimed in several passes, handed over in chunks, every chunk but the
 * very last one marked as followed by more, so that an executor can keep its workers off the processors until the
 * whole burst is queued.
 */
class BurstHandOverTests {

    private static final int BATCH = JobProcessorAccess.memoryBatchSize();

    private static final int FIRST_BATCH = JobProcessorAccess.memoryFirstBatchSize();

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ChunkRecordingExecutor executor = new ChunkRecordingExecutor();

    private final ManualScheduler scheduler = this.fixture.builder().executor("default", this.executor).build();

    @Test
    void aBurstIsHandedOverInChunksEachButTheLastFollowedByMore() {
        int jobs = BATCH * 5 / 2;
        addBurst(jobs, at(1));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        List<Chunk> chunks = this.executor.chunks;
        assertThat(chunks).extracting(Chunk::size).allMatch((size) -> size > 0 && size <= 256);
        assertThat(chunks.stream().mapToInt(Chunk::size).sum()).isEqualTo(jobs);
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(Chunk::more);
        assertThat(chunks.get(chunks.size() - 1).more()).isFalse();
        // the store was asked more than once: a pass ended with a short chunk, and more still followed
        assertThat(chunks.subList(0, chunks.size() - 1)).anyMatch((chunk) -> chunk.size() < 256);
        this.executor.runAll();
        assertThat(this.fixture.ticks).hasSize(jobs);
        assertThat(this.scheduler.getJobs()).isEmpty();
        // a single run due later is a hand-over of its own, with nothing after it
        this.scheduler.addJob(JobSpec.task("tick").id("later").trigger(Triggers.date(at(5))));
        this.scheduler.advance(Duration.ofSeconds(5));
        assertThat(chunks.get(chunks.size() - 1)).isEqualTo(new Chunk(1, false));
        this.scheduler.shutdown(false);
    }

    @Test
    void aBurstOfExactlyOneBatchIsAHandOverOfItsOwn() {
        // the store has nothing more due after the batch: nothing is held back for a pass that brings no more
        addBurst(BATCH, at(1));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(1));
        List<Chunk> chunks = this.executor.chunks;
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(Chunk::more);
        assertThat(chunks.get(chunks.size() - 1).more()).isFalse();
        assertThat(chunks).extracting(Chunk::size).allMatch((size) -> size > 0);
        assertThat(chunks.stream().mapToInt(Chunk::size).sum()).isEqualTo(BATCH);
        this.scheduler.shutdown(false);
    }

    @Test
    void aHandOverLeftOpenIsClosedByTheNextPassEvenWhenItHasNothingToGive() {
        // more than one batch due; the store fails when asked for the second: the first batch's hand-over, told more
        // would follow, ends with an empty last part
        List<List<JobExecutor.Submission>> toOther = new ArrayList<>();
        JobExecutor other = new JobExecutor() {

            @Override
            public void start(ExecutorContext context) {
            }

            @Override
            public void submit(Job job, List<ZonedDateTime> runTimes) {
                toOther.add(List.of(new JobExecutor.Submission(job, runTimes)));
            }

            @Override
            public void submitAll(List<JobExecutor.Submission> submissions,
                    BiConsumer<JobExecutor.Submission, RuntimeException> refused) {
                toOther.add(submissions);
            }

            @Override
            public boolean shutdown(Duration timeout) {
                return true;
            }

            @Override
            public int maxWorkers() {
                return 1;
            }

            @Override
            public int activeCount() {
                return 0;
            }

            @Override
            public int runningInstances(String jobId) {
                return 0;
            }

        };
        AtomicInteger batchesClaimed = new AtomicInteger();
        ManualScheduler scheduler = this.fixture.builder().executor("default", this.executor)
            .jobStore("default", new DelegatingJobStore(new MemoryJobStore()) {
                @Override
                public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                    if (batchesClaimed.get() == 1) {
                        // the call right after the first batch
                        batchesClaimed.incrementAndGet();
                        throw new JobStoreException("the store is unreachable");
                    }
                    List<AcquiredJob> acquired = super.acquireDueJobs(now, limit, decider);
                    if (!acquired.isEmpty()) {
                        batchesClaimed.incrementAndGet();
                    }
                    return acquired;
                }
            }).build();
        scheduler.addExecutor(other, "other");
        List<JobSpec> burst = new ArrayList<>();
        for (int i = 0; i < 2 * BATCH; i++) {
            burst.add(JobSpec.task("tick").id("once-" + i).trigger(Triggers.date(at(1))).build());
        }
        scheduler.addJobs(burst);
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        List<Chunk> chunks = this.executor.chunks;
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(Chunk::more)
            .extracting(Chunk::size).allMatch((size) -> size > 0);
        assertThat(chunks.get(chunks.size() - 1)).isEqualTo(new Chunk(0, false));
        assertThat(chunks.stream().mapToInt(Chunk::size).sum()).isEqualTo(FIRST_BATCH);
        // an executor that had no part in it is not asked to take an empty list
        assertThat(toOther).isEmpty();
        this.executor.runAll();
        assertThat(this.fixture.ticks).hasSize(FIRST_BATCH);
        scheduler.shutdown(false);
    }

    @Test
    void aBurstStartsWithASmallerBatchAndGoesOnWithFullOnes() {
        // the first workers start once a quarter of a batch is claimed; each burst begins so, however many came before
        List<Integer> limits = new ArrayList<>();
        ManualScheduler scheduler = this.fixture.builder().executor("default", this.executor)
            .jobStore("default", new DelegatingJobStore(new MemoryJobStore()) {
                @Override
                public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                    List<AcquiredJob> acquired = super.acquireDueJobs(now, limit, decider);
                    if (!acquired.isEmpty()) {
                        limits.add(limit);
                    }
                    return acquired;
                }
            }).build();
        int jobs = FIRST_BATCH + 2 * BATCH + 1;
        for (ZonedDateTime due : List.of(at(1), at(2))) {
            List<JobSpec> burst = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                burst.add(JobSpec.task("tick").id("once-" + due.getSecond() + "-" + i).trigger(Triggers.date(due))
                    .build());
            }
            scheduler.addJobs(burst);
        }
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(limits).containsExactly(FIRST_BATCH, BATCH, BATCH, BATCH);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(limits.subList(4, limits.size())).containsExactly(FIRST_BATCH, BATCH, BATCH, BATCH);
        this.executor.runAll();
        assertThat(this.fixture.ticks).hasSize(2 * jobs);
        scheduler.shutdown(false);
    }

    @Test
    void aPersistentStoresBatchesAreEachAHandOverOfTheirOwn() {
        // the loop waits for the server between batches: the workers may run what is queued meanwhile
        ManualScheduler scheduler = this.fixture.builder().executor("default", this.executor)
            .jobStore("default", new DelegatingJobStore(new MemoryJobStore()) {
                @Override
                public boolean isPersistent() {
                    return true;
                }
            }).build();
        List<JobSpec> burst = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            burst.add(JobSpec.task("tick").id("once-" + i).trigger(Triggers.date(at(1))).build());
        }
        scheduler.addJobs(burst);
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        List<Chunk> chunks = this.executor.chunks;
        // batches of 100, 100 and 50, each handed over as the whole of its hand-over
        assertThat(chunks).containsExactly(new Chunk(100, false), new Chunk(100, false), new Chunk(50, false));
        this.executor.runAll();
        assertThat(this.fixture.ticks).hasSize(250);
        scheduler.shutdown(false);
    }

    private void addBurst(int jobs, ZonedDateTime due) {
        List<JobSpec> burst = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            burst.add(JobSpec.task("tick").id("once-" + i).trigger(Triggers.date(due)).build());
        }
        this.scheduler.addJobs(burst);
    }

    private record Chunk(int size, boolean more) {
    }

    /** Queues what it is handed, chunk by chunk, until the test runs it. */
    private static final class ChunkRecordingExecutor extends AbstractJobExecutor {

        private final List<Chunk> chunks = new ArrayList<>();

        private final List<Runnable> queued = new ArrayList<>();

        @Override
        protected void execute(Runnable work) {
            executeAll(List.of(work), false);
        }

        @Override
        protected boolean queuesInBatches() {
            return true;
        }

        @Override
        protected void executeAll(List<Runnable> work) {
            executeAll(work, false);
        }

        @Override
        protected synchronized void executeAll(List<Runnable> work, boolean more) {
            this.chunks.add(new Chunk(work.size(), more));
            this.queued.addAll(work);
        }

        void runAll() {
            List<Runnable> work;
            synchronized (this) {
                work = new ArrayList<>(this.queued);
                this.queued.clear();
            }
            work.forEach(Runnable::run);
        }

        @Override
        public boolean shutdown(Duration timeout) {
            return true;
        }

        @Override
        public int maxWorkers() {
            return 1;
        }

    }

}
