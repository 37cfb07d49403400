package dev.apscheduler.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.RunSlots;

/**
 * A job store that forwards every call to another, for tests that change one behaviour.
 */
public class DelegatingJobStore implements JobStore {

    protected final JobStore delegate;

    public DelegatingJobStore(JobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(JobStoreContext context) {
        this.delegate.start(context);
    }

    @Override
    public void shutdown() {
        this.delegate.shutdown();
    }

    @Override
    public boolean isPersistent() {
        return this.delegate.isPersistent();
    }

    @Override
    public void addJob(Job job) {
        this.delegate.addJob(job);
    }

    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        this.delegate.addJobs(jobs, replaceExisting);
    }

    @Override
    public int batchSize() {
        return this.delegate.batchSize();
    }

    @Override
    public void updateJob(Job job) {
        this.delegate.updateJob(job);
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        return this.delegate.modifyJob(jobId, modification);
    }

    @Override
    public void removeJob(String jobId) {
        this.delegate.removeJob(jobId);
    }

    @Override
    public void removeAllJobs() {
        this.delegate.removeAllJobs();
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        return this.delegate.lookupJob(jobId);
    }

    @Override
    public List<Job> getAllJobs() {
        return this.delegate.getAllJobs();
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return this.delegate.nextRunTime();
    }

    @Override
    public Optional<Duration> maxWait() {
        return this.delegate.maxWait();
    }

    @Override
    public Duration lookAhead() {
        return this.delegate.lookAhead();
    }

    @Override
    public Optional<RunSlots> runSlots() {
        return this.delegate.runSlots();
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        return this.delegate.acquireDueJobs(now, limit, decider);
    }

}
