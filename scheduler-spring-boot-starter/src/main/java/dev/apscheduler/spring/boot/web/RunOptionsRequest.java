package dev.apscheduler.spring.boot.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The run options a request to add or change a job may carry, under the names the core's options use everywhere:
 * the retry policy ({@code max_attempts}, {@code retry_backoff}, {@code retry_multiplier}, {@code retry_max_backoff},
 * {@code retry_jitter}, {@code retry_on}) and the {@code timeout}. Left out, each stays as it is.
 */
interface RunOptionsRequest {

    /**
     * Returns how many times one fire time runs at most.
     * @return the number of attempts, or {@code null}
     */
    @Nullable Integer maxAttempts();

    /**
     * Returns the wait before the first retry: seconds or an ISO-8601 duration.
     * @return the wait, or {@code null}
     */
    @Nullable Object retryBackoff();

    /**
     * Returns how much each further wait grows.
     * @return the multiplier, or {@code null}
     */
    @Nullable Object retryMultiplier();

    /**
     * Returns the longest wait: seconds or an ISO-8601 duration.
     * @return the wait, or {@code null}
     */
    @Nullable Object retryMaxBackoff();

    /**
     * Returns the most random time added to a wait: seconds or an ISO-8601 duration.
     * @return the jitter, or {@code null}
     */
    @Nullable Object retryJitter();

    /**
     * Returns the exception class names that are retried: a list, or one comma-separated string.
     * @return the names, or {@code null}
     */
    @Nullable Object retryOn();

    /**
     * Returns how long a run may take: seconds, a duration ({@code 30s}, {@code PT1M}) or {@code "none"}.
     * @return the timeout, or {@code null}
     */
    @Nullable Object timeout();

    /**
     * Returns the retry options given, under their names, in the order of {@code RetryPolicy.OPTION_NAMES}.
     * @return the options, empty when none is given
     */
    default Map<String, Object> retryOptions() {
        Map<String, @Nullable Object> given = new LinkedHashMap<>();
        given.put("max_attempts", maxAttempts());
        given.put("retry_backoff", retryBackoff());
        given.put("retry_multiplier", retryMultiplier());
        given.put("retry_max_backoff", retryMaxBackoff());
        given.put("retry_jitter", retryJitter());
        given.put("retry_on", retryOn());
        Map<String, Object> options = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value != null) {
                options.put(name, value);
            }
        });
        return options;
    }

}
