package dev.apscheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordRing}, the run history's buffer: records come out in the order they went in, a full ring drops its
 * oldest record for each new one, against a deque given the same operations, and several threads adding while the
 * writer takes lose nothing but what is counted as dropped.
 */
class RecordRingTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicLong dropped = new AtomicLong();

    @Test
    void recordsComeOutInTheOrderTheyWentIn() {
        RecordRing ring = ring(10);
        assertThat(ring.poll()).isNull();
        for (int i = 0; i < 5; i++) {
            ring.add(record("run-" + i));
        }
        assertThat(ring.size()).isEqualTo(5);
        RecordRing.Waiting sixth = ring.add(record("run-5"));
        assertThat(ring.place(sixth)).isEqualTo(6);
        assertThat(ring.poll().runId()).isEqualTo("run-0");
        // the place counts from the writer's position now
        assertThat(ring.place(sixth)).isEqualTo(5);
        for (int i = 1; i < 6; i++) {
            assertThat(ring.poll().runId()).isEqualTo("run-" + i);
        }
        assertThat(ring.poll()).isNull();
        assertThat(ring.size()).isZero();
        assertThat(this.dropped).hasValue(0);
    }

    @Test
    void aFullRingDropsItsOldestRecordForEachNewOne() {
        RecordRing ring = ring(3);
        RecordRing.Waiting first = ring.add(record("run-0"));
        for (int i = 1; i < 5; i++) {
            ring.add(record("run-" + i));
        }
        assertThat(this.dropped).hasValue(2);
        assertThat(ring.size()).isEqualTo(3);
        // a dropped start is not replaced by its end
        assertThat(first.replace(record("run-0"))).isFalse();
        assertThat(drain(ring)).containsExactly("run-2", "run-3", "run-4");
    }

    @Test
    void aRecordReplacedWhileItWaitsComesOutInItsPlace() {
        RecordRing ring = ring(3);
        RecordRing.Waiting start = ring.add(record("run-a"));
        ring.add(record("run-b"));
        assertThat(start.replace(record("run-b"))).isFalse();
        RunRecord end = record("run-a").ended(RunOutcome.SUCCESS, T0);
        assertThat(start.replace(end)).isTrue();
        assertThat(ring.poll()).isSameAs(end);
        // taken: the next end of the same run waits on its own
        assertThat(start.replace(end)).isFalse();
        assertThat(ring.poll().runId()).isEqualTo("run-b");
    }

    @Test
    void aRingOfNoPlaceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ring(0)).withMessageContaining("was 0");
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 5, RecordRing.SEGMENT_SIZE, RecordRing.SEGMENT_SIZE * 2 + 452 })
    void addingAndTakingInAnyOrderMatchesADequeDroppingItsOldest(int capacity) {
        RecordRing ring = ring(capacity);
        ArrayDeque<String> expected = new ArrayDeque<>();
        long expectedDropped = 0;
        Random random = new Random(capacity);
        int next = 0;
        for (int step = 0; step < 30_000; step++) {
            if (random.nextInt(100) < 60) {
                String runId = "run-" + next++;
                ring.add(record(runId));
                if (expected.size() == capacity) {
                    expected.removeFirst();
                    expectedDropped++;
                }
                expected.addLast(runId);
            }
            else {
                RunRecord record = ring.poll();
                assertThat((record != null) ? record.runId() : null).isEqualTo(expected.pollFirst());
            }
            assertThat(ring.size()).isEqualTo(expected.size());
            assertThat(this.dropped).hasValue(expectedDropped);
        }
        assertThat(drain(ring)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = { 16, 1_000 })
    void threadsAddingWhileTheWriterTakesLoseOnlyWhatIsCountedAsDropped(int capacity) throws InterruptedException {
        // races are rare: several rounds, with a ring small enough to wrap around all the time
        for (int round = 0; round < 10; round++) {
            this.dropped.set(0);
            addAndTakeConcurrently(ring(capacity), capacity);
        }
    }

    private void addAndTakeConcurrently(RecordRing ring, int capacity) throws InterruptedException {
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            Thread producer = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    ring.add(record(prefix + i));
                }
            });
            producer.start();
            producers.add(producer);
        }
        AtomicBoolean done = new AtomicBoolean();
        List<String> taken = new ArrayList<>();
        Thread writer = new Thread(() -> {
            while (true) {
                boolean finished = done.get();
                RunRecord record;
                while ((record = ring.poll()) != null) {
                    taken.add(record.runId());
                }
                if (finished) {
                    return;
                }
                Thread.onSpinWait();
            }
        });
        writer.start();
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }
        done.set(true);
        writer.join();
        assertThat(ring.poll()).isNull();
        Set<String> distinct = new HashSet<>(taken);
        assertThat(distinct).hasSameSizeAs(taken);
        assertThat(taken.size() + this.dropped.get()).isEqualTo((long) threads * perThread);
        // each thread's records come out in the order that thread added them
        int[] last = new int[threads];
        Arrays.fill(last, -1);
        for (String runId : taken) {
            int thread = Integer.parseInt(runId.substring(1, runId.indexOf('-')));
            int index = Integer.parseInt(runId.substring(runId.indexOf('-') + 1));
            assertThat(index).isGreaterThan(last[thread]);
            last[thread] = index;
        }
        // the newest records, still waiting when the threads were done, were all taken
        assertThat(taken.size()).isGreaterThanOrEqualTo(capacity);
    }

    private RecordRing ring(int capacity) {
        return new RecordRing(capacity, this.dropped::incrementAndGet);
    }

    private static List<String> drain(RecordRing ring) {
        List<String> runIds = new ArrayList<>();
        RunRecord record;
        while ((record = ring.poll()) != null) {
            runIds.add(record.runId());
        }
        return runIds;
    }

    private static RunRecord record(String runId) {
        return RunRecord.running(runId, "job", "default", "default", "task", T0, 1, T0, "node");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
