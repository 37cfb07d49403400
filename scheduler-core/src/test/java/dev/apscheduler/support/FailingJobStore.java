package dev.apscheduler.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobStore;

/**
 * A store that fails every call while {@link #failing} is set, as a database that went away would, and works as its
 * delegate otherwise.
 */
public final class FailingJobStore extends DelegatingJobStore {

    public volatile boolean failing;

    public volatile int failedCalls;

    public FailingJobStore(JobStore delegate) {
        super(delegate);
    }

    private void check() {
        if (this.failing) {
            this.failedCalls++;
            throw new IllegalStateException("database is down");
        }
    }

    @Override
    public void addJob(Job job) {
        check();
        super.addJob(job);
    }

    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        check();
        super.addJobs(jobs, replaceExisting);
    }

    @Override
    public void updateJob(Job job) {
        check();
        super.updateJob(job);
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        check();
        return super.modifyJob(jobId, modification);
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        check();
        return super.lookupJob(jobId);
    }

    @Override
    public List<Job> getAllJobs() {
        check();
        return super.getAllJobs();
    }

    @Override
    public Optional<Instant> nextRunTime() {
        check();
        return super.nextRunTime();
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        check();
        return super.acquireDueJobs(now, limit, decider);
    }

}
