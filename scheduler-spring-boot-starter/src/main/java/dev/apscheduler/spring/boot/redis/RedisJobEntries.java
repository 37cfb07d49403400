package dev.apscheduler.spring.boot.redis;

import java.time.Instant;
import java.time.ZonedDateTime;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobStoreContext;

/**
 * Turns jobs into the store's Redis values and back: the JSON state through the scheduler's codec (the same JSON as
 * the {@code jpa} store's), and due times as sorted set scores in epoch microseconds, rounded up, so that comparing
 * them with the current time rounded down never claims a job before it is due.
 */
final class RedisJobEntries {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final JobStoreContext context;

    RedisJobEntries(JobStoreContext context) {
        this.context = context;
    }

    String alias() {
        return this.context.alias();
    }

    String encode(Job job) {
        return this.context.codec().encode(job.withJobstore(this.context.alias()));
    }

    /**
     * Restores the job of an entry.
     * @param id the entry's id (its hash field)
     * @param state the entry's JSON state
     * @return the job
     * @throws JobRestoreException naming the entry's id if the state cannot be restored or names another id
     */
    Job decode(String id, String state) {
        Job job;
        try {
            job = this.context.codec().decode(state, this.context.alias());
        }
        catch (JobRestoreException ex) {
            if (ex.jobId().equals(id)) {
                throw ex;
            }
            throw new JobRestoreException(id, String.valueOf(ex.getMessage()), ex);
        }
        catch (RuntimeException ex) {
            throw new JobRestoreException(id, String.valueOf(ex.getMessage()), ex);
        }
        if (!job.id().equals(id)) {
            throw new JobRestoreException(id, "its stored state names the id '" + job.id() + "'",
                    new IllegalStateException("id mismatch"));
        }
        return job;
    }

    void report(JobRestoreException failure) {
        this.context.reportUnrestorableJob(failure);
    }

    void wakeup() {
        this.context.wakeup();
    }

    /**
     * Returns the score of a job in the run times: its due time, which a waiting retry can bring forward, or
     * {@code ""} when it has none (paused).
     */
    static String score(Job job) {
        return job.dueTime().map(ZonedDateTime::toInstant).map(RedisJobEntries::ceilMicros).map(String::valueOf)
            .orElse("");
    }

    static long ceilMicros(Instant instant) {
        long micros = (instant.getNano() + 999) / 1000;
        return saturated(instant.getEpochSecond(), micros);
    }

    static long floorMicros(Instant instant) {
        return saturated(instant.getEpochSecond(), instant.getNano() / 1000);
    }

    private static long saturated(long seconds, long micros) {
        try {
            return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), micros);
        }
        catch (ArithmeticException ex) {
            return (seconds < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Reads a score back as an instant.
     * @param score the score as Redis writes it (a whole number of microseconds, possibly in exponent notation)
     */
    static Instant instant(String score) {
        long micros = (long) Double.parseDouble(score);
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

}
