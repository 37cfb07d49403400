package dev.apscheduler.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.store.UnrestorableJob;
import org.jspecify.annotations.Nullable;

/**
 * What monitoring sees of one job store at one moment: how many jobs it holds, its first jobs by next run time,
 * whether it answers, and the stored jobs it cannot restore. Shared by the actuator endpoint, the health indicator and
 * the metrics, so that each asks the store once and all of them agree on what "unreachable" means: the store failed
 * to count or list its jobs now, or the scheduler's loop saw its last call fail
 * ({@link Scheduler#jobStoreFailure(String)}). A store's jobs are counted by the store ({@link JobCounts}) and listed
 * one bounded page at a time ({@link Scheduler#findJobs}), so that inspecting a store of a million jobs never
 * restores them all.
 *
 * @param alias the store's alias
 * @param type the store's type name
 * @param counts how many jobs the store holds (before the scheduler starts: the jobs pending for it), or {@code null}
 * when it failed to count them
 * @param jobs the store's first jobs by next run time, at most as many as asked for, or {@code null} when it failed to
 * list them
 * @param error why the store is unreachable, or {@code null} when it answers
 * @param unrestorableJobs the stored jobs it cannot restore, when it can tell
 * ({@link dev.apscheduler.store.UnrestorableJobs})
 */
public record JobStoreStatus(String alias, String type, @Nullable JobCounts counts, @Nullable List<Job> jobs,
        @Nullable String error, List<UnrestorableJob> unrestorableJobs) {

    /**
     * How many jobs of each store an inspection lists when not told otherwise: the largest page a store is asked for.
     */
    public static final int DEFAULT_JOBS_LIMIT = JobQuery.MAX_LIMIT;

    /**
     * Creates the status with copies of the lists.
     * @param alias the store's alias
     * @param type the store's type name
     * @param counts how many jobs the store holds, or {@code null} when it failed to count them
     * @param jobs the store's first jobs, or {@code null} when it failed to list them
     * @param error why the store is unreachable, or {@code null}
     * @param unrestorableJobs the stored jobs it cannot restore
     */
    public JobStoreStatus {
        jobs = (jobs != null) ? List.copyOf(jobs) : null;
        unrestorableJobs = List.copyOf(unrestorableJobs);
    }

    /**
     * Inspects every job store of a scheduler, in the order they were added, listing up to
     * {@link #DEFAULT_JOBS_LIMIT} jobs of each.
     * @param scheduler the scheduler
     * @return the statuses
     */
    public static List<JobStoreStatus> inspectAll(Scheduler scheduler) {
        return inspectAll(scheduler, DEFAULT_JOBS_LIMIT);
    }

    /**
     * Inspects every job store of a scheduler, in the order they were added.
     * @param scheduler the scheduler
     * @param jobsLimit how many jobs of each store to list at most, {@code 0} to {@link JobQuery#MAX_LIMIT}
     * @return the statuses
     * @throws IllegalArgumentException if the limit is out of range
     */
    public static List<JobStoreStatus> inspectAll(Scheduler scheduler, int jobsLimit) {
        checkJobsLimit(jobsLimit);
        List<JobStoreStatus> statuses = new ArrayList<>();
        for (JobStoreInfo store : scheduler.jobStores().values()) {
            statuses.add(inspect(scheduler, store, jobsLimit));
        }
        return statuses;
    }

    /**
     * Inspects one job store, listing up to {@link #DEFAULT_JOBS_LIMIT} of its jobs.
     * @param scheduler the scheduler that holds it
     * @param store the store's snapshot ({@link Scheduler#jobStores()})
     * @return the status; never throws for a failing store
     */
    public static JobStoreStatus inspect(Scheduler scheduler, JobStoreInfo store) {
        return inspect(scheduler, store, DEFAULT_JOBS_LIMIT);
    }

    /**
     * Inspects one job store: its counts are those of the snapshot, its first {@code jobsLimit} jobs by next run time
     * are listed with one query of the store.
     * @param scheduler the scheduler that holds it
     * @param store the store's snapshot ({@link Scheduler#jobStores()})
     * @param jobsLimit how many of its jobs to list at most, {@code 0} to {@link JobQuery#MAX_LIMIT}
     * @return the status; never throws for a failing store
     * @throws IllegalArgumentException if the limit is out of range
     */
    public static JobStoreStatus inspect(Scheduler scheduler, JobStoreInfo store, int jobsLimit) {
        checkJobsLimit(jobsLimit);
        String alias = store.alias();
        JobCounts counts = store.counts().orElse(null);
        List<UnrestorableJob> unrestorable = List.of();
        try {
            List<Job> jobs = (jobsLimit > 0)
                    ? scheduler.findJobs(alias, JobQuery.firstPage().window(0, jobsLimit)).jobs() : List.of();
            unrestorable = scheduler.unrestorableJobs(alias);
            return new JobStoreStatus(alias, store.type(), counts, jobs, store.failure(), unrestorable);
        }
        catch (RuntimeException ex) {
            // a store that failed to count its jobs a moment ago is reported by that failure
            String failure = store.failure();
            String error = (failure != null) ? failure : describe(ex);
            return new JobStoreStatus(alias, store.type(), counts, null, error, unrestorable);
        }
    }

    private static void checkJobsLimit(int jobsLimit) {
        if (jobsLimit < 0 || jobsLimit > JobQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("jobs limit must be between 0 and " + JobQuery.MAX_LIMIT + ", was "
                    + jobsLimit);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return (message != null) ? message : failure.getClass().getName();
    }

    /**
     * Tells whether the store answers.
     * @return whether it counted and listed its jobs and the scheduler's loop sees no failure
     */
    public boolean reachable() {
        return this.error == null;
    }

    /**
     * Returns the jobs the store listed: its first ones by next run time.
     * @return the jobs, or empty when it failed to list them
     */
    public Optional<List<Job>> listedJobs() {
        return Optional.ofNullable(this.jobs);
    }

    /**
     * Counts the store's jobs.
     * @return the number of jobs it holds (unrestorable ones aside), or empty when it failed to count them
     */
    public Optional<Long> totalJobs() {
        return Optional.ofNullable(this.counts).map(JobCounts::total);
    }

    /**
     * Counts the store's jobs that have a next run time.
     * @return the number of scheduled jobs, or empty when the store failed to count its jobs
     */
    public Optional<Long> scheduledJobs() {
        return Optional.ofNullable(this.counts).map(JobCounts::scheduled);
    }

    /**
     * Counts the store's paused jobs.
     * @return the number of paused jobs, or empty when the store failed to count its jobs
     */
    public Optional<Long> pausedJobs() {
        return Optional.ofNullable(this.counts).map(JobCounts::paused);
    }

}
