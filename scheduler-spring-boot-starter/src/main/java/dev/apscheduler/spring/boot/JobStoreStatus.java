package dev.apscheduler.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.store.UnrestorableJob;
import org.jspecify.annotations.Nullable;

/**
 * What monitoring sees of one job store at one moment: its jobs, whether it answers, and the stored jobs it cannot
 * restore. Shared by the actuator endpoint, the health indicator and the metrics, so that each asks the store once
 * and all of them agree on what "unreachable" means: the store failed to list its jobs now, or the scheduler's loop
 * saw its last call fail ({@link Scheduler#jobStoreFailure(String)}).
 *
 * @param alias the store's alias
 * @param type the store's type name
 * @param jobs the store's jobs (before the scheduler starts: the jobs pending for it), or {@code null} when it failed
 * to list them
 * @param error why the store is unreachable, or {@code null} when it answers
 * @param unrestorableJobs the stored jobs it cannot restore, when it can tell ({@link UnrestorableJobs})
 */
public record JobStoreStatus(String alias, String type, @Nullable List<Job> jobs, @Nullable String error,
        List<UnrestorableJob> unrestorableJobs) {

    /**
     * Creates the status with copies of the lists.
     * @param alias the store's alias
     * @param type the store's type name
     * @param jobs the store's jobs, or {@code null} when it failed to list them
     * @param error why the store is unreachable, or {@code null}
     * @param unrestorableJobs the stored jobs it cannot restore
     */
    public JobStoreStatus {
        jobs = (jobs != null) ? List.copyOf(jobs) : null;
        unrestorableJobs = List.copyOf(unrestorableJobs);
    }

    /**
     * Inspects every job store of a scheduler, in the order they were added.
     * @param scheduler the scheduler
     * @return the statuses
     */
    public static List<JobStoreStatus> inspectAll(Scheduler scheduler) {
        List<JobStoreStatus> statuses = new ArrayList<>();
        for (JobStoreInfo store : scheduler.jobStores().values()) {
            statuses.add(inspect(scheduler, store));
        }
        return statuses;
    }

    /**
     * Inspects one job store.
     * @param scheduler the scheduler that holds it
     * @param store the store's snapshot ({@link Scheduler#jobStores()})
     * @return the status; never throws for a failing store
     */
    public static JobStoreStatus inspect(Scheduler scheduler, JobStoreInfo store) {
        String alias = store.alias();
        List<UnrestorableJob> unrestorable = List.of();
        try {
            List<Job> jobs = scheduler.getJobs(alias);
            unrestorable = scheduler.unrestorableJobs(alias);
            return new JobStoreStatus(alias, store.type(), jobs, store.failure(), unrestorable);
        }
        catch (RuntimeException ex) {
            return new JobStoreStatus(alias, store.type(), null, describe(ex), unrestorable);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return (message != null) ? message : failure.getClass().getName();
    }

    /**
     * Tells whether the store answers.
     * @return whether it listed its jobs and the scheduler's loop sees no failure
     */
    public boolean reachable() {
        return this.error == null;
    }

    /**
     * Returns the jobs the store listed.
     * @return the jobs, or empty when it failed to list them
     */
    public Optional<List<Job>> listedJobs() {
        return Optional.ofNullable(this.jobs);
    }

    /**
     * Counts the store's jobs that have a next run time.
     * @return the number of scheduled jobs, or empty when the store failed to list its jobs
     */
    public Optional<Long> scheduledJobs() {
        return listedJobs().map((jobs) -> jobs.stream().filter((job) -> !job.isPaused()).count());
    }

    /**
     * Counts the store's paused jobs.
     * @return the number of paused jobs, or empty when the store failed to list its jobs
     */
    public Optional<Long> pausedJobs() {
        return listedJobs().map((jobs) -> jobs.stream().filter(Job::isPaused).count());
    }

}
