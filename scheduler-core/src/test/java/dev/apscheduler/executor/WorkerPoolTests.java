package dev.apscheduler.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The thread pool's queue: runs queued in one step are claimed one by one; while a hand-over still queues chunks only
 * {@link WorkerPool#HELPERS} workers are put to work; a step wakes one worker (or starts one thread), and each worker
 * that claims a run while more is queued wakes the next.
 */
class WorkerPoolTests {

    private final AtomicInteger threadsStarted = new AtomicInteger();

    /** Threads started by the test's own thread, in the pool's calls it made: the others were started by workers. */
    private final AtomicInteger threadsStartedByCaller = new AtomicInteger();

    private final Thread caller = Thread.currentThread();

    private final ThreadFactory threads = (runnable) -> {
        this.threadsStarted.incrementAndGet();
        if (Thread.currentThread() == this.caller) {
            this.threadsStartedByCaller.incrementAndGet();
        }
        Thread thread = new Thread(runnable, "pool-test-" + this.threadsStarted.get());
        thread.setDaemon(true);
        return thread;
    };

    private final CountDownLatch release = new CountDownLatch(1);

    private final AtomicInteger started = new AtomicInteger();

    private final List<String> ran = new CopyOnWriteArrayList<>();

    private WorkerPool pool;

    @AfterEach
    void shutDown() throws InterruptedException {
        this.release.countDown();
        if (this.pool != null) {
            this.pool.shutdown();
            assertThat(this.pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void chunksOfAHandOverPutOnlyTheHelpersToWorkUntilTheLastOneAfterWhichWorkersWakeOneAnotherForEverythingQueued() {
        this.pool = lazy(10);
        this.pool.executeAll(blocking("a", 5), true);
        int helpers = Math.min(WorkerPool.HELPERS, 5);
        assertThat(this.threadsStarted).hasValue(helpers);
        await().untilAsserted(() -> assertThat(this.started).hasValue(helpers));
        // the helpers wake no other worker while the hand-over has chunks to come
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
            .until(() -> this.threadsStarted.get() == helpers);
        this.pool.executeAll(blocking("b", 3), false);
        // the last chunk starts one thread; each worker claiming a run starts the next while more is queued
        assertThat(this.threadsStartedByCaller).hasValue(helpers + 1);
        await().untilAsserted(() -> assertThat(this.started).hasValue(8));
        assertThat(this.threadsStarted).hasValue(8);
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).hasSize(8));
    }

    @Test
    void anEmptyLastChunkEndsAHandOverThatHadNothingMoreToQueue() {
        this.pool = lazy(10);
        this.pool.executeAll(blocking("a", 3), true);
        int helpers = Math.min(WorkerPool.HELPERS, 3);
        await().untilAsserted(() -> assertThat(this.started).hasValue(helpers));
        this.pool.executeAll(List.of(), true);
        assertThat(this.threadsStarted).hasValue(helpers);
        this.pool.executeAll(List.of(), false);
        await().untilAsserted(() -> assertThat(this.started).hasValue(3));
        assertThat(this.threadsStarted).hasValue(3);
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).hasSize(3));
    }

    @Test
    void aHandOverInOneStepStartsAWorkerForEveryRunUpToTheMaximum() {
        this.pool = lazy(4);
        this.pool.executeAll(blocking("a", 6));
        // the step starts one thread, which starts the next as it claims its run, and so on up to the maximum
        assertThat(this.threadsStartedByCaller).hasValue(1);
        await().untilAsserted(() -> assertThat(this.started).hasValue(4));
        assertThat(this.threadsStarted).hasValue(4);
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).hasSize(6));
        assertThat(this.threadsStarted).hasValue(4);
    }

    @Test
    void idleWorkersWakeOneAnotherUntilEveryBlockingRunQueuedInOneStepHasStarted() {
        this.pool = new WorkerPool(10, 10, WorkerPool.KEEP_ALIVE, this.threads);
        this.pool.prestart();
        await().untilAsserted(() -> assertThat(idleWorkers()).isEqualTo(10));
        this.pool.executeAll(blocking("a", 7));
        // the step wakes one worker; the others are woken by the workers before them, and none is left asleep
        // while a run waits behind one that blocks
        await().untilAsserted(() -> assertThat(this.started).hasValue(7));
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).hasSize(7));
        assertThat(this.threadsStarted).hasValue(10);
    }

    @Test
    void prestartedCoreWorkersTakeTheFirstRunsAndOutliveTheKeepAliveWhileTheOthersEnd() {
        this.pool = new WorkerPool(4, 2, Duration.ofMillis(50), this.threads);
        this.pool.prestart();
        assertThat(this.threadsStarted).hasValue(2);
        await().untilAsserted(() -> assertThat(idleWorkers()).isEqualTo(2));
        this.pool.executeAll(blocking("a", 2));
        // the waiting core workers take both runs: no thread is started for them
        await().untilAsserted(() -> assertThat(this.started).hasValue(2));
        assertThat(this.threadsStarted).hasValue(2);
        this.pool.executeAll(blocking("b", 2));
        await().untilAsserted(() -> assertThat(this.started).hasValue(4));
        assertThat(this.threadsStarted).hasValue(4);
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).hasSize(4));
        // after the keep-alive the threads beyond the core ones end; the core ones wait on
        await().untilAsserted(() -> assertThat(this.pool.threads()).isEqualTo(2));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> this.pool.threads() == 2);
        this.pool.executeAll(new ArrayList<>(List.of(() -> this.ran.add("later"))));
        await().untilAsserted(() -> assertThat(this.ran).endsWith("later"));
        assertThat(this.threadsStarted).hasValue(4);
    }

    @Test
    void aPoolShutDownBeforeItsCoreWorkersStartStartsNone() {
        this.pool = new WorkerPool(4, 2, Duration.ofMillis(50), this.threads);
        this.pool.shutdown();
        this.pool.prestart();
        assertThat(this.threadsStarted).hasValue(0);
        assertThat(this.pool.isTerminated()).isTrue();
    }

    /** A pool without core workers: every thread is started when work needs it. */
    private WorkerPool lazy(int maxWorkers) {
        return new WorkerPool(maxWorkers, 0, WorkerPool.KEEP_ALIVE, this.threads);
    }

    private long idleWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.getName().startsWith("pool-test-")
                    && (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING))
            .count();
    }

    @Test
    void drainTakesTheRunsNoWorkerHasClaimedInTheOrderQueued() {
        this.pool = lazy(1);
        this.pool.executeAll(blocking("a", 3));
        this.pool.executeAll(blocking("b", 2));
        await().untilAsserted(() -> assertThat(this.started).hasValue(1));
        List<Runnable> drained = this.pool.drain();
        assertThat(drained).hasSize(4);
        this.release.countDown();
        await().untilAsserted(() -> assertThat(this.ran).containsExactly("a0"));
        // what was drained never runs in the pool; run here, it shows which runs were taken off
        drained.forEach(Runnable::run);
        assertThat(this.ran).containsExactly("a0", "a1", "a2", "b0", "b1");
        this.pool.executeAll(new ArrayList<>(List.of(() -> this.ran.add("after"))));
        await().untilAsserted(() -> assertThat(this.ran).endsWith("after"));
    }

    private List<Runnable> blocking(String prefix, int count) {
        List<Runnable> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + i;
            work.add(() -> {
                this.started.incrementAndGet();
                try {
                    this.release.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                this.ran.add(name);
            });
        }
        return work;
    }

}
