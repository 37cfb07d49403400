package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChunkedSortedList}, the memory store's run-time index, against a {@link TreeSet} given the same operations.
 */
class ChunkedSortedListTests {

    private static final int CAPACITY = ChunkedSortedList.CHUNK_CAPACITY;

    private final ChunkedSortedList<Integer> list = new ChunkedSortedList<>();

    private final TreeSet<Integer> expected = new TreeSet<>();

    @Test
    void anEmptyListHasNoFirstOrLastElementAndNothingToIterate() {
        assertThat(this.list.isEmpty()).isTrue();
        assertThat(this.list.first()).isNull();
        assertThat(this.list.last()).isNull();
        assertThat(this.list.countLeading((element) -> true, 10)).isZero();
        Iterator<Integer> iterator = this.list.iterator();
        assertThat(iterator.hasNext()).isFalse();
        assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(iterator::next);
        assertThat(this.list.remove(1)).isFalse();
    }

    @Test
    void elementsAddedInAnyOrderComeOutSortedAcrossManyChunks() {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < CAPACITY * 5; i++) {
            values.add(i * 2);
        }
        Collections.shuffle(values, new Random(7));
        values.forEach(this::add);
        check();
        // descending additions fill chunks from the front: each full chunk splits
        for (int i = CAPACITY * 3; i > 0; i--) {
            add(-i);
        }
        check();
    }

    @Test
    void addingAnElementAlreadyThereIsRefusedAndChangesNothing() {
        for (int i = 0; i < CAPACITY; i++) {
            add(i);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> this.list.add(CAPACITY / 2))
            .withMessage("already in the list: " + (CAPACITY / 2));
        check();
    }

    @Test
    void countLeadingStopsAtTheFirstElementThatFailsOrAtTheLimit() {
        for (int i = 0; i < CAPACITY * 3; i++) {
            add(i);
        }
        // from the middle of the first chunk, across the next ones; no limit is too high
        removeFirst(CAPACITY / 2 + 7);
        assertThat(this.list.countLeading((element) -> element < CAPACITY * 2 + 10, Integer.MAX_VALUE))
            .isEqualTo(CAPACITY * 2 + 10 - (CAPACITY / 2 + 7));
        assertThat(this.list.countLeading((element) -> true, CAPACITY + 3)).isEqualTo(CAPACITY + 3);
        assertThat(this.list.countLeading((element) -> true, Integer.MAX_VALUE)).isEqualTo(this.expected.size());
        assertThat(this.list.countLeading((element) -> element < 0, 5)).isZero();
        check();
    }

    @Test
    void removeFirstTakesWholeChunksAndPartOfTheNext() {
        for (int i = 0; i < CAPACITY * 4; i++) {
            add(i);
        }
        removeFirst(CAPACITY * 2 + 7);
        check();
        removeFirst(1);
        removeFirst(0);
        check();
        // elements added at the front again after a partial removal
        add(-1);
        add(CAPACITY * 2 + 7);
        check();
        // more than there are, or fewer than none: refused, nothing taken off
        int size = this.expected.size();
        assertThatIllegalArgumentException().isThrownBy(() -> this.list.removeFirst(size + 1))
            .withMessage("cannot remove " + (size + 1) + " of " + size + " elements");
        assertThatIllegalArgumentException().isThrownBy(() -> this.list.removeFirst(-1))
            .withMessage("cannot remove -1 of " + size + " elements");
        check();
        removeFirst(this.expected.size());
        check();
        assertThatIllegalArgumentException().isThrownBy(() -> this.list.removeFirst(1))
            .withMessage("cannot remove 1 of 0 elements");
    }

    @Test
    void aChunkWithRoomOnlyBeforeItsFirstElementTakesAnAdditionThere() {
        for (int i = 0; i < CAPACITY; i++) {
            add(i * 2);
        }
        assertThat(this.list.chunkCount()).isOne();
        removeFirst(10);
        // the chunk's array is used up to its end: the elements before the new one move down into the room
        add(CAPACITY + 1);
        add(21);
        add(CAPACITY * 2);
        assertThat(this.list.chunkCount()).isOne();
        check();
        removeFirst(CAPACITY - 10);
        check();
    }

    @Test
    void aChunkThatShrinksIsMergedWithANeighbourWhenBothFitInHalfAChunk() {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < CAPACITY * 3; i++) {
            values.add(i);
        }
        addAll(values);
        int fill = CAPACITY * 3 / 4;
        assertThat(this.list.chunkCount()).isEqualTo(4);
        // the second chunk down to a few elements: too many with either neighbour
        for (int i = fill; i < fill * 2 - 20; i++) {
            remove(i);
        }
        assertThat(this.list.chunkCount()).isEqualTo(4);
        // the third one too: merged into the second, its previous neighbour
        for (int i = fill * 2; i < fill * 3 - 20; i++) {
            remove(i);
        }
        assertThat(this.list.chunkCount()).isEqualTo(3);
        check();
        // the last chunk emptied: gone
        for (int i = fill * 3; i < CAPACITY * 3; i++) {
            remove(i);
        }
        assertThat(this.list.chunkCount()).isEqualTo(2);
        check();
    }

    @Test
    void addAllAppendsWhatComesInOrderAfterTheLastElementAndAddsTheRestOneByOne() {
        for (int i = 0; i < 10; i++) {
            add(i * 10);
        }
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < CAPACITY * 3; i++) {
            after.add(1_000 + i);
        }
        addAll(after);
        check();
        // interleaved with what is there: added one by one
        addAll(List.of(5, 15, 25, 100_000));
        check();
        // after the last element but not in order: added one by one
        addAll(List.of(200_002, 200_001, 200_003));
        check();
        addAll(List.of());
        check();
        // appended chunks leave room: adding into them does not split them
        add(1_000 + CAPACITY + 1_000_000);
        add(999);
        check();
    }

    @Test
    void appendingOneAtATimeFillsTheLastChunkInsteadOfStartingOneEachTime() {
        // jobs due one by one and rescheduled after all the others: the store takes off the first, appends it again
        for (int i = 0; i < 1_000; i++) {
            add(i);
        }
        for (int next = 1_000; next < 5_000; next++) {
            removeFirst(1);
            addAll(List.of(next));
        }
        check();
        // 1,000 elements: three chunks filled for appending, and what is left of the first
        assertThat(this.list.chunkCount()).isLessThanOrEqualTo(4);
        // a batch larger than the last chunk's room fills it, then starts new chunks
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < CAPACITY * 2; i++) {
            batch.add(10_000 + i);
        }
        addAll(batch);
        check();
        assertThat(this.list.chunkCount()).isLessThanOrEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void randomOperationsAgreeWithATreeSet(long seed) {
        Random random = new Random(seed);
        int range = CAPACITY * 8;
        for (int step = 0; step < 40_000; step++) {
            int operation = random.nextInt(100);
            if (operation < 55) {
                int value = random.nextInt(range);
                if (this.expected.contains(value)) {
                    assertThatIllegalArgumentException().isThrownBy(() -> this.list.add(value));
                }
                else {
                    add(value);
                }
            }
            else if (operation < 90) {
                int value = random.nextInt(range);
                assertThat(this.list.remove(value)).isEqualTo(this.expected.remove(value));
            }
            else if (operation < 95) {
                removeFirst(Math.min(this.expected.size(), random.nextInt(CAPACITY * 2)));
            }
            else if (operation < 99) {
                int from = random.nextInt(range);
                List<Integer> values = new ArrayList<>();
                for (int value = from; value < from + random.nextInt(CAPACITY * 2); value += 1 + random.nextInt(3)) {
                    if (!this.expected.contains(value)) {
                        values.add(value);
                    }
                }
                if (random.nextBoolean()) {
                    // out of order: added one by one
                    Collections.shuffle(values, random);
                }
                addAll(values);
            }
            else {
                int limit = random.nextInt(CAPACITY * 3);
                int bound = random.nextInt(range);
                assertThat(this.list.countLeading((element) -> element < bound, limit))
                    .isEqualTo(Math.min(limit, this.expected.headSet(bound).size()));
            }
            if (step % 500 == 0) {
                check();
            }
        }
        check();
    }

    private void add(int value) {
        this.list.add(value);
        this.expected.add(value);
    }

    private void addAll(List<Integer> values) {
        this.list.addAll(values);
        this.expected.addAll(values);
    }

    private void remove(int value) {
        assertThat(this.list.remove(value)).isTrue();
        this.expected.remove(value);
    }

    private void removeFirst(int n) {
        this.list.removeFirst(n);
        for (int i = 0; i < n; i++) {
            this.expected.pollFirst();
        }
    }

    private void check() {
        List<Integer> actual = new ArrayList<>();
        this.list.forEach(actual::add);
        assertThat(actual).containsExactlyElementsOf(this.expected);
        assertThat(this.list.size()).isEqualTo(this.expected.size());
        assertThat(this.list.isEmpty()).isEqualTo(this.expected.isEmpty());
        // no array is kept empty
        assertThat(this.list.chunkCount()).isBetween(this.expected.isEmpty() ? 0 : 1, this.expected.size());
        assertThat(this.list.first()).isEqualTo(this.expected.isEmpty() ? null : this.expected.first());
        assertThat(this.list.last()).isEqualTo(this.expected.isEmpty() ? null : this.expected.last());
    }

}
