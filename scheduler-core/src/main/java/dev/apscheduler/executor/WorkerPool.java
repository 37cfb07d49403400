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
 * become due at one instant and are queued in one step ({@link #executeAll}), instead of one queue operation and one
 * wake-up per run while the workers already woken compete for the CPU with the thread still handing over. A step is
 * queued as one {@link Batch}, whose runs workers claim by index: nothing is allocated per run, and a batch leaves the
 * queue once it is used up. A worker that finishes a run takes the next without sleeping.
 * <p>
 * Workers are woken one from another, as a {@code ThreadPoolExecutor}'s are: a step wakes one idle worker, and each
 * worker that claims a run while more is queued wakes the next, before it runs its own. Every queued run still gets a
 * worker of its own when runs block, one wake-up after another; and runs are claimed under a lock of their own
 * ({@link #takeLock}), held for a few instructions, which workers that find it held wait for. When runs are short, the
 * first workers woken have taken most of them by the time the others are up, and those others mostly wait on the
 * lock: a burst of short runs is run by few workers at a time, which on a machine with few processors drains it
 * sooner than every worker claiming and running at once, passing the lines they all write between processors.
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

    /**
     * Held by a worker claiming its next run ({@link #poll()}), for a few instructions: workers queue for it rather
     * than for {@link #lock}, which the handing-over thread needs to queue work and wake workers.
     */
    private final ReentrantLock takeLock = new ReentrantLock();

    /** The work, batch by batch: added under {@link #lock}, claimed under {@link #takeLock}. */
    private final ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>();

    private int threads;

    private int idle;

    /** Idle workers signalled that have not woken yet. */
    private int waking;

    private boolean shutdown;

    /** Whether a hand-over has chunks to come ({@link #executeAll(List, boolean)}): workers do not wake others then. */
    private boolean handOverOpen;

    /**
     * Whether a worker that claims a run should look for another to wake, read without {@link #lock}: there is an idle
     * worker not signalled yet or room for another thread, the pool is not shut down, and no hand-over has chunks to
     * come. Written under the lock whenever what it depends on changes ({@link #updateCanWake()}).
     */
    private volatile boolean canWake;

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
            updateCanWake();
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
     * (which may be empty), one idle worker is woken (or a thread started) if anything is queued, and each worker
     * wakes the next as it claims a run while more is queued ({@link #wakeNext()}).
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
            else {
                // the workers woken wake the others, one each, as they claim runs
                wanted = Math.min(wanted, 1);
            }
            this.handOverOpen = more;
            toStart = wakeLocked(wanted);
        }
        finally {
            this.lock.unlock();
        }
        for (int i = 0; i < toStart; i++) {
            startWorker();
        }
    }

    /**
     * Wakes idle workers, starting threads where there are too few, under {@link #lock}.
     * @param wanted how many workers are wanted
     * @return how many threads to start once the lock is released (counted already)
     */
    private int wakeLocked(int wanted) {
        int woken = Math.min(this.idle - this.waking, wanted);
        for (int i = 0; i < woken; i++) {
            this.workAvailable.signal();
        }
        this.waking += woken;
        int toStart = Math.min(this.maxWorkers - this.threads, wanted - woken);
        this.threads += toStart;
        updateCanWake();
        return toStart;
    }

    private void updateCanWake() {
        this.canWake = !this.handOverOpen && !this.shutdown
                && (this.idle > this.waking || this.threads < this.maxWorkers);
    }

    /**
     * Called by a worker that has claimed a run, before it runs it: wakes another worker (or starts a thread) if more
     * is queued, so that a run that blocks does not hold up the runs queued after it while workers sleep. In a burst,
     * each claim wakes one more worker until none is left asleep; those woken while runs are short find most of them
     * taken, and wait on {@link #takeLock} for the rest.
     */
    private void wakeNext() {
        if (!this.canWake || !hasQueued()) {
            return;
        }
        int toStart;
        this.lock.lock();
        try {
            if (!this.canWake) {
                return;
            }
            // another worker may have claimed the last run since the check above
            toStart = wakeLocked(hasQueued() ? 1 : 0);
        }
        finally {
            this.lock.unlock();
        }
        if (toStart > 0) {
            startWorker();
        }
    }

    /** Whether a run is queued and not claimed yet. */
    private boolean hasQueued() {
        for (Batch batch : this.queue) {
            if (batch.remaining() > 0) {
                return true;
            }
        }
        return false;
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
            wakeNext();
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
                updateCanWake();
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
                    updateCanWake();
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
        this.takeLock.lock();
        try {
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
        finally {
            this.takeLock.unlock();
        }
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
        updateCanWake();
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
            updateCanWake();
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
