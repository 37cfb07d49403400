package dev.apscheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;

/**
 * Keeps jobs in memory: APScheduler's {@code MemoryJobStore}, the default store. Jobs are indexed by id and by next
 * run time (paused jobs last, ties by id), so finding due jobs and the next wake-up time costs a logarithmic lookup
 * however many jobs there are. When most of the index is due at once (a burst), the due jobs are set aside in one
 * step, in order, and acquire steps take them from there: a burst costs no rebalancing of the index per job.
 * Thread-safe: every operation, including the acquire step, holds one lock.
 */
public final class MemoryJobStore implements JobStore {

    /** This store's type name. */
    public static final String TYPE = "memory";

    private final Object lock = new Object();

    private final Map<String, Entry> byId = new HashMap<>();

    /** The jobs with a due time, earliest first (ties by id). */
    private TreeSet<Entry> byRunTime = new TreeSet<>();

    /** The jobs without a due time (paused), by id: never due, listed last. */
    private final TreeSet<Entry> unscheduled = new TreeSet<>();

    /**
     * The jobs of a burst, earliest first: due jobs taken off {@link #byRunTime} at once, by setting the old index (or
     * its due part) aside and never changing it again. A job replaced or removed meanwhile stays there marked
     * {@link Entry#removed} and is skipped. Jobs added meanwhile go to the index, and every read merges the two.
     */
    private @Nullable NavigableSet<Entry> burst;

    /** The burst's entries after {@link #burstHead}, in order. */
    private @Nullable Iterator<Entry> burstRest;

    /** The burst's next entry to claim, or {@code null} once it is used up. */
    private @Nullable Entry burstHead;

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
            this.burst = null;
            this.burstRest = null;
            this.burstHead = null;
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
            Iterator<Entry> indexed = this.byRunTime.iterator();
            Entry fromIndex = indexed.hasNext() ? indexed.next() : null;
            Entry head = firstOfBurst();
            NavigableSet<Entry> rest = this.burst;
            Iterable<Entry> burst = (head != null && rest != null) ? rest.tailSet(head, true) : List.of();
            for (Entry fromBurst : burst) {
                if (fromBurst.removed) {
                    continue;
                }
                while (fromIndex != null && fromIndex.compareTo(fromBurst) < 0) {
                    jobs.add(fromIndex.job());
                    fromIndex = indexed.hasNext() ? indexed.next() : null;
                }
                jobs.add(fromBurst.job());
            }
            while (fromIndex != null) {
                jobs.add(fromIndex.job());
                fromIndex = indexed.hasNext() ? indexed.next() : null;
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
            Entry first = this.byRunTime.isEmpty() ? null : this.byRunTime.first();
            Entry fromBurst = firstOfBurst();
            if (fromBurst != null && (first == null || fromBurst.compareTo(first) < 0)) {
                first = fromBurst;
            }
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
            if (this.burst == null) {
                takeBurst(nowSeconds, nowNanos, limit);
            }
            // The due jobs are the first ones in run time order, in the burst or in the index. The rescheduled ones
            // go back into the index once all are taken, so a job whose new run time is still due is not claimed
            // twice. This loop runs once per pass, which leaves it to the interpreter for many passes: each job's
            // work is in a method of its own, compiled after a few passes.
            List<AcquiredJob> acquired = new ArrayList<>(Math.min(limit, this.byId.size()));
            Rescheduled rescheduled = new Rescheduled();
            DueEntries entries = new DueEntries(nowSeconds, nowNanos);
            Entry next;
            while (acquired.size() < limit && (next = entries.take()) != null) {
                try {
                    acquired.add(claim(next, decider, rescheduled));
                }
                catch (RuntimeException ex) {
                    // the jobs decided so far are rescheduled, the one not decided stays as it was
                    rescheduled.index();
                    this.byRunTime.add(next);
                    throw ex;
                }
            }
            rescheduled.index();
            return acquired;
        }
    }

    /**
     * Decides a due job taken off the index and keeps it with its new run time (indexed once every due job is
     * decided), or removes it.
     */
    private AcquiredJob claim(Entry entry, DueJobDecider decider, Rescheduled rescheduled) {
        JobDecision decision = decider.decide(entry.job());
        Optional<Job> next = decision.applyTo(entry.job());
        if (next.isPresent()) {
            Entry kept = keep(next.get());
            if (kept.isScheduled()) {
                rescheduled.add(kept);
            }
        }
        else {
            this.byId.remove(entry.id());
        }
        return new AcquiredJob(entry.job(), decision);
    }

    /**
     * The due entries in run time order, merged from the burst and the index (used under the lock). Taken off the
     * index through its iterator: that needs no comparisons, and unlike pollFirst makes no entry object per job.
     */
    private final class DueEntries {

        private final long nowSeconds;

        private final int nowNanos;

        private final Iterator<Entry> indexed = MemoryJobStore.this.byRunTime.iterator();

        private @Nullable Entry fromIndex;

        DueEntries(long nowSeconds, int nowNanos) {
            this.nowSeconds = nowSeconds;
            this.nowNanos = nowNanos;
            this.fromIndex = this.indexed.hasNext() ? this.indexed.next() : null;
        }

        /** Takes the next due entry off the burst or the index, or returns {@code null} when none is due. */
        @Nullable Entry take() {
            Entry fromBurst = firstOfBurst();
            Entry fromIndex = this.fromIndex;
            boolean burstFirst = fromBurst != null && (fromIndex == null || fromBurst.compareTo(fromIndex) < 0);
            Entry next = burstFirst ? fromBurst : fromIndex;
            if (next == null || !next.isDue(this.nowSeconds, this.nowNanos)) {
                return null;
            }
            if (burstFirst) {
                nextOfBurst();
            }
            else {
                this.indexed.remove();
                this.fromIndex = this.indexed.hasNext() ? this.indexed.next() : null;
            }
            return next;
        }

    }

    /**
     * The entries an acquire step reschedules, put into the run-time index once every due job is decided. Jobs due
     * together and rescheduled by the same interval come in run time order; when the index is empty then (the whole
     * index was due, as with jobs aligned on the same instants), it is built from them in one linear step instead of
     * one rebalancing insertion each.
     */
    private final class Rescheduled extends AbstractSet<Entry> implements SortedSet<Entry> {

        /** Grown as jobs are rescheduled: one-shot jobs, the usual burst, leave it empty. */
        private final List<Entry> entries = new ArrayList<>();

        private boolean ordered = true;

        @Override
        public boolean add(Entry entry) {
            int size = this.entries.size();
            if (this.ordered && size > 0 && this.entries.get(size - 1).compareTo(entry) >= 0) {
                this.ordered = false;
            }
            return this.entries.add(entry);
        }

        /** Puts the entries into the index and forgets them. */
        void index() {
            if (this.entries.isEmpty()) {
                return;
            }
            TreeSet<Entry> index = MemoryJobStore.this.byRunTime;
            if (this.ordered && index.isEmpty()) {
                // a sorted set with the index's order, given to an empty tree set, is linked in without comparisons
                index.addAll(this);
            }
            else {
                for (int i = 0; i < this.entries.size(); i++) {
                    index.add(this.entries.get(i));
                }
            }
            this.entries.clear();
            this.ordered = true;
        }

        @Override
        public Iterator<Entry> iterator() {
            return this.entries.iterator();
        }

        @Override
        public int size() {
            return this.entries.size();
        }

        @Override
        public @Nullable Comparator<? super Entry> comparator() {
            // the entries' natural order, as the index's
            return null;
        }

        @Override
        public SortedSet<Entry> subSet(Entry fromElement, Entry toElement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedSet<Entry> headSet(Entry toElement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedSet<Entry> tailSet(Entry fromElement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Entry first() {
            return this.entries.get(0);
        }

        @Override
        public Entry last() {
            return this.entries.get(this.entries.size() - 1);
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

    /** Takes a job's entry out of the run-time index, or marks it removed when it waits in a burst. */
    private void unindex(Entry entry) {
        entry.removed = true;
        (entry.isScheduled() ? this.byRunTime : this.unscheduled).remove(entry);
    }

    /**
     * Sets the due jobs aside as a {@link #burst} when they are most of the index: all of them when every job in the
     * index is due (however many acquire steps take them), which costs nothing but a fresh index; or the ones one
     * step takes when they are more than half of it, which costs building the index anew from the others. Taking
     * each due job off the index instead rebalances it every time.
     */
    private void takeBurst(long nowSeconds, int nowNanos, int limit) {
        TreeSet<Entry> index = this.byRunTime;
        int size = index.size();
        if (size == 0) {
            return;
        }
        if (index.last().isDue(nowSeconds, nowNanos)) {
            this.byRunTime = new TreeSet<>();
            startBurst(index);
            return;
        }
        if (limit <= size / 2) {
            return;
        }
        int due = 0;
        Entry lastDue = null;
        for (Entry entry : index) {
            if (due == limit || !entry.isDue(nowSeconds, nowNanos)) {
                break;
            }
            due++;
            lastDue = entry;
        }
        if (due > size / 2) {
            this.byRunTime = new TreeSet<>(index.tailSet(lastDue, false));
            startBurst(index.headSet(lastDue, true));
        }
    }

    private void startBurst(NavigableSet<Entry> burst) {
        this.burst = burst;
        this.burstRest = burst.iterator();
        nextOfBurst();
    }

    private void nextOfBurst() {
        Iterator<Entry> rest = this.burstRest;
        this.burstHead = (rest != null && rest.hasNext()) ? rest.next() : null;
    }

    /**
     * Returns the burst's next entry to claim, skipping those removed; forgets the burst once it is used up.
     */
    private @Nullable Entry firstOfBurst() {
        if (this.burst == null) {
            return null;
        }
        while (this.burstHead != null && this.burstHead.removed) {
            nextOfBurst();
        }
        if (this.burstHead == null) {
            this.burst = null;
            this.burstRest = null;
        }
        return this.burstHead;
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

        private final String id;

        private final long seconds;

        private final int nanos;

        /** Whether the job was replaced or removed while this entry waited in a burst (used under the lock). */
        boolean removed;

        Entry(Job job) {
            this.job = job;
            this.id = job.id();
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

    }

}
