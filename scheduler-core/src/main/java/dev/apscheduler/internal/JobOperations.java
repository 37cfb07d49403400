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
 * operation runs under the scheduler's lock, then publishes its events and wakes the loop.
 */
final class JobOperations {

    private final SchedulerCore core;

    private final PendingJobs pending = new PendingJobs();

    private final JobLookup lookup;

    /**
     * Creates the operations.
     * @param core the scheduler's state
     */
    public JobOperations(SchedulerCore core) {
        this.core = core;
        this.lookup = new JobLookup(core, this.pending);
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
        List<SchedulerEvent> events = new ArrayList<>();
        Job job = this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                SchedulerCore.logger.info("Adding job tentatively -- it will be properly scheduled when the "
                        + "scheduler starts");
                return this.pending.add(spec, id, trigger, this.core.jobDefaults(), this.core.now());
            }
            Job created = JobFactory.create(spec, id, trigger, List.of(), this.core.jobDefaults(), this.core.now());
            events.add(store(created, spec.replaceExisting()));
            return created;
        });
        publishAndWake(events);
        return job;
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
            events.add(store(job, pendingJob.spec().replaceExisting()));
            // a job leaves the pending list only once stored, so a failed start loses none
            this.pending.remove(pendingJob);
        }
        return events;
    }

    private SchedulerEvent store(Job job, boolean replaceExisting) {
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
        SchedulerCore.logger.info("Added job \"{}\" to job store \"{}\"", job.name(), alias);
        return new JobEvent(EventCodes.JOB_ADDED, job.id(), alias);
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
        List<SchedulerEvent> events = new ArrayList<>();
        Job job = this.core.locked(() -> {
            Located located = this.lookup.locate(jobId, jobstore);
            events.add(new JobEvent(EventCodes.JOB_MODIFIED, jobId, located.jobstore()));
            PendingJob pendingJob = located.pending();
            if (pendingJob != null) {
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
            return modified;
        });
        publishAndWake(events);
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
        String removedFrom = this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                PendingJob job = this.pending.find(jobId, jobstore)
                    .orElseThrow(() -> new JobLookupException(jobId, jobstore));
                this.pending.remove(job);
                return job.jobstore();
            }
            for (var entry : this.lookup.storesMatching(jobstore).entrySet()) {
                try {
                    StoreCalls.run(entry.getKey(), "remove job '" + jobId + "'",
                            () -> entry.getValue().removeJob(jobId));
                    this.core.claimedRuns().cancel(entry.getKey(), jobId);
                    return entry.getKey();
                }
                catch (JobLookupException ex) {
                    // not in this store: try the next one
                }
            }
            throw new JobLookupException(jobId, jobstore);
        });
        SchedulerCore.logger.info("Removed job {}", jobId);
        this.core.events().dispatch(new JobEvent(EventCodes.JOB_REMOVED, jobId, removedFrom));
    }

    /**
     * Removes every job, from one store or from all.
     * @param jobstore the store, or {@code null} for all
     */
    public void removeAllJobs(@Nullable String jobstore) {
        this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                this.pending.removeAll(jobstore);
            }
            else {
                this.lookup.storesMatching(jobstore).forEach((alias, store) -> {
                    StoreCalls.run(alias, "remove all jobs", store::removeAllJobs);
                    this.core.claimedRuns().takeAll(alias);
                });
            }
        });
        this.core.events().dispatch(new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, jobstore));
    }

    private static boolean sameInstant(Job before, Job after) {
        Instant a = before.nextRunTime().map(ZonedDateTime::toInstant).orElse(null);
        Instant b = after.nextRunTime().map(ZonedDateTime::toInstant).orElse(null);
        return Objects.equals(a, b);
    }

    private void publishAndWake(List<SchedulerEvent> events) {
        this.core.events().dispatchAll(events);
        if (!events.isEmpty() && this.core.state() == SchedulerState.RUNNING) {
            this.core.wakeup();
        }
    }

}
