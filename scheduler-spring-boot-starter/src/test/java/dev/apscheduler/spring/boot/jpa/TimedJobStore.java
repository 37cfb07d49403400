package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.support.DelegatingJobStore;

/**
 * A job store that times the calls of the scheduler's loop on another store, for the benchmark's breakdown of where a
 * pass spends its time.
 */
final class TimedJobStore extends DelegatingJobStore {

    private final ConcurrentLinkedQueue<Long> acquireMicros = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<Long> nextRunTimeMicros = new ConcurrentLinkedQueue<>();

    TimedJobStore(JobStore store) {
        super(store);
    }

    private static <T> T timed(ConcurrentLinkedQueue<Long> times, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        }
        finally {
            times.add((System.nanoTime() - start) / 1000);
        }
    }

    String report() {
        return "acquire " + summary(this.acquireMicros) + "; nextRunTime " + summary(this.nextRunTimeMicros);
    }

    private static String summary(ConcurrentLinkedQueue<Long> times) {
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        times.clear();
        if (sorted.length == 0) {
            return "no calls";
        }
        return String.format("%,d calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        return timed(this.acquireMicros, () -> this.delegate.acquireDueJobs(now, limit, decider));
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return timed(this.nextRunTimeMicros, this.delegate::nextRunTime);
    }

}
