package dev.apscheduler.benchmarks.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;

/**
 * A job store that passes every call to the store under test and notes when the scheduler's first acquire step
 * returned: the moment a started scheduler has looked at its jobs and is running them.
 */
final class FirstAcquireProbe implements JobStore, UnrestorableJobs {

    private final JobStore store;

    private final CountDownLatch acquired = new CountDownLatch(1);

    private volatile long acquiredAt;

    FirstAcquireProbe(JobStore store) {
        this.store = store;
    }

    /**
     * Waits for the first acquire step.
     * @param timeout how long to wait at most
     * @return {@link System#nanoTime()} when it returned
     * @throws InterruptedException if interrupted
     * @throws IllegalStateException if it did not return in time
     */
    long awaitFirstAcquire(Duration timeout) throws InterruptedException {
        if (!this.acquired.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the scheduler made no acquire step within " + timeout);
        }
        return this.acquiredAt;
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        List<AcquiredJob> jobs = this.store.acquireDueJobs(now, limit, decider);
        if (this.acquired.getCount() > 0) {
            this.acquiredAt = System.nanoTime();
            this.acquired.countDown();
        }
        return jobs;
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
    public String type() {
        return this.store.type();
    }

    @Override
    public boolean isPersistent() {
        return this.store.isPersistent();
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

    @Override
    public JobSlice findJobs(JobQuery query) {
        return this.store.findJobs(query);
    }

    @Override
    public JobCounts jobCounts() {
        return this.store.jobCounts();
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return this.store.nextRunTime();
    }

    @Override
    public Optional<Duration> maxWait() {
        return this.store.maxWait();
    }

    @Override
    public Duration lookAhead() {
        return this.store.lookAhead();
    }

    @Override
    public List<UnrestorableJob> unrestorableJobs() {
        return (this.store instanceof UnrestorableJobs listing) ? listing.unrestorableJobs() : List.of();
    }

}
