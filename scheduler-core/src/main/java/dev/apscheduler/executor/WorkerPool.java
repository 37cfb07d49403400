package dev.apscheduler.executor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed-size pool of platform threads taking work from one queue, built for the scheduler's hand-over: many runs
 * become due at one instant and are queued in one step ({@link #executeAll}), waking at most as many idle workers as
 * there are runs, instead of one queue operation and one wake-up per run while the workers already woken compete for
 * the CPU with the thread still handing over. A step is queued as one {@link Batch}, whose runs workers claim by
 * index: nothing is allocated per run, and a batch leaves the lock-free queue once it is used up. A worker descheduled
 * mid-take never holds the others up, and one that finishes a run takes the next without sleeping; the lock only
 * guards going to sleep and waking up.
 * A number of core workers is started ahead ({@link #prestart()}) and waits for work until shutdown, so that the first
 * runs of a hand-over are taken by a worker woken in microseconds rather than by a thread still starting (which takes
 * milliseconds on a busy machine); further threads are started when work needs them and end after {@link #KEEP_ALIVE}
 * without work. After {@link #shutdown()} the queued work still runs, then the threads end.
 */
final class WorkerPool {

    /**
     * How many workers are kept busy while a hand-over is still queueing chunks: all processors but the one the
     * handing-over thread needs, at least one.
     */
    static final int HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    /** How long an idle worker beyond the core ones waits for work before it ends. */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    /**
     * How many core workers a pool has at most: APScheduler's default {@code max_workers} (ten), or one per processor
     * where there are more processors. A whole default pool is then ready when a burst is handed over: the workers it
     * wakes with its last chunk are not started by the handing-over thread while every processor is needed for the
     * runs, and ten waiting threads cost next to nothing.
     */
    static final int CORE = Math.max(ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS,
            Runtime.getRuntime().availableProcessors());

    private static final Logger logger = LoggerFactory.getLogger(WorkerPool.class);

    private final int maxWorkers;

    private final int coreWorkers;

    private final long keepAliveNanos;

    private final ThreadFactory threadFactory;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition workAvailable = this.lock.newCondition();

    private final Condition allEnded = this.lock.newCondition();

    /** The work, batch by batch; taken without the lock, so that busy workers never queue for it. */
    private final ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>();

    private int threads;

    private int idle;

    /** Idle workers signalled that have not woken yet. */
    private int waking;

    private boolean shutdown;

    /**
     * Creates a pool.
     * @param maxWorkers how many threads run work at once at most
     * @param coreWorkers how many threads {@link #prestart()} starts, which wait for work until shutdown
     * @param keepAlive how long a thread beyond the core ones waits for work before it ends
     * @param threadFactory makes the threads
     */
    WorkerPool(int maxWorkers, int coreWorkers, Duration keepAlive, ThreadFactory threadFactory) {
        this.maxWorkers = maxWorkers;
        this.coreWorkers = Math.min(coreWorkers, maxWorkers);
        this.keepAliveNanos = keepAlive.toNanos();
        this.threadFactory = threadFactory;
    }

    /**
     * Starts the core workers that are not running yet.
     */
    void prestart() {
        int toStart;
        this.lock.lock();
        try {
            if (this.shutdown) {
                return;
            }
            toStart = Math.max(0, this.coreWorkers - this.threads);
            this.threads += toStart;
        }
        finally {
            this.lock.unlock();
        }
        for (int i = 0; i < toStart; i++) {
            startWorker();
        }
    }

    /**
     * Returns how many threads the pool has.
     * @return the threads started and not ended
     */
    int threads() {
        this.lock.lock();
        try {
            return this.threads;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Queues work, all in one step.
     * @param work the work, none of which throws
     * @throws RejectedExecutionException if the pool is shut down
     */
    void executeAll(List<Runnable> work) {
        executeAll(work, false);
    }

    /**
     * Queues work, all in one step, as one chunk of a hand-over. Until its last chunk, at most {@link #HELPERS}
     * workers are kept busy: the thread handing over (the scheduler's loop) then keeps a processor of its own
     * instead of sharing every processor with workers running the runs it has just queued. With the last chunk
     * (which may be empty), idle workers are woken (and threads started) for everything queued.
     * @param work the work, none of which throws
     * @param more whether more chunks of the same hand-over follow at once
     * @throws RejectedExecutionException if the pool is shut down
     */
    void executeAll(List<Runnable> work, boolean more) {
        if (work.isEmpty() && more) {
            return;
        }
        int toStart;
        this.lock.lock();
        try {
            if (this.shutdown) {
                if (work.isEmpty()) {
                    // the end of a hand-over: the workers of a pool shut down already take what is queued
                    return;
                }
                throw new RejectedExecutionException("worker pool is shut down");
            }
            // Added under the lock, where a worker about to sleep checks the queue once more: no wake-up is lost.
            if (!work.isEmpty()) {
                this.queue.add(new Batch(work.toArray(new Runnable[0])));
            }
            int wanted = queued();
            if (more) {
                int busy = this.threads - this.idle + this.waking;
                wanted = Math.min(wanted, Math.max(0, HELPERS - busy));
            }
            int woken = Math.min(this.idle - this.waking, wanted);
            for (int i = 0; i < woken; i++) {
                this.workAvailable.signal();
            }
            this.waking += woken;
            toStart = Math.min(this.maxWorkers - this.threads, wanted - woken);
            this.threads += toStart;
        }
        finally {
            this.lock.unlock();
        }
        for (int i = 0; i < toStart; i++) {
            startWorker();
        }
    }

    /** Counts the runs queued and not claimed yet. */
    private int queued() {
        int queued = 0;
        for (Batch batch : this.queue) {
            queued += batch.remaining();
        }
        return queued;
    }

    private void startWorker() {
        try {
            this.threadFactory.newThread(this::work).start();
        }
        catch (RuntimeException | OutOfMemoryError ex) {
            ended();
            logger.error("Could not start a worker thread; queued work waits for another worker", ex);
        }
    }

    private void work() {
        // Every run gets a run id, made with the thread's own random numbers: seeded here, as the thread starts,
        // rather than in its first run, which then costs a new thread no more than the runs after it.
        ThreadLocalRandom.current();
        Runnable next = take();
        while (next != null) {
            try {
                next.run();
            }
            catch (RuntimeException ex) {
                logger.error("Unexpected error in a worker", ex);
            }
            catch (Error ex) {
                ended();
                throw ex;
            }
            next = take();
        }
    }

    /**
     * Takes the next work, waiting for it up to the keep-alive time (for as long as it takes while the pool has no
     * more threads than its core workers).
     * @return the work, or {@code null} when this worker ends (it has then been counted out)
     */
    private @Nullable Runnable take() {
        Runnable ready = poll();
        if (ready != null) {
            return ready;
        }
        this.lock.lock();
        try {
            long nanos = this.keepAliveNanos;
            while (true) {
                Runnable next = poll();
                if (next != null) {
                    return next;
                }
                if (this.shutdown || (nanos <= 0 && this.threads > this.coreWorkers)) {
                    endedLocked();
                    return null;
                }
                if (nanos <= 0) {
                    // a core worker: it waits on
                    nanos = this.keepAliveNanos;
                }
                this.idle++;
                try {
                    nanos = this.workAvailable.awaitNanos(nanos);
                }
                catch (InterruptedException ex) {
                    // only shutdown or work ends a worker: go on looking
                }
                finally {
                    this.idle--;
                    if (this.waking > 0) {
                        this.waking--;
                    }
                }
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Claims the next run of the oldest batch that has one left, taking used-up batches off the queue.
     * @return the run, or {@code null} when the queue is empty
     */
    private @Nullable Runnable poll() {
        Batch batch;
        while ((batch = this.queue.peek()) != null) {
            Runnable next = batch.claim();
            if (next != null) {
                return next;
            }
            this.queue.remove(batch);
        }
        return null;
    }

    private void ended() {
        this.lock.lock();
        try {
            endedLocked();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void endedLocked() {
        this.threads--;
        if (this.threads == 0) {
            this.allEnded.signalAll();
        }
    }

    /**
     * Stops accepting work; queued work still runs.
     */
    void shutdown() {
        this.lock.lock();
        try {
            this.shutdown = true;
            this.workAvailable.signalAll();
            if (this.threads == 0) {
                this.allEnded.signalAll();
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Takes the queued work off the queue.
     * @return the work no worker has taken
     */
    List<Runnable> drain() {
        this.lock.lock();
        try {
            List<Runnable> drained = new ArrayList<>();
            Batch batch;
            while ((batch = this.queue.poll()) != null) {
                batch.claimRest(drained);
            }
            this.allEnded.signalAll();
            return drained;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Waits for the workers to end after {@link #shutdown()}.
     * @param timeout how long to wait
     * @return whether every worker has ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        this.lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!isTerminatedLocked()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = this.allEnded.awaitNanos(nanos);
            }
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Returns whether the pool is shut down and every worker has ended.
     * @return whether terminated
     */
    boolean isTerminated() {
        this.lock.lock();
        try {
            return isTerminatedLocked();
        }
        finally {
            this.lock.unlock();
        }
    }

    private boolean isTerminatedLocked() {
        return this.shutdown && this.threads == 0 && this.queue.isEmpty();
    }

    /**
     * Runs queued in one step. Each is claimed once, by a worker ({@link #claim()}) or by {@link #drain()}; the
     * claimed slot is cleared, so a run's work is not kept alive by its batch.
     */
    private static final class Batch {

        private final Runnable[] work;

        private final AtomicInteger next = new AtomicInteger();

        Batch(Runnable[] work) {
            this.work = work;
        }

        @Nullable Runnable claim() {
            int index = this.next.getAndIncrement();
            if (index >= this.work.length) {
                return null;
            }
            Runnable claimed = this.work[index];
            this.work[index] = null;
            return claimed;
        }

        int remaining() {
            return Math.max(0, this.work.length - this.next.get());
        }

        void claimRest(List<Runnable> drained) {
            int from = this.next.getAndAdd(this.work.length);
            for (int i = from; i < this.work.length; i++) {
                drained.add(this.work[i]);
                this.work[i] = null;
            }
        }

    }

    @Override
    public String toString() {
        return "WorkerPool[max_workers=" + this.maxWorkers + "]";
    }

}
