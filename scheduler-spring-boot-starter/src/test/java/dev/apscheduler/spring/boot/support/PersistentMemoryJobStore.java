package dev.apscheduler.spring.boot.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.MemoryJobStore;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for a persistent job store: it says it is persistent, keeps every job as its JSON round trip (what a
 * database would give back), and outlives the scheduler that uses it, so that one instance shared by two application
 * contexts one after the other behaves like a database across a restart. When it starts, it reloads every job through
 * the new scheduler's codec, as a database-backed store restoring its rows would.
 */
public final class PersistentMemoryJobStore implements JobStore {

    private final MemoryJobStore jobs = new MemoryJobStore();

    private volatile @Nullable JobStoreContext context;

    @Override
    public void start(JobStoreContext context) {
        this.context = context;
        this.jobs.start(context);
        List<Job> stored = this.jobs.getAllJobs();
        this.jobs.removeAllJobs();
        stored.forEach((job) -> this.jobs.addJob(roundTrip(job)));
    }

    @Override
    public void shutdown() {
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public void addJob(Job job) {
        this.jobs.addJob(roundTrip(job));
    }

    @Override
    public void updateJob(Job job) {
        this.jobs.updateJob(roundTrip(job));
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        return this.jobs.modifyJob(jobId, (job) -> roundTrip(modification.apply(job)));
    }

    @Override
    public void removeJob(String jobId) {
        this.jobs.removeJob(jobId);
    }

    @Override
    public void removeAllJobs() {
        this.jobs.removeAllJobs();
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        return this.jobs.lookupJob(jobId);
    }

    @Override
    public List<Job> getAllJobs() {
        return this.jobs.getAllJobs();
    }

    @Override
    public Optional<Instant> nextRunTime() {
        return this.jobs.nextRunTime();
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        return this.jobs.acquireDueJobs(now, limit, decider);
    }

    private Job roundTrip(Job job) {
        JobStoreContext current = this.context;
        if (current == null) {
            throw new IllegalStateException("store not started");
        }
        JobCodec codec = current.codec();
        return codec.decode(codec.encode(job), current.alias());
    }

}
