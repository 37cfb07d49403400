package dev.apscheduler.spring.boot.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;

/**
 * A job store that times the calls of the scheduler's loop on another store, for the benchmark's breakdown of where a
 * pass spends its time.
 */
final class TimedJobStore implements JobStore {

    private final JobStore store;

    private final ConcurrentLinkedQueue<Long> acquireMicros = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<Long> nextRunTimeMicros = new ConcurrentLinkedQueue<>();

    TimedJobStore(JobStore store) {
        this.store = store;
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
        return timed(this.acquireMicros, () -> this.store.acquireDueJobs(now, limit, decider));
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return timed(this.nextRunTimeMicros, this.store::nextRunTime);
    }

    @Override
    public void start(JobStoreContext context) {
        this.store.start(context);
    }

    @Override
    public void shutdown() {
        this.store.shutdown();
    }

    @Override
    public boolean isPersistent() {
        return this.store.isPersistent();
    }

    @Override
    public Optional<Duration> maxWait() {
        return this.store.maxWait();
    }

    @Override
    public void addJob(Job job) {
        this.store.addJob(job);
    }

    @Override
    public void updateJob(Job job) {
        this.store.updateJob(job);
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        return this.store.modifyJob(jobId, modification);
    }

    @Override
    public void removeJob(String jobId) {
        this.store.removeJob(jobId);
    }

    @Override
    public void removeAllJobs() {
        this.store.removeAllJobs();
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        return this.store.lookupJob(jobId);
    }

    @Override
    public List<Job> getAllJobs() {
        return this.store.getAllJobs();
    }

}
