package dev.apscheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * however many jobs there are. Thread-safe: every operation, including the acquire step, holds one lock.
 */
public final class MemoryJobStore implements JobStore {

    /** This store's type name. */
    public static final String TYPE = "memory";

    private final Object lock = new Object();

    private final Map<String, Entry> byId = new HashMap<>();

    private TreeSet<Entry> byRunTime = new TreeSet<>();

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
                    this.byRunTime.remove(old);
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
            this.byRunTime.remove(old);
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
            this.byRunTime.remove(old);
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
            this.byRunTime.remove(old);
        }
    }

    @Override
    public void removeAllJobs() {
        synchronized (this.lock) {
            this.byId.clear();
            this.byRunTime.clear();
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
            return this.byRunTime.stream().map(Entry::job).toList();
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
            return this.byRunTime.isEmpty() ? Optional.empty()
                    : Optional.ofNullable(this.byRunTime.first().nextRunTime());
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
            // The due jobs are the first ones in run time order. All are taken before any is put back, so a job
            // whose new run time is still due is not claimed twice.
            int size = this.byRunTime.size();
            List<Entry> due = new ArrayList<>(Math.min(limit, size));
            if (limit > size / 2) {
                for (Entry entry : this.byRunTime) {
                    if (due.size() == limit || !entry.isDue(nowSeconds, nowNanos)) {
                        break;
                    }
                    due.add(entry);
                }
            }
            if (due.size() > size / 2) {
                // Most of the index is due (a burst): building it anew from the rest, which is sorted already, costs
                // one pass, where taking each due job off the head rebalances the tree every time.
                this.byRunTime = new TreeSet<>(this.byRunTime.tailSet(due.get(due.size() - 1), false));
            }
            else {
                // Taking the due jobs off the head needs no comparisons, where removing each by value would search
                // the tree for it; through the iterator, which unlike pollFirst makes no entry object per job.
                due.clear();
                for (Iterator<Entry> head = this.byRunTime.iterator(); due.size() < limit && head.hasNext();) {
                    Entry entry = head.next();
                    if (!entry.isDue(nowSeconds, nowNanos)) {
                        break;
                    }
                    due.add(entry);
                    head.remove();
                }
            }
            List<AcquiredJob> acquired = new ArrayList<>(due.size());
            for (int i = 0; i < due.size(); i++) {
                Entry entry = due.get(i);
                JobDecision decision;
                try {
                    decision = decider.decide(entry.job());
                }
                catch (RuntimeException ex) {
                    // the jobs not decided yet stay as they were
                    this.byRunTime.addAll(due.subList(i, due.size()));
                    throw ex;
                }
                Optional<Job> next = decision.applyTo(entry.job());
                if (next.isPresent()) {
                    put(next.get());
                }
                else {
                    this.byId.remove(entry.id());
                }
                acquired.add(new AcquiredJob(entry.job(), decision));
            }
            return acquired;
        }
    }

    private void put(Job job) {
        Entry entry = new Entry(job);
        this.byId.put(job.id(), entry);
        this.byRunTime.add(entry);
    }

    @Override
    public String toString() {
        return "MemoryJobStore[" + this.alias + "]";
    }

    /**
     * A job in the run-time index: its due time is kept as numbers, so that ordering jobs and checking whether one is
     * due read nothing but the entry (and, for jobs due at the same instant, their ids). Ordered by due time, jobs
     * without one (paused) last, ties by id.
     */
    private static final class Entry implements Comparable<Entry> {

        /** The due second of a job without a due time: after every real one. */
        private static final long NONE = Long.MAX_VALUE;

        private final Job job;

        private final long seconds;

        private final int nanos;

        Entry(Job job) {
            this.job = job;
            ZonedDateTime due = job.dueTime().orElse(null);
            this.seconds = (due != null) ? due.toEpochSecond() : NONE;
            this.nanos = (due != null) ? due.getNano() : 0;
        }

        Job job() {
            return this.job;
        }

        String id() {
            return this.job.id();
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
            return this.job.id().compareTo(other.job.id());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && compareTo(entry) == 0;
        }

        @Override
        public int hashCode() {
            return this.job.id().hashCode();
        }

    }

}
