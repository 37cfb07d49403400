package dev.apscheduler.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * When a failed run is tried again: up to {@code max_attempts} attempts of one fire time, the n-th retry waiting
 * {@code retry_backoff × retry_multiplier^(n-1)}, capped at {@code retry_max_backoff}, plus a random
 * {@code uniform(0, retry_jitter)}; only for exceptions whose class, or a superclass or interface of it, is named in
 * {@code retry_on} (any exception when empty). A timed-out run counts as failing with
 * {@link java.util.concurrent.TimeoutException}. Runs that were missed or skipped are never retried; a retry itself
 * is not subject to {@code misfire_grace_time} (it runs however late it is claimed).
 *
 * <p>A retry runs the same fire time again, with the next attempt number and a new run id. It is kept in the job's
 * state (so a job in a persistent store retries after a restart, on whichever instance claims it) and gives up with
 * a {@code JOB_RETRIES_EXHAUSTED} event after the last attempt.
 *
 * @param maxAttempts how many times one fire time runs at most, 1 (no retry, the default) to {@value #MAX_ATTEMPTS}
 * @param backoff the wait before the first retry, positive
 * @param multiplier how much each further wait grows, 1 to 100
 * @param maxBackoff the longest wait, at least {@code backoff}
 * @param jitter the most random time added to a wait, zero to one day
 * @param retryOn the exception class names that are retried (empty for any)
 */
public record RetryPolicy(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff, Duration jitter,
        List<String> retryOn) {

    /** The most attempts a policy allows. */
    public static final int MAX_ATTEMPTS = 1000;

    /** No retry: one attempt, with the default backoff values should attempts be raised. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofHours(1),
            Duration.ZERO, List.of());

    private static final Pattern CLASS_NAME = Pattern
        .compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}]"
                + "[\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");

    /**
     * Checks every value.
     * @param maxAttempts how many times one fire time runs at most
     * @param backoff the wait before the first retry
     * @param multiplier how much each further wait grows
     * @param maxBackoff the longest wait
     * @param jitter the most random time added to a wait
     * @param retryOn the exception class names that are retried (empty for any)
     * @throws InvalidJobOptionException naming the option and the bad value
     */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidJobOptionException("max_attempts", "max_attempts must be between 1 and " + MAX_ATTEMPTS
                    + ", was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(jitter, "jitter");
        if (backoff.isNegative() || backoff.isZero() || backoff.compareTo(Duration.ofDays(365)) > 0) {
            throw new InvalidJobOptionException("retry_backoff", "retry_backoff must be positive and at most 365 days,"
                    + " was " + backoff);
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw new InvalidJobOptionException("retry_multiplier", "retry_multiplier must be between 1 and 100, was "
                    + multiplier);
        }
        if (maxBackoff.compareTo(backoff) < 0 || maxBackoff.compareTo(Duration.ofDays(365)) > 0) {
            throw new InvalidJobOptionException("retry_max_backoff", "retry_max_backoff must be at least "
                    + "retry_backoff (" + backoff + ") and at most 365 days, was " + maxBackoff);
        }
        if (jitter.isNegative() || jitter.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidJobOptionException("retry_jitter", "retry_jitter must be between 0 and 1 day, was "
                    + jitter);
        }
        retryOn = List.copyOf(retryOn);
        for (String name : retryOn) {
            if (name == null || !CLASS_NAME.matcher(name).matches()) {
                throw new InvalidJobOptionException("retry_on", "retry_on must list exception class names, was '"
                        + name + "'");
            }
        }
    }

    /**
     * Starts a policy of {@code maxAttempts} attempts with the default backoff (1 s, doubling, at most 1 hour, no
     * jitter), retrying any exception.
     * @param maxAttempts how many times one fire time runs at most
     * @return the policy
     */
    public static RetryPolicy attempts(int maxAttempts) {
        return NONE.withMaxAttempts(maxAttempts);
    }

    /**
     * Returns this policy with another number of attempts.
     * @param maxAttempts how many times one fire time runs at most
     * @return the policy
     */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, this.backoff, this.multiplier, this.maxBackoff, this.jitter, this.retryOn);
    }

    /**
     * Returns this policy with other waits.
     * @param backoff the wait before the first retry
     * @param multiplier how much each further wait grows
     * @param maxBackoff the longest wait
     * @return the policy
     */
    public RetryPolicy withBackoff(Duration backoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(this.maxAttempts, backoff, multiplier, maxBackoff, this.jitter, this.retryOn);
    }

    /**
     * Returns this policy with another jitter.
     * @param jitter the most random time added to a wait
     * @return the policy
     */
    public RetryPolicy withJitter(Duration jitter) {
        return new RetryPolicy(this.maxAttempts, this.backoff, this.multiplier, this.maxBackoff, jitter, this.retryOn);
    }

    /**
     * Returns this policy retrying only the given exception types (and their subclasses).
     * @param retryOn the exception class names, empty for any
     * @return the policy
     */
    public RetryPolicy withRetryOn(List<String> retryOn) {
        return new RetryPolicy(this.maxAttempts, this.backoff, this.multiplier, this.maxBackoff, this.jitter, retryOn);
    }

    /**
     * Builds a policy from options under their APScheduler-style names ({@code max_attempts}, {@code retry_backoff},
     * {@code retry_multiplier}, {@code retry_max_backoff}, {@code retry_jitter}, {@code retry_on}), the missing ones
     * taken from {@code base}. Durations are seconds (numbers or numeric strings) or {@link Duration} values;
     * {@code retry_on} is a list or a comma-separated string of class names.
     * @param options the options
     * @param base the values for options not given
     * @return the policy
     * @throws InvalidJobOptionException naming the option whose value is wrong
     */
    public static RetryPolicy fromOptions(Map<String, ?> options, RetryPolicy base) {
        int maxAttempts = base.maxAttempts;
        Duration backoff = base.backoff;
        double multiplier = base.multiplier;
        Duration maxBackoff = base.maxBackoff;
        Duration jitter = base.jitter;
        List<String> retryOn = base.retryOn;
        boolean maxBackoffGiven = false;
        for (Map.Entry<String, ?> option : options.entrySet()) {
            Object value = option.getValue();
            if (value == null) {
                continue;
            }
            switch (option.getKey()) {
                case "max_attempts" -> maxAttempts = (int) number("max_attempts", value);
                case "retry_backoff" -> backoff = duration("retry_backoff", value);
                case "retry_multiplier" -> multiplier = number("retry_multiplier", value);
                case "retry_max_backoff" -> {
                    maxBackoff = duration("retry_max_backoff", value);
                    maxBackoffGiven = true;
                }
                case "retry_jitter" -> jitter = duration("retry_jitter", value);
                case "retry_on" -> retryOn = classNames(value);
                default -> throw new InvalidJobOptionException(option.getKey(), "unknown retry option '"
                        + option.getKey() + "' (known: " + String.join(", ", OPTION_NAMES) + ")");
            }
        }
        if (!maxBackoffGiven && maxBackoff.compareTo(backoff) < 0) {
            maxBackoff = backoff;
        }
        return new RetryPolicy(maxAttempts, backoff, multiplier, maxBackoff, jitter, retryOn);
    }

    /** The option names {@link #fromOptions} and {@link #toOptions()} use. */
    public static final List<String> OPTION_NAMES = List.of("max_attempts", "retry_backoff", "retry_multiplier",
            "retry_max_backoff", "retry_jitter", "retry_on");

    /**
     * Returns the policy as options under their names, durations in seconds: what the job's JSON holds.
     * @return the options, in {@link #OPTION_NAMES} order
     */
    public Map<String, Object> toOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("max_attempts", this.maxAttempts);
        options.put("retry_backoff", seconds(this.backoff));
        options.put("retry_multiplier", this.multiplier);
        options.put("retry_max_backoff", seconds(this.maxBackoff));
        options.put("retry_jitter", seconds(this.jitter));
        options.put("retry_on", this.retryOn);
        return options;
    }

    /**
     * Tells whether this policy retries at all.
     * @return whether {@code max_attempts} is above one
     */
    public boolean retries() {
        return this.maxAttempts > 1;
    }

    /**
     * Tells whether a failure of the given attempt is retried: attempts are left and the exception's type is one
     * {@code retry_on} names (or it names none).
     * @param attempt the attempt that failed, from 1
     * @param error the failure
     * @return whether to retry
     */
    public boolean retries(int attempt, Throwable error) {
        return attempt < this.maxAttempts && retriesType(error);
    }

    /**
     * Tells whether {@code retry_on} covers an exception: its class or one of its superclasses or interfaces is
     * named there, or nothing is named.
     * @param error the exception
     * @return whether it is retried
     */
    public boolean retriesType(Throwable error) {
        if (this.retryOn.isEmpty()) {
            return true;
        }
        return matches(error.getClass());
    }

    private boolean matches(@Nullable Class<?> type) {
        if (type == null) {
            return false;
        }
        if (this.retryOn.contains(type.getName())) {
            return true;
        }
        for (Class<?> contract : type.getInterfaces()) {
            if (matches(contract)) {
                return true;
            }
        }
        return matches(type.getSuperclass());
    }

    /**
     * Returns the wait before the retry that follows a failed attempt, without jitter.
     * @param failedAttempt the attempt that failed, from 1
     * @return {@code min(retry_backoff × retry_multiplier^(failedAttempt-1), retry_max_backoff)}
     */
    public Duration backoff(int failedAttempt) {
        double factor = Math.pow(this.multiplier, Math.max(0, failedAttempt - 1));
        double nanos = this.backoff.toNanos() * factor;
        if (!(nanos < this.maxBackoff.toNanos())) {
            return this.maxBackoff;
        }
        return Duration.ofNanos((long) nanos);
    }

    /**
     * Returns when the retry that follows a failed attempt is due: the backoff plus a random jitter.
     * @param failedAttempt the attempt that failed, from 1
     * @param failedAt when it failed
     * @return the due time
     */
    public Instant retryAt(int failedAttempt, Instant failedAt) {
        Duration wait = backoff(failedAttempt);
        if (!this.jitter.isZero()) {
            wait = wait.plusNanos(ThreadLocalRandom.current().nextLong(this.jitter.toNanos() + 1));
        }
        return failedAt.plus(wait);
    }

    private static double number(String option, Object value) {
        try {
            double number = (value instanceof Number given) ? given.doubleValue()
                    : Double.parseDouble(value.toString().trim());
            if (option.equals("max_attempts") && (number != Math.rint(number) || Double.isInfinite(number))) {
                throw new NumberFormatException();
            }
            return number;
        }
        catch (NumberFormatException ex) {
            throw new InvalidJobOptionException(option, option + " must be a number"
                    + (option.equals("max_attempts") ? " of attempts" : "") + ", was '" + value + "'");
        }
    }

    private static Duration duration(String option, Object value) {
        if (value instanceof Duration given) {
            return given;
        }
        String text = value.toString().trim();
        try {
            if (!text.isEmpty() && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
                return Duration.parse(text);
            }
            double seconds = (value instanceof Number given) ? given.doubleValue() : Double.parseDouble(text);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) > 1e11) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
        }
        catch (RuntimeException ex) {
            throw new InvalidJobOptionException(option, option + " must be seconds (a number) or an ISO-8601 "
                    + "duration, was '" + value + "'");
        }
    }

    private static List<String> classNames(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            items.forEach((item) -> names.add(String.valueOf(item).trim()));
        }
        else if (value instanceof Class<?> type) {
            names.add(type.getName());
        }
        else {
            for (String name : value.toString().split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static Object seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return duration.toNanos() / 1e9;
    }

}
