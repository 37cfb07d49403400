package dev.apscheduler.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.internal.JobLookup.Located;
import dev.apscheduler.internal.PendingJobs.PendingJob;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * The job API: APScheduler's {@code add_job}, {@code modify_job}, {@code reschedule_job}, {@code pause_job},
 * {@code resume_job}, {@code remove_job}, {@code remove_all_jobs}, {@code get_job} and {@code get_jobs}. Each
 * operation runs under the scheduler's lock, then announces its change (log line, event, wakeup of the loop) when the
 * store says the change is visible ({@link JobStore#afterChange}): at once, or once the caller's transaction commits.
 */
final class JobOperations {

    private final SchedulerCore core;

    private final PendingJobs pending = new PendingJobs();

    private final JobLookup lookup;

    private final JobBatches batches;

    /**
     * Creates the operations.
     * @param core the scheduler's state
     */
    public JobOperations(SchedulerCore core) {
        this.core = core;
        this.lookup = new JobLookup(core, this.pending);
        this.batches = new JobBatches(core, this.pending, this::validate);
    }

    /**
     * Returns the lookups, which see the pending jobs while the scheduler is stopped.
     * @return the lookups
     */
    public JobLookup lookup() {
        return this.lookup;
    }

    /**
     * Adds a job: stored at once when the scheduler runs, else when it starts.
     * @param spec the job's specification
     * @return the job (for a pending job, as it would be stored now)
     */
    public Job addJob(JobSpec spec) {
        String id = spec.id().orElseGet(JobFactory::newId);
        Trigger trigger = JobFactory.trigger(spec, this.core);
        List<Runnable> announcements = new ArrayList<>();
        Job job = this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                if (this.core.refusesPendingJobs()) {
                    throw new SchedulerNotRunningException("add job '" + id + "' (task '"
                            + spec.taskReference().name() + "'): it has been shut down, and a job kept pending now "
                            + "would be lost");
                }
                SchedulerCore.logger.info("Adding job tentatively -- it will be properly scheduled when the "
                        + "scheduler starts");
                return this.pending.add(spec, id, trigger, this.core.jobDefaults(), this.core.now());
            }
            Job created = JobFactory.create(spec, id, trigger, List.of(), this.core.jobDefaults(), this.core.now());
            JobStore store = store(created, spec.replaceExisting());
            announcements.add(announcement(store, added(created), () -> logAdded(created), true));
            return created;
        });
        announcements.forEach(Runnable::run);
        return job;
    }

    /**
     * Adds many jobs: each checked as {@link #addJob} checks it before any is stored, then stored in batches, one
     * store call each; before the scheduler starts, held as pending jobs.
     * @param specs the jobs' specifications
     * @return the jobs, in the order given
     */
    public List<Job> addJobs(List<JobSpec> specs) {
        return this.batches.add(specs);
    }

    /**
     * Stores the pending jobs; called while the scheduler starts, with the lock held. A job that cannot be stored
     * stops the start and stays pending, with the jobs after it.
     * @return the {@code JOB_ADDED} events to publish
     */
    List<SchedulerEvent> storePendingJobs() {
        List<SchedulerEvent> events = new ArrayList<>();
        ZonedDateTime now = this.core.now();
        for (PendingJob pendingJob : this.pending.list(null)) {
            Job job = pendingJob.materialize(this.core.jobDefaults(), now);
            store(job, pendingJob.spec().replaceExisting());
            logAdded(job);
            events.add(added(job));
            // a job leaves the pending list only once stored, so a failed start loses none
            this.pending.remove(pendingJob);
        }
        return events;
    }

    /**
     * Stores a job, replacing a stored one with its id when asked to.
     * @return the store that holds it now
     */
    private JobStore store(Job job, boolean replaceExisting) {
        String alias = job.jobstore();
        JobStore store = this.core.components().store(alias);
        validate(job, store);
        try {
            StoreCalls.run(alias, "add job '" + job.id() + "'", () -> store.addJob(job));
        }
        catch (ConflictingIdException ex) {
            if (!replaceExisting) {
                throw ex;
            }
            StoreCalls.run(alias, "replace job '" + job.id() + "'", () -> store.updateJob(job));
            this.core.claimedRuns().cancel(alias, job.id());
        }
        return store;
    }

    private static SchedulerEvent added(Job job) {
        return new JobEvent(EventCodes.JOB_ADDED, job.id(), job.jobstore());
    }

    private static void logAdded(Job job) {
        SchedulerCore.logger.info("Added job \"{}\" to job store \"{}\"", job.name(), job.jobstore());
    }

    private void validate(Job job, JobStore store) {
        if (store.isPersistent()) {
            JobCodec.requirePersistable(job, job.jobstore(), this.core.factories().triggerRegistry());
        }
        requireExecutor(job);
        requireRunSlots(job, store);
    }

    /**
     * Checks only what a change touches: a stored job whose executor this instance lacks (another instance sharing
     * the store may have it) can still be paused, resumed or renamed here.
     */
    private void validateChanges(Job before, Job after, JobStore store) {
        boolean taskOrTriggerChanged = !after.task().equals(before.task()) || !after.trigger().equals(before.trigger());
        if (store.isPersistent() && taskOrTriggerChanged) {
            JobCodec.requirePersistable(after, after.jobstore(), this.core.factories().triggerRegistry());
        }
        if (!after.executor().equals(before.executor())) {
            requireExecutor(after);
        }
        if (after.maxInstancesScope() != before.maxInstancesScope()) {
            requireRunSlots(after, store);
        }
    }

    /**
     * Refuses a job counted across the cluster by a store that cannot count runs across scheduler instances.
     */
    private static void requireRunSlots(Job job, JobStore store) {
        if (job.maxInstancesScope() == MaxInstancesScope.CLUSTER && store.runSlots().isEmpty()) {
            throw new InvalidJobException("Job '" + job.id() + "' has max_instances_scope 'cluster', but job store '"
                    + job.jobstore() + "' (type " + store.type() + ") cannot count running instances across "
                    + "scheduler instances; use max_instances_scope 'instance' or a store with run slots (memory, "
                    + "jpa, redis, mongodb, zookeeper)");
        }
    }

    private void requireExecutor(Job job) {
        if (this.core.components().executor(job.executor()).isEmpty()) {
            throw new InvalidJobException("Job '" + job.id() + "' names executor '" + job.executor()
                    + "', which is not configured (configured: "
                    + String.join(", ", this.core.components().executors().keySet()) + ")");
        }
    }

    /**
     * Changes a job.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @param changes the changes
     * @return the changed job
     */
    public Job modifyJob(String jobId, @Nullable String jobstore, JobChanges changes) {
        List<Runnable> announcements = new ArrayList<>();
        Job job = this.core.locked(() -> {
            Located located = this.lookup.locate(jobId, jobstore);
            SchedulerEvent event = new JobEvent(EventCodes.JOB_MODIFIED, jobId, located.jobstore());
            PendingJob pendingJob = located.pending();
            if (pendingJob != null) {
                announcements.add(announcement(null, event, () -> { }, true));
                return this.pending.modify(pendingJob, changes, this.core.jobDefaults(), this.core.now());
            }
            JobStore store = this.core.components().store(located.jobstore());
            boolean[] moved = new boolean[1];
            Job modified = StoreCalls.call(located.jobstore(), "modify job '" + jobId + "'",
                    () -> store.modifyJob(jobId, (stored) -> {
                        Job changed = changes.applyTo(stored);
                        validateChanges(stored, changed, store);
                        moved[0] = !sameInstant(stored, changed);
                        return changed;
                    }));
            if (moved[0]) {
                // paused, resumed or given a new next run time: a run claimed ahead is no longer wanted
                this.core.claimedRuns().cancel(located.jobstore(), jobId);
            }
            else {
                this.core.claimedRuns().update(modified);
            }
            announcements.add(announcement(store, event, () -> { }, true));
            return modified;
        });
        announcements.forEach(Runnable::run);
        return job;
    }

    /**
     * Gives a job a new trigger and computes its next run time from it.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @param trigger the new trigger
     * @return the changed job
     */
    public Job rescheduleJob(String jobId, @Nullable String jobstore, Trigger trigger) {
        ZonedDateTime next = trigger.nextFireTime(null, this.core.now()).orElse(null);
        return modifyJob(jobId, jobstore, JobChanges.builder().trigger(trigger).nextRunTime(next).build());
    }

    /**
     * Pauses a job: it keeps its trigger but has no next run time.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @return the paused job
     */
    public Job pauseJob(String jobId, @Nullable String jobstore) {
        return modifyJob(jobId, jobstore, JobChanges.nextRunTime(null));
    }

    /**
     * Resumes a job at its trigger's next fire time from now; removes it when the trigger is finished.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @return the resumed job, or empty when it was removed
     */
    public Optional<Job> resumeJob(String jobId, @Nullable String jobstore) {
        Located located = this.core.locked(() -> this.lookup.locate(jobId, jobstore));
        ZonedDateTime next = located.job().trigger().nextFireTime(null, this.core.now()).orElse(null);
        if (next == null) {
            removeJob(jobId, located.jobstore());
            return Optional.empty();
        }
        return Optional.of(modifyJob(jobId, located.jobstore(), JobChanges.nextRunTime(next)));
    }

    /**
     * Removes a job.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     */
    public void removeJob(String jobId, @Nullable String jobstore) {
        Runnable announcement = this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                PendingJob job = this.pending.find(jobId, jobstore)
                    .orElseThrow(() -> new JobLookupException(jobId, jobstore));
                this.pending.remove(job);
                return announcement(null, removed(jobId, job.jobstore()), () -> logRemoved(jobId), false);
            }
            for (var entry : this.lookup.storesMatching(jobstore).entrySet()) {
                try {
                    StoreCalls.run(entry.getKey(), "remove job '" + jobId + "'",
                            () -> entry.getValue().removeJob(jobId));
                    this.core.claimedRuns().cancel(entry.getKey(), jobId);
                    return announcement(entry.getValue(), removed(jobId, entry.getKey()), () -> logRemoved(jobId),
                            false);
                }
                catch (JobLookupException ex) {
                    // not in this store: try the next one
                }
            }
            throw new JobLookupException(jobId, jobstore);
        });
        announcement.run();
    }

    private static SchedulerEvent removed(String jobId, String jobstore) {
        return new JobEvent(EventCodes.JOB_REMOVED, jobId, jobstore);
    }

    private static void logRemoved(String jobId) {
        SchedulerCore.logger.info("Removed job {}", jobId);
    }

    /**
     * Removes every job, from one store or from all.
     * @param jobstore the store, or {@code null} for all
     */
    public void removeAllJobs(@Nullable String jobstore) {
        List<JobStore> cleared = new ArrayList<>();
        this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                this.pending.removeAll(jobstore);
            }
            else {
                this.lookup.storesMatching(jobstore).forEach((alias, store) -> {
                    StoreCalls.run(alias, "remove all jobs", store::removeAllJobs);
                    this.core.claimedRuns().takeAll(alias);
                    cleared.add(store);
                });
            }
        });
        Runnable announcement = () -> this.core.events()
            .dispatch(new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, jobstore));
        for (JobStore store : cleared) {
            // announced once every store that joined a transaction has seen it commit
            Runnable inner = announcement;
            announcement = () -> store.afterChange(inner);
        }
        announcement.run();
    }

    private static boolean sameInstant(Job before, Job after) {
        Instant a = before.nextRunTime().map(ZonedDateTime::toInstant).orElse(null);
        Instant b = after.nextRunTime().map(ZonedDateTime::toInstant).orElse(null);
        return Objects.equals(a, b);
    }

    /**
     * Returns what announces a change once its store says the change is visible ({@link JobStore#afterChange}): the
     * log line, the event and, for jobs added or changed, the loop's wakeup, so that it reads the new state.
     * @param store the store that made the change, or {@code null} for a pending job
     */
    private Runnable announcement(@Nullable JobStore store, SchedulerEvent event, Runnable log, boolean wake) {
        Runnable announce = () -> {
            log.run();
            this.core.events().dispatch(event);
            if (wake && this.core.state() == SchedulerState.RUNNING) {
                this.core.wakeup();
            }
        };
        return (store != null) ? () -> store.afterChange(announce) : announce;
    }

}
