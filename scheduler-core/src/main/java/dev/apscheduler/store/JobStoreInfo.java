package dev.apscheduler.store;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one of a scheduler's job stores, as {@code Scheduler.jobStores()} gives it: what monitoring and tools
 * may know of a store without holding the store itself (which would bypass the scheduler's lock, events and claimed
 * runs).
 *
 * @param alias the store's alias
 * @param type the store's type, for example {@code memory} or {@code jpa}
 * @param lookAhead how long before their run time the scheduler claims the store's jobs
 * @param maxWait the longest the scheduler sleeps before asking the store again, or {@code null} when it hears of
 * every change
 * @param jobCounts the store's job counts (before the scheduler starts: its pending jobs), or {@code null} when the
 * store could not count them
 * @param failure why the store is unavailable (its last call failed, or counting failed now), or {@code null} when it
 * answers
 */
public record JobStoreInfo(String alias, String type, Duration lookAhead, @Nullable Duration maxWait,
        @Nullable JobCounts jobCounts, @Nullable String failure) {

    /**
     * Tells whether the store answers.
     * @return whether it counted its jobs and the scheduler's loop sees no failure
     */
    public boolean available() {
        return this.failure == null;
    }

    /**
     * Returns the store's job counts.
     * @return the counts, or empty when the store could not count them
     */
    public Optional<JobCounts> counts() {
        return Optional.ofNullable(this.jobCounts);
    }

}
