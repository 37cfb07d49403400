package dev.apscheduler.spring.boot.jpa;

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

/**
 * A job store that forwards every call to another, for tests that watch or change one call.
 */
class ForwardingJobStore implements JobStore {

    protected final JobStore store;

    ForwardingJobStore(JobStore store) {
        this.store = store;
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        return this.store.acquireDueJobs(now, limit, decider);
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return this.store.nextRunTime();
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
    public Duration lookAhead() {
        return this.store.lookAhead();
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
