package dev.apscheduler.history;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How long run records are kept, and how the scheduler writes them: retention by age and by count per job, applied
 * by a background prune every {@code pruneInterval}, and the size of the buffer records wait in while the history
 * store is slow or down.
 *
 * @param maxAge records whose fire time is older go, or {@code null} to keep any age
 * @param maxRunsPerJob how many records to keep per job, at least one
 * @param pruneInterval how often the background prune runs, positive
 * @param bufferSize how many records wait for the store at most; beyond that the oldest are dropped (and counted)
 */
public record HistoryOptions(@Nullable Duration maxAge, int maxRunsPerJob, Duration pruneInterval, int bufferSize) {

    /** Seven days, 100 runs per job, pruned every ten minutes, 100,000 records buffered at most. */
    public static final HistoryOptions DEFAULTS = new HistoryOptions(Duration.ofDays(7),
            MemoryHistoryStore.DEFAULT_MAX_RUNS_PER_JOB, Duration.ofMinutes(10), 100_000);

    /**
     * Checks every value.
     * @param maxAge records whose fire time is older go, or {@code null} to keep any age
     * @param maxRunsPerJob how many records to keep per job
     * @param pruneInterval how often the background prune runs
     * @param bufferSize how many records wait for the store at most
     * @throws IllegalArgumentException naming the option and the bad value
     */
    public HistoryOptions {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("max_age must be positive (or null to keep any age), was " + maxAge);
        }
        if (maxRunsPerJob < 1) {
            throw new IllegalArgumentException("max_runs_per_job must be >= 1, was " + maxRunsPerJob);
        }
        Objects.requireNonNull(pruneInterval, "pruneInterval");
        if (pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("prune_interval must be positive, was " + pruneInterval);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer_size must be >= 1, was " + bufferSize);
        }
    }

}
