package dev.apscheduler.spring.boot.amqp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.JobTask;

/**
 * The tasks the workers of the tests run, registered by name; each records the runs it executed.
 */
public class TestTasks {

    /** Run ids of the runs executed, in order. */
    final List<String> executed = new CopyOnWriteArrayList<>();

    /** Executions per run id. */
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    /**
     * Adds two numbers.
     * @param a the first
     * @param b the second
     * @param context the run
     * @return the sum
     */
    @JobTask("add")
    public int add(int a, int b, JobContext context) {
        executed(context);
        return a + b;
    }

    /**
     * Fails.
     * @param context the run
     */
    @JobTask("fail")
    public void fail(JobContext context) {
        executed(context);
        throw new IllegalStateException("the report server is down");
    }

    /**
     * Fails on the first attempts, then succeeds.
     * @param failTimes how many attempts fail
     * @param context the run
     * @return the attempt that succeeded
     */
    @JobTask("flaky")
    public int flaky(int failTimes, JobContext context) {
        executed(context);
        if (executions(context.runId()) <= failTimes) {
            throw new IllegalStateException("attempt " + context.attempt() + " fails");
        }
        return context.attempt();
    }

    /**
     * Stalls on the first attempts until interrupted (by its timeout), then returns at once.
     * @param stallTimes how many attempts stall
     * @param context the run
     * @return the attempt that returned
     * @throws InterruptedException when a stalled attempt is interrupted
     */
    @JobTask("stalls")
    public int stalls(int stallTimes, JobContext context) throws InterruptedException {
        executed(context);
        if (executions(context.runId()) <= stallTimes) {
            // nothing counts the latch down: only the timeout's interrupt ends the wait
            new CountDownLatch(1).await();
        }
        return context.attempt();
    }

    /**
     * Returns its label.
     * @param label the label
     * @param context the run
     * @return the label
     */
    @JobTask("echo")
    public String echo(String label, JobContext context) {
        executed(context);
        return label;
    }

    int executions(String runId) {
        AtomicInteger count = this.executions.get(runId);
        return (count != null) ? count.get() : 0;
    }

    private void executed(JobContext context) {
        this.executed.add(context.runId());
        this.executions.computeIfAbsent(context.runId(), (id) -> new AtomicInteger()).incrementAndGet();
    }

}
