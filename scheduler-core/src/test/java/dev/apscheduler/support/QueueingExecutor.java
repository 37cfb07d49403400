package dev.apscheduler.support;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.apscheduler.executor.AbstractJobExecutor;

/**
 * A test executor that queues submissions until the test runs them, so a test controls when a run starts: jobs are
 * "running" (they count towards max_instances) from submission until {@link #runAll()}.
 */
public final class QueueingExecutor extends AbstractJobExecutor {

    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    protected synchronized void execute(Runnable work) {
        this.queue.add(work);
    }

    public void runAll() {
        Runnable work;
        while ((work = poll()) != null) {
            work.run();
        }
    }

    private synchronized Runnable poll() {
        return this.queue.poll();
    }

    public synchronized int queued() {
        return this.queue.size();
    }

    @Override
    public boolean shutdown(Duration timeout) {
        return true;
    }

    @Override
    public int maxWorkers() {
        return Integer.MAX_VALUE;
    }

}
