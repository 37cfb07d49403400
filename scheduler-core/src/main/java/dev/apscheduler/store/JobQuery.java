package dev.apscheduler.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;

/**
 * A page of a store's jobs to find ({@link JobStore#findJobs(JobQuery)}): filters, the order by next run time and a
 * window, so that a dashboard or an API can list a store of 100,000 jobs without restoring all of them. Every
 * filter left {@code null} matches every job.
 *
 * @param idContains text the job id must contain, ignoring case, or {@code null}
 * @param paused {@code true} for paused jobs only, {@code false} for scheduled jobs only, or {@code null} for both
 * @param ids the only job ids to consider (for example the jobs whose last run failed), or {@code null} for all
 * @param descending whether the latest next run time comes first (paused jobs stay last in both orders)
 * @param offset how many matching jobs to skip
 * @param limit how many jobs to return at most
 */
public record JobQuery(@Nullable String idContains, @Nullable Boolean paused, @Nullable Set<String> ids,
        boolean descending, int offset, int limit) {

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1_000;

    /** The page size of {@link #firstPage()}. */
    public static final int DEFAULT_LIMIT = 50;

    /**
     * Creates a query, rejecting a window that makes no sense.
     * @param idContains text the id must contain, or {@code null}
     * @param paused the paused filter, or {@code null}
     * @param ids the ids to consider, or {@code null}
     * @param descending whether the latest next run time comes first
     * @param offset how many matching jobs to skip, 0 or more
     * @param limit how many jobs to return, between 1 and {@link #MAX_LIMIT}
     */
    public JobQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        idContains = (idContains == null || idContains.isBlank()) ? null : idContains.strip();
        ids = (ids != null) ? Set.copyOf(ids) : null;
    }

    /**
     * Returns the first {@link #DEFAULT_LIMIT} jobs of a store, by next run time, without filters.
     * @return the query
     */
    public static JobQuery firstPage() {
        return new JobQuery(null, null, null, false, 0, DEFAULT_LIMIT);
    }

    /**
     * Returns the same filters and order with another window.
     * @param offset how many matching jobs to skip
     * @param limit how many jobs to return
     * @return the query
     */
    public JobQuery window(int offset, int limit) {
        return new JobQuery(this.idContains, this.paused, this.ids, this.descending, offset, limit);
    }

    /**
     * Tells whether a job passes the filters (the window aside).
     * @param job the job
     * @return whether it matches
     */
    public boolean matches(Job job) {
        if (this.paused != null && job.isPaused() != this.paused) {
            return false;
        }
        if (this.ids != null && !this.ids.contains(job.id())) {
            return false;
        }
        return this.idContains == null
                || job.id().toLowerCase(Locale.ROOT).contains(this.idContains.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the order of the results: by next run time (ascending, or descending when asked), paused jobs last,
     * ties by id. Stores that sort in their database must give the same order.
     * @return the order
     */
    public Comparator<Job> order() {
        Comparator<Instant> times = this.descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator
            .comparing((Job job) -> job.nextRunTime().map((time) -> time.toInstant()).orElse(null),
                    Comparator.nullsLast(times))
            .thenComparing(Job::id);
    }

}
