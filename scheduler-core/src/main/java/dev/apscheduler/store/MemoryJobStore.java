package dev.apscheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;

/**
 * Keeps jobs in memory: APScheduler's {@code MemoryJobStore}, the default store. Jobs are indexed by id and by next
 * run time (paused jobs last, ties by id), so finding due jobs and the next wake-up time costs a logarithmic lookup
 * however many jobs there are. The run-time index keeps its jobs in arrays of consecutive entries
 * ({@link ChunkedSortedList}): an acquire step finds the due jobs at its head by reading those arrays, and takes them
 * off in one step, so a burst of jobs due at once costs neither a tree walk nor a rebalancing per job.
 * Thread-safe: every operation, including the acquire step, holds one lock.
 */
public final class MemoryJobStore implements JobStore {

    /** This store's type name. */
    public static final String TYPE = "memory";

    private final Object lock = new Object();

    private final Map<String, Entry> byId = new HashMap<>();

    /** The jobs with a due time, earliest first (ties by id). */
    private final ChunkedSortedList<Entry> byRunTime = new ChunkedSortedList<>();

    /** The jobs without a due time (paused), by id: never due, listed last. */
    private final TreeSet<Entry> unscheduled = new TreeSet<>();

    private final Duration lookAhead;

    private final MemoryRunSlots runSlots = new MemoryRunSlots();

    private volatile String alias = "memory";

    /**
     * Creates a store whose jobs are claimed when they are due.
     */
    public MemoryJobStore() {
        this(Duration.ZERO);
    }

    /**
     * Creates a store whose jobs the scheduler claims ahead of their run time ({@link #lookAhead()}).
     * @param lookAhead the window, zero or more
     */
    public MemoryJobStore(Duration lookAhead) {
        this.lookAhead = JobStore.checkLookAhead(lookAhead);
    }

    @Override
    public Duration lookAhead() {
        return this.lookAhead;
    }

    @Override
    public void start(JobStoreContext context) {
        this.alias = context.alias();
        this.runSlots.clock(context.clock());
    }

    /**
     * Sets how long a run slot is held without renewal ({@code run_slot_lease}).
     * @param lease at least one second; {@link RunSlots#DEFAULT_LEASE} unless set
     * @return this store
     */
    public MemoryJobStore runSlotLease(Duration lease) {
        this.runSlots.lease(lease);
        return this;
    }

    /**
     * Returns the store's run slots: a store in memory serves one process, where they count that process's runs.
     */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(this.runSlots);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public void addJob(Job job) {
        synchronized (this.lock) {
            if (this.byId.containsKey(job.id())) {
                throw new ConflictingIdException(job.id(), this.alias);
            }
            put(job);
        }
    }

    /**
     * Adds the jobs under the store's lock, after checking every id: all or none.
     */
    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        JobStore.requireDistinctIds(jobs);
        synchronized (this.lock) {
            if (!replaceExisting) {
                for (Job job : jobs) {
                    if (this.byId.containsKey(job.id())) {
                        throw new ConflictingIdException(job.id(), this.alias);
                    }
                }
            }
            for (Job job : jobs) {
                Entry old = this.byId.get(job.id());
                if (old != null) {
                    unindex(old);
                }
                put(job);
            }
        }
    }

    @Override
    public void updateJob(Job job) {
        synchronized (this.lock) {
            Entry old = this.byId.get(job.id());
            if (old == null) {
                throw new JobLookupException(job.id(), this.alias);
            }
            unindex(old);
            put(job);
        }
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        synchronized (this.lock) {
            Entry old = this.byId.get(jobId);
            if (old == null) {
                throw new JobLookupException(jobId, this.alias);
            }
            Job modified = modification.apply(old.job());
            if (!modified.id().equals(jobId)) {
                throw new IllegalArgumentException("a modification must keep the job's id '" + jobId + "', was '"
                        + modified.id() + "'");
            }
            unindex(old);
            put(modified);
            return modified;
        }
    }

    @Override
    public void removeJob(String jobId) {
        synchronized (this.lock) {
            Entry old = this.byId.remove(jobId);
            if (old == null) {
                throw new JobLookupException(jobId, this.alias);
            }
            unindex(old);
        }
    }

    @Override
    public void removeAllJobs() {
        synchronized (this.lock) {
            this.byId.clear();
            this.byRunTime.clear();
            this.unscheduled.clear();
        }
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        synchronized (this.lock) {
            Entry entry = this.byId.get(jobId);
            return (entry != null) ? Optional.of(entry.job()) : Optional.empty();
        }
    }

    @Override
    public List<Job> getAllJobs() {
        synchronized (this.lock) {
            List<Job> jobs = new ArrayList<>(this.byId.size());
            for (Entry entry : this.byRunTime) {
                jobs.add(entry.job());
            }
            for (Entry entry : this.unscheduled) {
                jobs.add(entry.job());
            }
            return Collections.unmodifiableList(jobs);
        }
    }

    @Override
    public JobCounts jobCounts() {
        synchronized (this.lock) {
            long paused = this.byId.values().stream().filter((entry) -> entry.job().isPaused()).count();
            return new JobCounts(this.byId.size(), paused, 0);
        }
    }

    @Override
    public Optional<Instant> nextRunTime() {
        synchronized (this.lock) {
            Entry first = this.byRunTime.first();
            return (first != null) ? Optional.ofNullable(first.nextRunTime()) : Optional.empty();
        }
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        long nowSeconds = now.getEpochSecond();
        int nowNanos = now.getNano();
        synchronized (this.lock) {
            // The due jobs are the first ones in the index: counted first, which reads their entries all at once,
            // then decided in order and taken off together. The rescheduled ones go back into the index once all are
            // taken, so a job whose new run time is still due is not claimed twice. This loop runs once per pass,
            // which leaves it to the interpreter for many passes: each job's work is in a method of its own,
            // compiled after a few passes.
            int due = this.byRunTime.countLeading((entry) -> entry.isDue(nowSeconds, nowNanos), limit);
            List<AcquiredJob> acquired = new ArrayList<>(due);
            Kept kept = new Kept(due);
            Iterator<Entry> entries = this.byRunTime.iterator();
            try {
                while (acquired.size() < due) {
                    acquired.add(claim(entries.next(), decider, kept));
                }
            }
            finally {
                // The jobs decided so far leave the index; those kept stay in the entries they had (no new entry, no
                // change to the index by id), which take the new jobs now that they are out of the index, and go
                // back into it once all are decided, or among the unscheduled. A job whose decision failed stays as
                // it was.
                this.byRunTime.removeFirst(acquired.size());
                List<Entry> rescheduled = new ArrayList<>(kept.size);
                for (int i = 0; i < kept.size; i++) {
                    putBack(kept.entries[i], kept.jobs[i], rescheduled);
                }
                this.byRunTime.addAll(rescheduled);
            }
            return acquired;
        }
    }

    /**
     * Decides a due job still in the index: a job kept (rescheduled or paused) is noted with its entry, which takes it
     * once the entry has left the index; a finished one is removed.
     */
    private AcquiredJob claim(Entry entry, DueJobDecider decider, Kept kept) {
        Job job = entry.job();
        JobDecision decision = decider.decide(job);
        Optional<Job> next = decision.applyTo(job);
        if (next.isPresent()) {
            kept.add(entry, next.get());
        }
        else {
            this.byId.remove(entry.id());
        }
        return new AcquiredJob(job, decision);
    }

    /**
     * Puts a job kept by an acquire step into the entry it had, now out of the run-time index: noted to go back into
     * it, or among the unscheduled.
     */
    private void putBack(Entry entry, Job job, List<Entry> rescheduled) {
        entry.hold(job);
        if (entry.isScheduled()) {
            rescheduled.add(entry);
        }
        else {
            this.unscheduled.add(entry);
        }
    }

    private void put(Job job) {
        Entry entry = keep(job);
        if (entry.isScheduled()) {
            this.byRunTime.add(entry);
        }
    }

    /**
     * Keeps a job by its id, and among the unscheduled ones when it has no due time; a job with one is left for the
     * caller to put into the run-time index.
     */
    private Entry keep(Job job) {
        Entry entry = new Entry(job);
        this.byId.put(job.id(), entry);
        if (!entry.isScheduled()) {
            this.unscheduled.add(entry);
        }
        return entry;
    }

    /** Takes a job's entry out of the run-time index, or out of the unscheduled ones. */
    private void unindex(Entry entry) {
        if (entry.isScheduled()) {
            this.byRunTime.remove(entry);
        }
        else {
            this.unscheduled.remove(entry);
        }
    }

    @Override
    public String toString() {
        return "MemoryJobStore[" + this.alias + "]";
    }

    /**
     * The jobs an acquire step keeps, each with the entry it goes back into: arrays of one place per due job (each is
     * decided once), allocated for the first one kept, so that a step whose jobs are all removed (one-shot jobs)
     * allocates none.
     */
    private static final class Kept {

        private static final Entry[] NO_ENTRIES = {};

        private static final Job[] NO_JOBS = {};

        private final int capacity;

        private Entry[] entries = NO_ENTRIES;

        private Job[] jobs = NO_JOBS;

        private int size;

        Kept(int capacity) {
            this.capacity = capacity;
        }

        void add(Entry entry, Job job) {
            if (this.entries.length == 0) {
                this.entries = new Entry[this.capacity];
                this.jobs = new Job[this.capacity];
            }
            this.entries[this.size] = entry;
            this.jobs[this.size] = job;
            this.size++;
        }

    }

    /**
     * A job in the run-time index: its due time is kept as numbers, so that ordering jobs and checking whether one is
     * due read nothing but the entry (and, for jobs due at the same instant, their ids). Ordered by due time, jobs
     * without one (paused) last, ties by id.
     */
    private static final class Entry implements Comparable<Entry> {

        /** The due second of a job without a due time: after every real one. */
        private static final long NONE = Long.MAX_VALUE;

        private Job job;

        private final String id;

        private long seconds;

        private int nanos;

        Entry(Job job) {
            this.id = job.id();
            hold(job);
        }

        /**
         * Makes the entry hold the job as rescheduled (the same id), with its new due time: only while the entry is
         * in no index, whose order the due time decides.
         */
        void hold(Job job) {
            this.job = job;
            ZonedDateTime due = job.dueTime().orElse(null);
            this.seconds = (due != null) ? due.toEpochSecond() : NONE;
            this.nanos = (due != null) ? due.getNano() : 0;
        }

        Job job() {
            return this.job;
        }

        /** Whether the job has a due time. */
        boolean isScheduled() {
            return this.seconds != NONE;
        }

        String id() {
            return this.id;
        }

        @Nullable Instant nextRunTime() {
            return (this.seconds != NONE) ? Instant.ofEpochSecond(this.seconds, this.nanos) : null;
        }

        /** Whether the job is due at the instant given as epoch second and nanosecond. */
        boolean isDue(long nowSeconds, int nowNanos) {
            return this.seconds < nowSeconds || (this.seconds == nowSeconds && this.nanos <= nowNanos);
        }

        @Override
        public int compareTo(Entry other) {
            if (this.seconds != other.seconds) {
                return (this.seconds < other.seconds) ? -1 : 1;
            }
            if (this.nanos != other.nanos) {
                return (this.nanos < other.nanos) ? -1 : 1;
            }
            return this.id.compareTo(other.id);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && compareTo(entry) == 0;
        }

        @Override
        public int hashCode() {
            return this.id.hashCode();
        }

        @Override
        public String toString() {
            return "job '" + this.id + "' " + (isScheduled() ? "due at " + nextRunTime() : "without a due time");
        }

    }

}
