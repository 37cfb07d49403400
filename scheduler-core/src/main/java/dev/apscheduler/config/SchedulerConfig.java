package dev.apscheduler.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.job.JobDefaults;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler's configuration, APScheduler's {@code configure()} options as a typed model: the time zone, the job
 * stores and executors by alias, the job defaults, the job store retry interval, and the bounded wait of
 * {@code shutdown(wait)}. Build it with {@link #builder()}, or parse APScheduler's flat form with
 * {@link #fromMap(Map)}.
 */
public final class SchedulerConfig {

    /** APScheduler's {@code jobstore_retry_interval}: how long to wait before asking a failed store again. */
    public static final Duration DEFAULT_JOBSTORE_RETRY_INTERVAL = Duration.ofSeconds(10);

    /** How long {@code shutdown(true)} waits for running jobs by default. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** The prefix of APScheduler's flat configuration keys. */
    public static final String DEFAULT_PREFIX = "apscheduler.";

    private final @Nullable ZoneId timezone;

    private final Map<String, ComponentConfig> jobStores;

    private final Map<String, ComponentConfig> executors;

    private final JobDefaults jobDefaults;

    private final Duration jobstoreRetryInterval;

    private final Duration shutdownTimeout;

    private SchedulerConfig(Builder builder) {
        this.timezone = builder.timezone;
        this.jobStores = Collections.unmodifiableMap(new LinkedHashMap<>(builder.jobStores));
        this.executors = Collections.unmodifiableMap(new LinkedHashMap<>(builder.executors));
        this.jobDefaults = builder.jobDefaults;
        this.jobstoreRetryInterval = builder.jobstoreRetryInterval;
        this.shutdownTimeout = builder.shutdownTimeout;
    }

    /**
     * Checks a {@code jobstore_retry_interval}: the one rule for it, wherever it is set.
     * @param interval the interval
     * @return the interval
     * @throws IllegalArgumentException if it is not positive
     */
    public static Duration checkRetryInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("jobstore_retry_interval must be positive, was " + interval);
        }
        return interval;
    }

    /**
     * Checks a {@code shutdown_timeout}: the one rule for it, wherever it is set.
     * @param timeout the timeout
     * @return the timeout
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration checkShutdownTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("shutdown_timeout must not be negative, was " + timeout);
        }
        return timeout;
    }

    /**
     * Starts a builder with APScheduler's defaults.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses APScheduler's flat form, keys prefixed with {@code apscheduler.}: {@code apscheduler.timezone},
     * {@code apscheduler.jobstores.<alias>.type}, {@code apscheduler.executors.<alias>.max_workers},
     * {@code apscheduler.job_defaults.coalesce}, ...; keys without the prefix are ignored.
     * @param flat the flat map (string values, or numbers, booleans, durations; nested maps are flattened)
     * @return the configuration
     * @throws dev.apscheduler.ConfigurationException naming the key as written and the value for anything invalid
     */
    public static SchedulerConfig fromMap(Map<String, ?> flat) {
        return FlatConfigParser.withPrefix(DEFAULT_PREFIX).parse(flat);
    }

    /**
     * Returns the time zone.
     * @return the zone, or empty for the system's zone
     */
    public Optional<ZoneId> timezone() {
        return Optional.ofNullable(this.timezone);
    }

    /**
     * Returns the job stores by alias, in the order given.
     * @return an unmodifiable map
     */
    public Map<String, ComponentConfig> jobStores() {
        return this.jobStores;
    }

    /**
     * Returns the executors by alias, in the order given.
     * @return an unmodifiable map
     */
    public Map<String, ComponentConfig> executors() {
        return this.executors;
    }

    /**
     * Returns the job defaults.
     * @return the defaults
     */
    public JobDefaults jobDefaults() {
        return this.jobDefaults;
    }

    /**
     * Returns how long to wait before asking a failed job store again (doubled on each further failure).
     * @return the retry interval
     */
    public Duration jobstoreRetryInterval() {
        return this.jobstoreRetryInterval;
    }

    /**
     * Returns how long {@code shutdown(true)} waits for running jobs.
     * @return the timeout
     */
    public Duration shutdownTimeout() {
        return this.shutdownTimeout;
    }

    @Override
    public String toString() {
        return "SchedulerConfig[timezone=" + this.timezone + ", jobstores=" + this.jobStores + ", executors="
                + this.executors + ", job_defaults=" + this.jobDefaults + ", jobstore_retry_interval="
                + this.jobstoreRetryInterval + ", shutdown_timeout=" + this.shutdownTimeout + "]";
    }

    /**
     * Builds a {@link SchedulerConfig}, validating each value as it is set.
     */
    public static final class Builder {

        private @Nullable ZoneId timezone;

        private final Map<String, ComponentConfig> jobStores = new LinkedHashMap<>();

        private final Map<String, ComponentConfig> executors = new LinkedHashMap<>();

        private JobDefaults jobDefaults = JobDefaults.DEFAULTS;

        private Duration jobstoreRetryInterval = DEFAULT_JOBSTORE_RETRY_INTERVAL;

        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        Builder() {
        }

        /**
         * Sets the time zone.
         * @param timezone the zone, or {@code null} for the system's
         * @return this builder
         */
        public Builder timezone(@Nullable ZoneId timezone) {
            this.timezone = timezone;
            return this;
        }

        /**
         * Adds or replaces a job store.
         * @param alias the store's alias
         * @param store how to create it
         * @return this builder
         */
        public Builder jobStore(String alias, ComponentConfig store) {
            this.jobStores.put(requireAlias(alias), Objects.requireNonNull(store, "store"));
            return this;
        }

        /**
         * Adds or replaces an executor.
         * @param alias the executor's alias
         * @param executor how to create it
         * @return this builder
         */
        public Builder executor(String alias, ComponentConfig executor) {
            this.executors.put(requireAlias(alias), Objects.requireNonNull(executor, "executor"));
            return this;
        }

        /**
         * Sets the job defaults.
         * @param jobDefaults the defaults
         * @return this builder
         */
        public Builder jobDefaults(JobDefaults jobDefaults) {
            this.jobDefaults = Objects.requireNonNull(jobDefaults, "jobDefaults");
            return this;
        }

        /**
         * Sets how long to wait before asking a failed job store again.
         * @param interval a positive duration
         * @return this builder
         */
        public Builder jobstoreRetryInterval(Duration interval) {
            this.jobstoreRetryInterval = checkRetryInterval(interval);
            return this;
        }

        /**
         * Sets how long {@code shutdown(true)} waits for running jobs.
         * @param timeout zero or more
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = checkShutdownTimeout(timeout);
            return this;
        }

        /**
         * Builds the configuration.
         * @return the configuration
         */
        public SchedulerConfig build() {
            return new SchedulerConfig(this);
        }

        private static String requireAlias(String alias) {
            Objects.requireNonNull(alias, "alias");
            if (alias.isBlank()) {
                throw new IllegalArgumentException("alias must not be blank, was '" + alias + "'");
            }
            return alias;
        }

    }

}
