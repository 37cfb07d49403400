package dev.apscheduler.internal;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobBatchException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Adds many jobs at once ({@code addJobs}): every specification is checked as {@code addJob} checks it before any job
 * is stored, then the jobs are stored store by store in batches of the store's batch size, one
 * {@link JobStore#addJobs(List, boolean)} call (one transaction or round trip) each, with a {@code JOB_ADDED} event per
 * job after each batch. Before the scheduler starts the jobs are held as pending jobs, all or none.
 */
final class JobBatches {

    private final SchedulerCore core;

    private final PendingJobs pending;

    private final BiConsumer<Job, JobStore> validation;

    /**
     * Creates the bulk add.
     * @param core the scheduler's state
     * @param pending the jobs held until the scheduler starts
     * @param validation what {@code addJob} checks of a job before storing it in a store
     */
    JobBatches(SchedulerCore core, PendingJobs pending, BiConsumer<Job, JobStore> validation) {
        this.core = core;
        this.pending = pending;
        this.validation = validation;
    }

    /**
     * Adds the jobs.
     * @param specs the jobs' specifications
     * @return the jobs as stored (before start: as they would be stored now), in the order given
     * @throws JobBatchException naming the first job that cannot be added, with what {@code addJob} would throw
     */
    List<Job> add(List<JobSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        ZonedDateTime now = this.core.now();
        List<Entry> entries = prepare(specs, now);
        Optional<List<Job>> pending = this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                return Optional.of(addPending(entries, now));
            }
            entries.forEach(this::validate);
            return Optional.empty();
        });
        return pending.orElseGet(() -> store(entries));
    }

    /** Gives every job its id, trigger and options, as {@code addJob} does, refusing ids given twice. */
    private List<Entry> prepare(List<JobSpec> specs, ZonedDateTime now) {
        List<Entry> entries = new ArrayList<>(specs.size());
        Map<String, Integer> indexes = new HashMap<>();
        for (int index = 0; index < specs.size(); index++) {
            JobSpec spec = specs.get(index);
            if (spec == null) {
                throw new IllegalArgumentException("jobs[" + index + "] is null");
            }
            String id = spec.id().orElseGet(JobFactory::newId);
            Job job;
            try {
                Trigger trigger = JobFactory.trigger(spec, this.core);
                job = JobFactory.create(spec, id, trigger, List.of(), this.core.jobDefaults(), now);
                entries.add(new Entry(index, spec, id, trigger, job));
            }
            catch (RuntimeException ex) {
                throw refused(index, id, ex, List.of());
            }
            Integer first = indexes.putIfAbsent(spec.jobstore() + "\u0000" + id, index);
            if (first != null) {
                throw new JobBatchException(index, id, "the same id as jobs[" + first + "] for job store '"
                        + spec.jobstore() + "'", new ConflictingIdException(id, spec.jobstore()), List.of());
            }
        }
        return entries;
    }

    private List<Job> addPending(List<Entry> entries, ZonedDateTime now) {
        if (this.core.refusesPendingJobs()) {
            Entry first = entries.get(0);
            throw refused(first.index(), first.id(), new SchedulerNotRunningException("add " + entries.size()
                    + " job(s): it has been shut down, and jobs kept pending now would be lost"),
                    List.of());
        }
        for (Entry entry : entries) {
            if (!entry.spec().replaceExisting() && this.pending.find(entry.id(), entry.spec().jobstore()).isPresent()) {
                throw refused(entry.index(), entry.id(), new ConflictingIdException(entry.id(),
                        entry.spec().jobstore()), List.of());
            }
        }
        SchedulerCore.logger.info("Adding {} jobs tentatively -- they will be properly scheduled when the scheduler "
                + "starts", entries.size());
        List<Job> jobs = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            jobs.add(this.pending.add(entry.spec(), entry.id(), entry.trigger(), this.core.jobDefaults(), now));
        }
        return jobs;
    }

    private void validate(Entry entry) {
        try {
            this.validation.accept(entry.job(), this.core.components().store(entry.job().jobstore()));
        }
        catch (RuntimeException ex) {
            throw refused(entry.index(), entry.id(), ex, List.of());
        }
    }

    /** Stores the jobs store by store (and apart those that may replace a stored job), in batches. */
    private List<Job> store(List<Entry> entries) {
        Map<Group, List<Entry>> groups = entries.stream()
            .collect(Collectors.groupingBy((entry) -> new Group(entry.job().jobstore(), entry.spec().replaceExisting()),
                    LinkedHashMap::new, Collectors.toList()));
        List<Job> added = new ArrayList<>(entries.size());
        for (Map.Entry<Group, List<Entry>> group : groups.entrySet()) {
            String alias = group.getKey().jobstore();
            int batchSize = this.core.components().batchSize(alias);
            List<Entry> jobs = group.getValue();
            for (int from = 0; from < jobs.size(); from += batchSize) {
                List<Entry> batch = jobs.subList(from, Math.min(jobs.size(), from + batchSize));
                storeBatch(alias, group.getKey().replaceExisting(), batch, added);
            }
        }
        Job[] inOrder = new Job[entries.size()];
        for (Entry entry : entries) {
            inOrder[entry.index()] = entry.job();
        }
        return List.of(inOrder);
    }

    private void storeBatch(String alias, boolean replaceExisting, List<Entry> batch, List<Job> added) {
        List<Job> jobs = batch.stream().map(Entry::job).toList();
        JobStore store;
        try {
            store = this.core.locked(() -> {
                JobStore target = this.core.components().store(alias);
                StoreCalls.run(alias, "add " + jobs.size() + " jobs", () -> target.addJobs(jobs, replaceExisting));
                if (replaceExisting) {
                    Set<String> ids = jobs.stream().map(Job::id).collect(Collectors.toSet());
                    this.core.claimedRuns().cancel(alias, ids);
                }
                return target;
            });
        }
        catch (ConflictingIdException ex) {
            Entry conflicting = batch.stream().filter((entry) -> entry.id().equals(ex.jobId())).findFirst()
                .orElse(batch.get(0));
            throw refused(conflicting.index(), conflicting.id(), ex, added);
        }
        catch (RuntimeException ex) {
            Entry first = batch.get(0);
            throw new JobBatchException(first.index(), first.id(), "the batch of jobs[" + first.index() + "] to jobs["
                    + batch.get(batch.size() - 1).index() + "] was not stored: " + ex.getMessage(), ex, added);
        }
        added.addAll(jobs);
        // announced when the store says the batch is visible: at once, or once the caller's transaction commits
        store.afterChange(() -> {
            SchedulerCore.logger.info("Added {} jobs to job store \"{}\"", jobs.size(), alias);
            if (this.core.events().wants(EventCodes.JOB_ADDED)) {
                List<SchedulerEvent> events = new ArrayList<>(jobs.size());
                for (Job job : jobs) {
                    events.add(new JobEvent(EventCodes.JOB_ADDED, job.id(), alias));
                }
                this.core.events().dispatchAll(events);
            }
            if (this.core.state() == SchedulerState.RUNNING) {
                this.core.wakeup();
            }
        });
    }

    private static JobBatchException refused(int index, String id, RuntimeException cause, List<Job> added) {
        return new JobBatchException(index, id, String.valueOf(cause.getMessage()), cause, added);
    }

    /** One specification with what {@code addJob} derives from it. */
    private record Entry(int index, JobSpec spec, String id, @Nullable Trigger trigger, Job job) {
    }

    /** The jobs stored by one kind of call: one store, replacing stored jobs or not. */
    private record Group(String jobstore, boolean replaceExisting) {
    }

}
