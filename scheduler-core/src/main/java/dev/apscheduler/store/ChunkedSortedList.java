package dev.apscheduler.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A sorted list of distinct elements kept in chunks of consecutive elements, each an array: the run-time index of
 * {@link MemoryJobStore}. Adding or removing an element costs a binary search over the chunks, one within its chunk
 * and moving at most one chunk's elements; taking elements off the front costs nothing per element but clearing its
 * slot. Unlike a tree, walking it in order reads arrays one after another: the elements of a burst of due jobs are
 * found without following a pointer per element, so the processor can fetch many of them at once (see
 * {@link #countLeading}). Not thread-safe: the store uses it under its lock.
 * @param <E> the element type, ordered by its natural order, which must be consistent with equals
 */
final class ChunkedSortedList<E extends Comparable<? super E>> implements Iterable<E> {

    /** How many elements a chunk holds at most; a full chunk splits in two when an element is added to it. */
    static final int CHUNK_CAPACITY = 512;

    /** How full {@link #addAll} fills the last chunk and the chunks it appends, leaving room for later additions. */
    private static final int APPEND_FILL = CHUNK_CAPACITY * 3 / 4;

    /** Below this size a chunk is merged with a neighbour when both fit in half a chunk. */
    private static final int MERGE_BELOW = CHUNK_CAPACITY / 4;

    @SuppressWarnings("unchecked")
    private Chunk<E>[] chunks = (Chunk<E>[]) new Chunk<?>[4];

    /** How many chunks are in use: {@code chunks[0..count)}, none of them empty. */
    private int count;

    /** Returns the number of elements, counted chunk by chunk. */
    int size() {
        int size = 0;
        for (int c = 0; c < this.count; c++) {
            size += this.chunks[c].size();
        }
        return size;
    }

    boolean isEmpty() {
        return this.count == 0;
    }

    /** Returns the first element, or {@code null} when the list is empty. */
    @Nullable E first() {
        return (this.count == 0) ? null : this.chunks[0].first();
    }

    /** Returns the last element, or {@code null} when the list is empty. */
    @Nullable E last() {
        return (this.count == 0) ? null : this.chunks[this.count - 1].last();
    }

    /**
     * Adds an element, which must not be in the list yet (no element equal to it).
     * @throws IllegalArgumentException if an equal element is in the list
     */
    void add(E element) {
        if (this.count == 0) {
            Chunk<E> chunk = new Chunk<>();
            chunk.items[0] = element;
            chunk.to = 1;
            insertChunk(0, chunk);
            return;
        }
        int c = chunkFor(element);
        if (c == this.count) {
            // after every element, the usual case for jobs added in run time order
            c = this.count - 1;
        }
        Chunk<E> chunk = this.chunks[c];
        if (chunk.size() == CHUNK_CAPACITY) {
            insertChunk(c + 1, chunk.split());
            if (element.compareTo(chunk.last()) > 0) {
                chunk = this.chunks[c + 1];
            }
        }
        int position = chunk.search(element);
        if (position >= 0) {
            throw new IllegalArgumentException("already in the list: " + element);
        }
        position = -position - 1;
        chunk.insert(position, element);
    }

    /**
     * Removes the element equal to the one given.
     * @return whether it was in the list
     */
    boolean remove(E element) {
        int c = chunkFor(element);
        if (c == this.count) {
            return false;
        }
        Chunk<E> chunk = this.chunks[c];
        int position = chunk.search(element);
        if (position < 0) {
            return false;
        }
        chunk.removeAt(position);
        if (chunk.size() == 0) {
            removeChunk(c);
        }
        else if (chunk.size() < MERGE_BELOW) {
            mergeWithNeighbour(c);
        }
        return true;
    }

    /**
     * Counts the leading elements that match, stopping at the first that does not or at the limit. The loop does
     * nothing but test elements whose places are known from the arrays, so the processor fetches many at once: the
     * elements a caller then goes through one by one are in its caches.
     * @param test the test
     * @param limit the most to count
     * @return how many of the first elements match, at most {@code limit}
     */
    int countLeading(Predicate<? super E> test, int limit) {
        int counted = 0;
        for (int c = 0; c < this.count && counted < limit; c++) {
            Chunk<E> chunk = this.chunks[c];
            int end = chunk.from + Math.min(chunk.size(), limit - counted);
            for (int i = chunk.from; i < end; i++) {
                if (!test.test(chunk.get(i))) {
                    return counted;
                }
                counted++;
            }
        }
        return counted;
    }

    /**
     * Removes the first elements.
     * @param n how many, at most {@link #size()}
     */
    void removeFirst(int n) {
        int whole = 0;
        int left = n;
        while (left != 0) {
            // checked as the chunks are counted off (before any is changed), not by counting them all first
            if (left < 0 || whole == this.count) {
                throw new IllegalArgumentException("cannot remove " + n + " of " + size() + " elements");
            }
            Chunk<E> chunk = this.chunks[whole];
            int chunkSize = chunk.size();
            if (left < chunkSize) {
                chunk.removeFirst(left);
                break;
            }
            left -= chunkSize;
            whole++;
        }
        if (whole > 0) {
            System.arraycopy(this.chunks, whole, this.chunks, 0, this.count - whole);
            Arrays.fill(this.chunks, this.count - whole, this.count, null);
            this.count -= whole;
        }
    }

    /**
     * Adds elements, as {@link #add} would one by one. When they come in ascending order after the last element (the
     * usual case for jobs rescheduled after all the others) they are appended without a search each: to the last chunk
     * while it is less than three quarters full, then as new chunks filled that far.
     * @param elements the elements, none in the list yet
     */
    void addAll(List<E> elements) {
        if (!ascendingAfter(last(), elements)) {
            for (int i = 0; i < elements.size(); i++) {
                add(elements.get(i));
            }
            return;
        }
        int next = (this.count > 0) ? this.chunks[this.count - 1].append(elements) : 0;
        while (next < elements.size()) {
            Chunk<E> chunk = new Chunk<>();
            next += chunk.append(elements.subList(next, elements.size()));
            insertChunk(this.count, chunk);
        }
    }

    /** Whether the elements are in strictly ascending order, all after {@code last} (when there is one). */
    private static <E extends Comparable<? super E>> boolean ascendingAfter(@Nullable E last, List<E> elements) {
        E previous = last;
        for (int i = 0; i < elements.size(); i++) {
            E element = elements.get(i);
            if (previous != null && previous.compareTo(element) >= 0) {
                return false;
            }
            previous = element;
        }
        return true;
    }

    void clear() {
        Arrays.fill(this.chunks, 0, this.count, null);
        this.count = 0;
    }

    /** Iterates the elements in order; the list must not change meanwhile. */
    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {

            private int chunk;

            private int index = (ChunkedSortedList.this.count > 0) ? ChunkedSortedList.this.chunks[0].from : 0;

            @Override
            public boolean hasNext() {
                return this.chunk < ChunkedSortedList.this.count;
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Chunk<E> current = ChunkedSortedList.this.chunks[this.chunk];
                E element = current.get(this.index++);
                if (this.index == current.to) {
                    this.chunk++;
                    this.index = (this.chunk < ChunkedSortedList.this.count)
                            ? ChunkedSortedList.this.chunks[this.chunk].from : 0;
                }
                return element;
            }

        };
    }

    /** The index of the first chunk whose last element is not before the element, or {@link #count} if none. */
    private int chunkFor(E element) {
        int low = 0;
        int high = this.count - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (this.chunks[middle].last().compareTo(element) < 0) {
                low = middle + 1;
            }
            else {
                high = middle - 1;
            }
        }
        return low;
    }

    private void insertChunk(int at, Chunk<E> chunk) {
        if (this.count == this.chunks.length) {
            this.chunks = Arrays.copyOf(this.chunks, this.count * 2);
        }
        System.arraycopy(this.chunks, at, this.chunks, at + 1, this.count - at);
        this.chunks[at] = chunk;
        this.count++;
    }

    private void removeChunk(int at) {
        System.arraycopy(this.chunks, at + 1, this.chunks, at, this.count - at - 1);
        this.chunks[--this.count] = null;
    }

    /** Merges a small chunk into its next or previous neighbour, whichever first fits with it in half a chunk. */
    private void mergeWithNeighbour(int c) {
        if (!merge(c) && c > 0) {
            merge(c - 1);
        }
    }

    /** Merges the chunk after the one given into it when both fit in half a chunk. */
    private boolean merge(int lower) {
        if (lower + 1 >= this.count) {
            return false;
        }
        Chunk<E> into = this.chunks[lower];
        Chunk<E> from = this.chunks[lower + 1];
        if (into.size() + from.size() > CHUNK_CAPACITY / 2) {
            return false;
        }
        into.compact();
        System.arraycopy(from.items, from.from, into.items, into.to, from.size());
        into.to += from.size();
        removeChunk(lower + 1);
        return true;
    }

    /** Returns how many chunks hold the elements (for tests). */
    int chunkCount() {
        return this.count;
    }

    /** Consecutive elements in {@code items[from..to)}. */
    private static final class Chunk<E extends Comparable<? super E>> {

        final Object[] items = new Object[CHUNK_CAPACITY];

        int from;

        int to;

        int size() {
            return this.to - this.from;
        }

        @SuppressWarnings("unchecked")
        E get(int index) {
            return (E) this.items[index];
        }

        E first() {
            return get(this.from);
        }

        E last() {
            return get(this.to - 1);
        }

        /** Binary search: the element's index, or {@code -(insertion point) - 1}. */
        int search(E element) {
            int low = this.from;
            int high = this.to - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = get(middle).compareTo(element);
                if (order < 0) {
                    low = middle + 1;
                }
                else if (order > 0) {
                    high = middle - 1;
                }
                else {
                    return middle;
                }
            }
            return -(low + 1);
        }

        /** Inserts at an index in {@code [from, to]}; the chunk is not full. */
        void insert(int index, E element) {
            if (this.to < CHUNK_CAPACITY) {
                System.arraycopy(this.items, index, this.items, index + 1, this.to - index);
                this.items[index] = element;
                this.to++;
            }
            else {
                // room only before the first element: move the ones before the index down
                System.arraycopy(this.items, this.from, this.items, this.from - 1, index - this.from);
                this.items[index - 1] = element;
                this.from--;
            }
        }

        void removeAt(int index) {
            System.arraycopy(this.items, index + 1, this.items, index, this.to - index - 1);
            this.items[--this.to] = null;
        }

        void removeFirst(int n) {
            Arrays.fill(this.items, this.from, this.from + n, null);
            this.from += n;
        }

        /**
         * Appends the first of the elements while this chunk holds fewer than {@link #APPEND_FILL}: a new chunk takes
         * that many, and elements appended a few at a time (a job rescheduled after all the others) fill the last chunk
         * instead of each starting one.
         * @return how many were appended
         */
        int append(List<E> elements) {
            int n = Math.min(elements.size(), Math.max(0, APPEND_FILL - size()));
            if (this.to + n > CHUNK_CAPACITY) {
                compact();
            }
            for (int i = 0; i < n; i++) {
                this.items[this.to++] = elements.get(i);
            }
            return n;
        }

        /** Moves the elements to the start of the array. */
        void compact() {
            if (this.from > 0) {
                int size = size();
                System.arraycopy(this.items, this.from, this.items, 0, size);
                Arrays.fill(this.items, Math.max(size, this.from), this.to, null);
                this.to = size;
                this.from = 0;
            }
        }

        /** Moves the upper half of a full chunk into a new one, returned; this one keeps the lower half. */
        Chunk<E> split() {
            compact();
            Chunk<E> upper = new Chunk<>();
            int half = CHUNK_CAPACITY / 2;
            System.arraycopy(this.items, half, upper.items, 0, CHUNK_CAPACITY - half);
            Arrays.fill(this.items, half, CHUNK_CAPACITY, null);
            upper.to = CHUNK_CAPACITY - half;
            this.to = half;
            return upper;
        }

    }

}
