package dev.apscheduler.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.trigger.DateTimes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Runs claimed ahead of their time from a store with a look-ahead window
 * ({@link dev.apscheduler.store.JobStore#lookAhead()}): the store has already moved the job past them, and the loop
 * hands each to its executor when its time comes. This scheduler's own changes to such a job apply to the held run:
 * removing or pausing the job, or giving it a new trigger or next run time, cancels it; other changes (arguments,
 * options) replace the job it runs. Not thread-safe: used under the scheduler's lock.
 */
final class ClaimedRuns {

    private static final Logger logger = SchedulerCore.logger;

    /** The held runs by the time they are due, each instant's in the order claimed: jobs due together share one. */
    private final TreeMap<Instant, List<AcquiredJob>> byDue = new TreeMap<>();

    /**
     * Holds a claimed job until the last of its run times.
     * @param acquired the claimed job and the decision its store applied, with at least one run time
     */
    public void hold(AcquiredJob acquired) {
        ZonedDateTime start = acquired.decision().latestStart().orElseThrow();
        this.byDue.computeIfAbsent(start.toInstant(), (due) -> new ArrayList<>()).add(acquired);
    }

    /**
     * Takes the held runs whose time has come, earliest first.
     * @param now the current time
     * @return the runs to hand over
     */
    public List<AcquiredJob> takeDue(Instant now) {
        Map.Entry<Instant, List<AcquiredJob>> first = this.byDue.firstEntry();
        if (first == null || first.getKey().isAfter(now)) {
            return List.of();
        }
        List<AcquiredJob> due = this.byDue.pollFirstEntry().getValue();
        while (!this.byDue.isEmpty() && !this.byDue.firstKey().isAfter(now)) {
            due.addAll(this.byDue.pollFirstEntry().getValue());
        }
        return due;
    }

    /**
     * Returns when the earliest held run is due.
     * @return the time, or empty when nothing is held
     */
    public Optional<Instant> earliest() {
        return this.byDue.isEmpty() ? Optional.empty() : Optional.of(this.byDue.firstKey());
    }

    /**
     * Cancels the held runs of a job.
     * @param jobstore the job's store
     * @param jobId the job's id
     * @return the cancelled runs, earliest first
     */
    public List<AcquiredJob> cancel(String jobstore, String jobId) {
        return removeIf((job) -> job.jobstore().equals(jobstore) && job.id().equals(jobId));
    }

    /**
     * Cancels the held runs of several jobs of one store, as {@link #cancel(String, String)} does for one.
     * @param jobstore the jobs' store
     * @param jobIds the jobs' ids
     * @return the cancelled runs, earliest first
     */
    public List<AcquiredJob> cancel(String jobstore, Set<String> jobIds) {
        return removeIf((job) -> job.jobstore().equals(jobstore) && jobIds.contains(job.id()));
    }

    /**
     * Takes the held runs of a store, or of every store: to cancel them, or to give them back.
     * @param jobstore the store, or {@code null} for all
     * @return the runs, earliest first
     */
    public List<AcquiredJob> takeAll(@Nullable String jobstore) {
        return removeIf((job) -> jobstore == null || job.jobstore().equals(jobstore));
    }

    /**
     * Replaces the job the held runs of a job will run, keeping each run's claimed next run time.
     * @param changed the job as changed in its store
     */
    public void update(Job changed) {
        for (List<AcquiredJob> runs : this.byDue.values()) {
            runs.replaceAll((run) -> {
                Job job = run.job();
                if (job.jobstore().equals(changed.jobstore()) && job.id().equals(changed.id())) {
                    return new AcquiredJob(changed.withNextRunTime(job.nextRunTime().orElse(null)), run.decision());
                }
                return run;
            });
        }
    }

    private List<AcquiredJob> removeIf(Predicate<Job> matches) {
        List<AcquiredJob> removed = new ArrayList<>();
        Iterator<List<AcquiredJob>> buckets = this.byDue.values().iterator();
        while (buckets.hasNext()) {
            List<AcquiredJob> runs = buckets.next();
            runs.removeIf((run) -> {
                if (matches.test(run.job())) {
                    removed.add(run);
                    return true;
                }
                return false;
            });
            if (runs.isEmpty()) {
                buckets.remove();
            }
        }
        return removed;
    }

    /**
     * Gives runs claimed ahead back to their store, which moved their jobs past them when they were claimed, so that
     * no run is lost when the scheduler shuts down or the store is removed: a finished job is stored again, and a job
     * still at the next run time its latest claim gave it goes back to its earliest held run time. One store call per
     * job, the earliest due first (another instance may claim a job's following run time meanwhile: the job has then
     * moved on, and its held runs are reported as lost).
     * @param alias the store's alias
     * @param store the store
     * @param runs the runs claimed from it, earliest first
     */
    public static void giveBack(String alias, JobStore store, List<AcquiredJob> runs) {
        Map<String, List<AcquiredJob>> byJob = new LinkedHashMap<>();
        runs.forEach((run) -> byJob.computeIfAbsent(run.job().id(), (id) -> new ArrayList<>()).add(run));
        byJob.forEach((jobId, held) -> giveBack(alias, store, held.get(0).job(),
                held.get(held.size() - 1).decision()));
    }

    private static void giveBack(String alias, JobStore store, Job earliest, JobDecision latest) {
        try {
            if (latest.removeJob()) {
                store.addJob(earliest);
                return;
            }
            boolean[] restored = new boolean[1];
            store.modifyJob(earliest.id(), (stored) -> {
                restored[0] = sameInstant(stored.nextRunTime().orElse(null), latest.nextRunTime());
                return restored[0] ? restore(stored, earliest) : stored;
            });
            if (!restored[0]) {
                logger.warn("Run of job \"{}\" at {} claimed ahead could not be given back to job store '{}': the "
                        + "job has moved on meanwhile; that run is lost", earliest, describe(earliest), alias);
            }
        }
        catch (JobLookupException | ConflictingIdException ex) {
            logger.info("Run of job \"{}\" at {} claimed ahead was not given back to job store '{}': the job was "
                    + "removed or replaced meanwhile", earliest, describe(earliest), alias);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not give the run of job \"{}\" at {} claimed ahead back to job store '{}': that run "
                    + "is lost", earliest, describe(earliest), alias, ex);
        }
    }

    /** The job as claimed, with any retry added to it since (a held run of another job may have failed). */
    private static Job restore(Job stored, Job claimed) {
        if (stored.pendingRetries().isEmpty() && claimed.pendingRetries().isEmpty() && !claimed.triggerFinished()) {
            return stored.withNextRunTime(claimed.nextRunTime().orElse(null));
        }
        List<PendingRetry> retries = new ArrayList<>(claimed.pendingRetries());
        for (PendingRetry added : stored.pendingRetries()) {
            boolean known = retries.stream().anyMatch((retry) -> retry.attempt() == added.attempt()
                    && retry.fireTime().toInstant().equals(added.fireTime().toInstant()));
            if (!known) {
                retries.add(added);
            }
        }
        return stored.withSchedule(claimed.nextRunTime().orElse(null), retries, claimed.triggerFinished());
    }

    private static String describe(Job job) {
        return job.nextRunTime().map(DateTimes::describe).orElse("(none)");
    }

    /** Whether two run times are the same, to the millisecond: stores may keep them less precisely. */
    private static boolean sameInstant(@Nullable ZonedDateTime a, @Nullable ZonedDateTime b) {
        return (a == null) ? b == null
                : b != null && a.toInstant().truncatedTo(ChronoUnit.MILLIS)
                    .equals(b.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }

}
