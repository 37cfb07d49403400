package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobStoreEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks job stores whose calls from the scheduler's loop failed: each failure is logged and reported, and the
 * store is left alone until its retry time, {@code jobstore_retry_interval} after the first failure and doubling
 * with each further one (at most {@link #MAX_BACKOFF}, or the interval if that is longer). The first success after
 * failures is reported as a recovery.
 */
final class StoreGuard {

    /** The longest wait between retries of a failing store, unless the retry interval itself is longer. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private static final Logger logger = LoggerFactory.getLogger(StoreGuard.class);

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /**
     * Tells whether a store is waiting for its retry time.
     * @param alias the store's alias
     * @param now the current time
     * @return the retry time if it is still ahead, else empty
     */
    public Optional<Instant> backingOff(String alias, Instant now) {
        Failure failure = this.failures.get(alias);
        return (failure != null && failure.retryAt().isAfter(now)) ? Optional.of(failure.retryAt()) : Optional.empty();
    }

    /**
     * Records a failed call.
     * @param alias the store's alias
     * @param operation what the call was, for the log
     * @param exception the failure
     * @param now the current time
     * @param retryInterval the configured retry interval
     * @return the event to publish, and the retry time
     */
    public Outcome failed(String alias, String operation, Throwable exception, Instant now, Duration retryInterval) {
        Failure previous = this.failures.get(alias);
        int count = (previous != null) ? previous.count() + 1 : 1;
        Duration delay = backoff(retryInterval, count);
        Failure failure = new Failure(count, (previous != null) ? previous.since() : now, now.plus(delay), exception);
        this.failures.put(alias, failure);
        logger.warn("Job store '{}' failed to {} (failure {} in a row); retrying in {}", alias, operation, count,
                delay, exception);
        return new Outcome(new JobStoreEvent(EventCodes.JOBSTORE_FAILED, alias, null, exception), failure.retryAt());
    }

    /**
     * Records a successful call.
     * @param alias the store's alias
     * @return the recovery event to publish, or {@code null} when the store had not failed
     */
    public @Nullable JobStoreEvent succeeded(String alias) {
        Failure failure = this.failures.remove(alias);
        if (failure == null) {
            return null;
        }
        logger.info("Job store '{}' is reachable again after {} failed attempt(s)", alias, failure.count());
        return new JobStoreEvent(EventCodes.JOBSTORE_RECOVERED, alias, null, null);
    }

    /**
     * Forgets a store (it was removed).
     * @param alias the store's alias
     */
    public void forget(String alias) {
        this.failures.remove(alias);
    }

    /**
     * Returns the current failure of a store.
     * @param alias the store's alias
     * @return the failure, or empty when the store's last call from the loop succeeded
     */
    public Optional<Failure> failure(String alias) {
        return Optional.ofNullable(this.failures.get(alias));
    }

    static Duration backoff(Duration retryInterval, int count) {
        Duration max = (retryInterval.compareTo(MAX_BACKOFF) > 0) ? retryInterval : MAX_BACKOFF;
        Duration delay = retryInterval;
        for (int i = 1; i < count && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return (delay.compareTo(max) > 0) ? max : delay;
    }

    /**
     * A store's ongoing failure.
     *
     * @param count how many calls failed in a row
     * @param since when the first of them failed
     * @param retryAt when the store is asked again
     * @param lastException the latest failure
     */
    record Failure(int count, Instant since, Instant retryAt, Throwable lastException) {
    }

    /**
     * What a failure leads to.
     *
     * @param event the event to publish
     * @param retryAt when the store is asked again
     */
    record Outcome(JobStoreEvent event, Instant retryAt) {
    }

}
