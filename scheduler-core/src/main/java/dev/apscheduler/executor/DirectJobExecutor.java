package dev.apscheduler.executor;

import java.time.Duration;

/**
 * Runs jobs on the thread that submits them, before {@code submit} returns: APScheduler's {@code debug} executor.
 * Meant for tests, where it makes job execution deterministic; in a running scheduler it blocks the loop while a job
 * runs.
 */
public final class DirectJobExecutor extends AbstractJobExecutor {

    /** This executor's type name. */
    public static final String TYPE = "direct";

    private volatile boolean shutdown;

    @Override
    public void start(ExecutorContext context) {
        super.start(context);
        this.shutdown = false;
    }

    @Override
    protected void execute(Runnable work) {
        if (this.shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("direct executor is shut down");
        }
        work.run();
    }

    @Override
    public boolean shutdown(Duration timeout) {
        this.shutdown = true;
        return activeCount() == 0;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int maxWorkers() {
        return 1;
    }

    @Override
    public String toString() {
        return "DirectJobExecutor";
    }

}
