package dev.apscheduler.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * The run recorder's buffer: a bounded ring of records waiting to be written, added to by any thread without a lock
 * and taken in the order they were added by one writer at a time. A record takes the ring's next place: one atomic
 * increment shared by the threads adding and one write of the place, no node per record and no second counter. Once
 * the ring holds as many records as it has places, a new record takes the place of the oldest one still waiting,
 * which is dropped and counted, so "the oldest dropped first" holds across every thread adding. Places are allocated
 * a segment at a time, when the ring first reaches them: a large buffer costs memory only once it fills.
 */
final class RecordRing {

    /** How many places a segment holds: a power of two. */
    static final int SEGMENT_SIZE = 1024;

    private static final int SEGMENT_SHIFT = Integer.numberOfTrailingZeros(SEGMENT_SIZE);

    private final int capacity;

    private final AtomicReferenceArray<@Nullable AtomicReferenceArray<@Nullable Waiting>> segments;

    /** The number the next record added gets: records are numbered from zero in the order they were added. */
    private final AtomicLong tail = new AtomicLong();

    /** The number of the next record the writer takes (written by the writer only). */
    private volatile long head;

    /** Told each time a record is dropped. */
    private final Runnable dropped;

    /**
     * Creates a ring.
     * @param capacity how many records wait at most
     * @param dropped told each time a record is dropped
     */
    RecordRing(int capacity, Runnable dropped) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.segments = new AtomicReferenceArray<>((capacity + SEGMENT_SIZE - 1) / SEGMENT_SIZE);
        this.dropped = dropped;
    }

    int capacity() {
        return this.capacity;
    }

    /**
     * Returns how many records wait: added and neither taken nor dropped (a record replaced in its place counts
     * once; one added a moment ago may not be counted yet, one taken a moment ago still be).
     */
    int size() {
        long waiting = this.tail.get() - this.head;
        return (int) Math.max(0, Math.min(waiting, this.capacity));
    }

    /**
     * Returns how many records waited when a record was added, that one included: its number less the number of the
     * next record the writer takes, as that is now.
     */
    long place(Waiting waiting) {
        return waiting.number - this.head + 1;
    }

    /**
     * Adds a record, dropping the oldest one waiting when the ring is full.
     * @return the record's place, where the same run's end may replace it ({@link Waiting#replace}) until the writer
     * takes it
     */
    Waiting add(RunRecord record) {
        Waiting waiting = new Waiting(record);
        long number = this.tail.getAndIncrement();
        // read by the writer after the volatile write of the place below
        waiting.number = number;
        AtomicReferenceArray<@Nullable Waiting> segment = segment(number);
        int offset = offset(number);
        Waiting old = segment.getAndSet(offset, waiting);
        if (old != null && old.number > number) {
            // this thread was held up between numbering its record and writing it for a whole ring of newer records:
            // its own record is the older one, and dropped
            if (segment.compareAndSet(offset, waiting, old)) {
                waiting.take();
                dropped();
            }
            else if (old.take() != null) {
                // and a newer one still took the place meanwhile, dropping this thread's record: the one it had taken
                // out is lost too
                dropped();
            }
            return waiting;
        }
        if (old != null && old.take() != null) {
            // the ring is full: the place held the oldest record, unless the writer took it just now
            dropped();
        }
        if (number < this.head && segment.compareAndSet(offset, waiting, null) && waiting.take() != null) {
            // held up that long, this thread finds the writer gone past its number (the writer takes a record before
            // it moves on): no one would take the record
            dropped();
        }
        return waiting;
    }

    /**
     * Takes the oldest waiting record, for the one writer.
     * @return the record, or {@code null} when none waits (or the next one is numbered but not yet in its place)
     */
    @Nullable RunRecord poll() {
        while (true) {
            long head = this.head;
            long tail = this.tail.get();
            if (head >= tail) {
                return null;
            }
            if (tail - head > this.capacity) {
                // the places before were taken by newer records, and their records counted as dropped
                head = tail - this.capacity;
            }
            AtomicReferenceArray<@Nullable Waiting> segment = this.segments.get(segmentIndex(head));
            int offset = offset(head);
            Waiting waiting = (segment != null) ? segment.get(offset) : null;
            if (waiting == null || waiting.number < head) {
                // numbered and not yet written into its place: it comes next time
                this.head = head;
                return null;
            }
            RunRecord record = null;
            if (waiting.number == head) {
                // taken before the writer moves on, so that a thread held up until then knows it was (add)
                record = waiting.take();
                // the place lets go of the record (unless a newer one took it meanwhile)
                segment.compareAndSet(offset, waiting, null);
            }
            // otherwise the record of this number was dropped for a newer one
            this.head = head + 1;
            if (record != null) {
                return record;
            }
        }
    }

    private void dropped() {
        this.dropped.run();
    }

    private AtomicReferenceArray<@Nullable Waiting> segment(long number) {
        int index = segmentIndex(number);
        AtomicReferenceArray<@Nullable Waiting> segment = this.segments.get(index);
        if (segment == null) {
            segment = new AtomicReferenceArray<>(Math.min(SEGMENT_SIZE, this.capacity - index * SEGMENT_SIZE));
            if (!this.segments.compareAndSet(index, null, segment)) {
                segment = this.segments.get(index);
            }
        }
        return segment;
    }

    private int segmentIndex(long number) {
        return (int) (number % this.capacity) >>> SEGMENT_SHIFT;
    }

    private int offset(long number) {
        return (int) (number % this.capacity) & (SEGMENT_SIZE - 1);
    }

    /**
     * A record waiting in the ring. A run's start may be replaced by the same run's end until the writer takes it (or
     * it is dropped); after that, the end waits on its own.
     */
    static final class Waiting implements ExecutorContext.RecordedStart {

        private static final VarHandle RECORD;

        static {
            try {
                RECORD = MethodHandles.lookup().findVarHandle(Waiting.class, "record", RunRecord.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        /** The record, or {@code null} once the writer has taken it or it was dropped. */
        private volatile @Nullable RunRecord record;

        /** The record's number in the ring, set before it is written into its place. */
        private long number;

        Waiting(RunRecord record) {
            this.record = record;
        }

        /** Replaces the waiting start of the same run; false when it was taken or dropped first, or is another run. */
        boolean replace(RunRecord end) {
            RunRecord waiting = this.record;
            return waiting != null && waiting.runId().equals(end.runId()) && RECORD.compareAndSet(this, waiting, end);
        }

        @Nullable RunRecord take() {
            return (RunRecord) RECORD.getAndSet(this, null);
        }

    }

}
