package dev.apscheduler.spring.boot.jpa;

import java.sql.Clob;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobStoreContext;
import org.jspecify.annotations.Nullable;

/**
 * Turns jobs into column values and rows back into jobs: the JSON state through the scheduler's codec, and next run
 * times as epoch microseconds rounded up, so that comparing them with the current time rounded down never claims a
 * job before it is due.
 */
final class JobRows {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final JobStoreContext context;

    JobRows(JobStoreContext context) {
        this.context = context;
    }

    String alias() {
        return this.context.alias();
    }

    String encode(Job job) {
        return this.context.codec().encode(job.withJobstore(this.context.alias()));
    }

    /**
     * Restores the job of a row.
     * @param id the row's id
     * @param state the row's JSON state
     * @return the job
     * @throws JobRestoreException naming the row's id if the state cannot be restored or names another id
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
            throw new JobRestoreException(id, detail(ex), ex);
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

    private static String detail(JobRestoreException ex) {
        String message = String.valueOf(ex.getMessage());
        String prefix = "Job '" + ex.jobId() + "' cannot be restored: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * The value of the {@code next_run_time} column: the job's due time, which a waiting retry can bring forward.
     */
    static @Nullable Long nextRunTime(Job job) {
        return job.dueTime().map(ZonedDateTime::toInstant).map(JobRows::ceilMicros).orElse(null);
    }

    static @Nullable Long nextRunTime(@Nullable ZonedDateTime nextRunTime) {
        return (nextRunTime != null) ? ceilMicros(nextRunTime.toInstant()) : null;
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

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    /**
     * Reads a text column, which some drivers return as a {@link Clob}.
     */
    static String text(@Nullable Object value) {
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Cannot read a text column: " + ex.getMessage(), ex);
            }
        }
        return String.valueOf(value);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

}
