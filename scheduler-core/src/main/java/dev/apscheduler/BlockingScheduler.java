package dev.apscheduler;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.executor.ThreadPoolJobExecutor;

/**
 * A scheduler whose {@link #start()} runs the loop on the calling thread and returns only once the scheduler is shut
 * down (from a job, a listener or another thread): APScheduler's {@code BlockingScheduler}, for programs that do
 * nothing but schedule. The default executor is a {@code threadpool} of 10 workers.
 */
public final class BlockingScheduler extends AbstractScheduler {

    private volatile CountDownLatch loopDone = new CountDownLatch(0);

    private volatile Thread loopThread = Thread.currentThread();

    private BlockingScheduler(Builder builder) {
        super(builder, ThreadPoolJobExecutor::new);
    }

    /**
     * Creates a scheduler with every default: system clock and time zone, a memory job store, a thread pool.
     */
    public BlockingScheduler() {
        this(builder());
    }

    /**
     * Starts a builder.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the scheduler and runs its loop on this thread until the scheduler is shut down.
     * @param paused whether to start paused
     * @throws SchedulerAlreadyRunningException if it is already running or paused
     */
    @Override
    public void start(boolean paused) {
        this.loopDone = new CountDownLatch(1);
        super.start(paused);
    }

    @Override
    protected void startLoop(boolean paused) {
        this.loopThread = Thread.currentThread();
        try {
            engine().runLoop(() -> state() != SchedulerState.STOPPED);
        }
        finally {
            this.loopDone.countDown();
        }
    }

    @Override
    protected void stopLoop(Duration timeout) {
        engine().wakeLoop();
        if (Thread.currentThread() != this.loopThread) {
            try {
                this.loopDone.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void wakeup() {
        engine().wakeLoop();
    }

    /**
     * Builds a {@link BlockingScheduler}.
     */
    public static final class Builder extends SchedulerBuilder<Builder, BlockingScheduler> {

        Builder() {
        }

        @Override
        public BlockingScheduler build() {
            return new BlockingScheduler(this);
        }

    }

}
