package dev.apscheduler.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes run ids: every run (a fire time handed to an executor, one dropped at {@code max_instances}, a run-now) gets
 * one, seen by the task ({@link JobContext#runId()}), in every run event and in the log context
 * ({@link JobContext#MDC_RUN_ID}). An id is a version 7 UUID: its first 48 bits are the milliseconds since the epoch
 * at its creation (by the system clock; for an id made as its run starts, by the scheduler's clock, which reads the
 * same in production) and the next 12 a counter of the ids this process made in that millisecond, so ids sort by
 * creation time (strictly, within a process), and 62 random bits keep ids made by several scheduler instances in the
 * same millisecond apart.
 */
public final class RunIds {

    /**
     * The milliseconds of the last id made, shifted left by 12 bits, plus a 12-bit counter of the ids made in that
     * millisecond (RFC 9562's fixed-length counter): ids made in this process are strictly increasing, also within
     * one millisecond, so "newest first" is "highest first". Past 4,096 ids in one millisecond the counter runs on
     * into the next millisecond's value.
     */
    private static final AtomicLong LAST = new AtomicLong();

    private RunIds() {
    }

    private static long nextStamp(long epochMillis) {
        long now = epochMillis << 12;
        // a loop rather than updateAndGet: its lambda would capture now, one object per run id
        while (true) {
            long last = LAST.get();
            long next = Math.max(last + 1, now);
            if (LAST.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    /**
     * Makes new run ids, one for each of a job's run times.
     * @param count how many
     * @return the ids
     */
    public static List<String> next(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(next());
        }
        return ids;
    }

    /**
     * Makes a new run id.
     * @return the id, for example {@code 019393a4-1f2b-7c3d-9e4f-0a1b2c3d4e5f}
     */
    public static String next() {
        return next(System.currentTimeMillis());
    }

    /**
     * Makes a new run id stamped with a time the caller has just read from its clock (a run's start, read anyway),
     * instead of reading the system clock again; ids stay strictly increasing whatever the times given.
     * @param now the time of the id's creation
     * @return the id
     */
    public static String next(Instant now) {
        return next(now.toEpochMilli());
    }

    private static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long stamp = nextStamp(epochMillis);
        long mostSignificant = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

}
