package dev.apscheduler.benchmarks.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.benchmarks.runner.JobBody;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobBody} that records each execution's lateness (its start on the wall clock minus its scheduled time, in
 * microseconds), optionally sleeps, and notes when the expected number of executions has completed. Only
 * executions scheduled before the window's end are counted, so that a periodic workload counts the fire times it
 * asked for and no more. Lock-free, so that recording costs the jobs next to nothing.
 */
public final class Recorder implements JobBody {

    private final long[] latenessMicros;

    private final AtomicInteger recorded = new AtomicInteger();

    private final AtomicInteger completed = new AtomicInteger();

    private final AtomicInteger outsideWindow = new AtomicInteger();

    private final int expected;

    private final long sleepMillis;

    private final long windowEndMicros;

    private final CountDownLatch done = new CountDownLatch(1);

    private volatile long lastEndMicros;

    /**
     * Creates a recorder.
     * @param expected how many executions complete the workload (lateness capacity is twice that)
     * @param sleep how long each execution sleeps after recording its start
     * @param windowEnd executions scheduled at or after this time are not recorded; {@code null} for no limit
     */
    public Recorder(int expected, Duration sleep, @Nullable Instant windowEnd) {
        this.expected = expected;
        this.latenessMicros = new long[Math.max(16, expected * 2)];
        this.sleepMillis = sleep.toMillis();
        this.windowEndMicros = (windowEnd != null) ? micros(windowEnd) : Long.MAX_VALUE;
    }

    @Override
    public void run(Instant scheduledTime) {
        long start = micros(Instant.now());
        long scheduled = micros(scheduledTime);
        if (scheduled >= this.windowEndMicros) {
            this.outsideWindow.incrementAndGet();
            return;
        }
        int index = this.recorded.getAndIncrement();
        if (index < this.latenessMicros.length) {
            this.latenessMicros[index] = start - scheduled;
        }
        if (this.sleepMillis > 0) {
            sleep();
        }
        if (this.completed.incrementAndGet() == this.expected) {
            this.lastEndMicros = micros(Instant.now());
            this.done.countDown();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(this.sleepMillis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the expected number of executions has completed.
     * @param timeout the longest wait
     * @return whether they all completed in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return this.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the lateness of every recorded execution, sorted.
     * @return the lateness in microseconds
     */
    public long[] sortedLatenessMicros() {
        long[] copy = Arrays.copyOf(this.latenessMicros, Math.min(this.recorded.get(), this.latenessMicros.length));
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Returns how many executions scheduled inside the window have started.
     * @return the count
     */
    public int recorded() {
        return this.recorded.get();
    }

    /**
     * Returns how many executions have completed.
     * @return the count
     */
    public int completed() {
        return this.completed.get();
    }

    /**
     * Returns how many executions were scheduled after the window and so were ignored.
     * @return the count
     */
    public int outsideWindow() {
        return this.outsideWindow.get();
    }

    /**
     * Returns when the last expected execution completed, in microseconds since the epoch.
     * @return the time, or 0 if they have not all completed
     */
    public long lastEndMicros() {
        return this.lastEndMicros;
    }

    /**
     * Converts an instant to microseconds since the epoch.
     * @param instant the instant
     * @return the microseconds
     */
    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

}
