package dev.apscheduler.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Runs jobs on a fixed-size pool of platform threads: APScheduler's {@code threadpool}, the default executor.
 * Submissions beyond {@code max_workers} wait in a queue; the time they wait counts towards their lateness. Runs due
 * at one instant are queued in one step, so handing over many of them costs little more than one. Worker threads are
 * daemon threads named {@code apscheduler-<alias>-<n>}: up to ten of them (APScheduler's default {@code max_workers};
 * one per processor where there are more processors, and never more than {@code max_workers}) start with the executor
 * and wait for work until it shuts down, so that the runs due do not wait for threads to start; any others are started
 * when work needs them and end after a minute without work.
 */
public final class ThreadPoolJobExecutor extends AbstractJobExecutor {

    /** This executor's type name. */
    public static final String TYPE = "threadpool";

    /** APScheduler's default {@code max_workers}. */
    public static final int DEFAULT_MAX_WORKERS = 10;

    private final int maxWorkers;

    private volatile @Nullable WorkerPool pool;

    /**
     * Creates an executor with {@link #DEFAULT_MAX_WORKERS} workers.
     */
    public ThreadPoolJobExecutor() {
        this(DEFAULT_MAX_WORKERS);
    }

    /**
     * Creates an executor.
     * @param maxWorkers how many jobs may run at once, at least one
     */
    public ThreadPoolJobExecutor(int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("max_workers must be >= 1, was " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
    }

    @Override
    public void start(ExecutorContext context) {
        super.start(context);
        WorkerPool pool = new WorkerPool(this.maxWorkers, WorkerPool.CORE, WorkerPool.KEEP_ALIVE,
                threadFactory(context.alias()));
        pool.prestart();
        this.pool = pool;
    }

    private static ThreadFactory threadFactory(String alias) {
        AtomicInteger count = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, "apscheduler-" + alias + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    protected void execute(Runnable work) {
        pool().executeAll(List.of(work));
    }

    @Override
    protected boolean queuesInBatches() {
        return true;
    }

    @Override
    protected void executeAll(List<Runnable> work) {
        pool().executeAll(work);
    }

    @Override
    protected void executeAll(List<Runnable> work, boolean more) {
        pool().executeAll(work, more);
    }

    @Override
    public boolean shutdown(Duration timeout) {
        WorkerPool pool = this.pool;
        if (pool == null) {
            return true;
        }
        pool.shutdown();
        try {
            return timeout.isZero() ? pool.isTerminated() : pool.awaitTermination(timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return pool.isTerminated();
        }
    }

    @Override
    protected List<Runnable> drainQueued() {
        WorkerPool pool = this.pool;
        return (pool != null) ? pool.drain() : List.of();
    }

    private WorkerPool pool() {
        WorkerPool pool = this.pool;
        if (pool == null) {
            context();
            throw new IllegalStateException("thread pool executor has not been started");
        }
        return pool;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int maxWorkers() {
        return this.maxWorkers;
    }

    @Override
    public String toString() {
        return "ThreadPoolJobExecutor[max_workers=" + this.maxWorkers + "]";
    }

}
