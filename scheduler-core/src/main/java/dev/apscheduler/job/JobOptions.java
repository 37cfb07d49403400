package dev.apscheduler.job;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A job's options under APScheduler's names, each either given or left as it is: the one value type behind adding a
 * job ({@link JobSpec#options()}), changing one ({@link JobChanges#options()}) and the scheduler's defaults
 * ({@link #resolve(JobDefaults)}), so that an option means, and is checked, the same everywhere. Immutable;
 * built with {@link #builder()}, whose setters check each value at once and throw
 * {@link InvalidJobOptionException} naming the option.
 *
 * <p>{@code misfire_grace_time} and {@code next_run_time} take {@code null} as a value ("run however late", and
 * "paused"), so for them "given" is told apart from the value.
 */
public final class JobOptions {

    /** No option given. */
    public static final JobOptions NONE = builder().build();

    private final @Nullable String name;

    private final @Nullable String executor;

    private final boolean misfireGraceTimeGiven;

    private final @Nullable Duration misfireGraceTime;

    private final @Nullable Boolean coalesce;

    private final @Nullable Integer maxInstances;

    private final @Nullable MaxInstancesScope maxInstancesScope;

    private final boolean nextRunTimeGiven;

    private final @Nullable ZonedDateTime nextRunTime;

    private final @Nullable RetryPolicy retryPolicy;

    private final boolean timeoutGiven;

    private final @Nullable Duration timeout;

    private JobOptions(Builder builder) {
        this.name = builder.name;
        this.executor = builder.executor;
        this.misfireGraceTimeGiven = builder.misfireGraceTimeGiven;
        this.misfireGraceTime = builder.misfireGraceTime;
        this.coalesce = builder.coalesce;
        this.maxInstances = builder.maxInstances;
        this.maxInstancesScope = builder.maxInstancesScope;
        this.nextRunTimeGiven = builder.nextRunTimeGiven;
        this.nextRunTime = builder.nextRunTime;
        this.retryPolicy = builder.retryPolicy;
        this.timeoutGiven = builder.timeoutGiven;
        this.timeout = builder.timeout;
    }

    /**
     * Starts building options.
     * @return a builder with no option given
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the name, if given.
     * @return the name
     */
    public Optional<String> name() {
        return Optional.ofNullable(this.name);
    }

    /**
     * Returns the executor alias, if given.
     * @return the alias
     */
    public Optional<String> executor() {
        return Optional.ofNullable(this.executor);
    }

    /**
     * Tells whether {@code misfire_grace_time} is given (possibly as "run however late").
     * @return whether it is given
     */
    public boolean misfireGraceTimeGiven() {
        return this.misfireGraceTimeGiven;
    }

    /**
     * Returns the grace time given.
     * @return the grace time, or empty when not given or given as "run however late"
     */
    public Optional<Duration> misfireGraceTime() {
        return Optional.ofNullable(this.misfireGraceTime);
    }

    /**
     * Returns {@code coalesce}, if given.
     * @return the setting
     */
    public Optional<Boolean> coalesce() {
        return Optional.ofNullable(this.coalesce);
    }

    /**
     * Returns {@code max_instances}, if given.
     * @return the limit
     */
    public Optional<Integer> maxInstances() {
        return Optional.ofNullable(this.maxInstances);
    }

    /**
     * Returns {@code max_instances_scope}, if given.
     * @return the scope
     */
    public Optional<MaxInstancesScope> maxInstancesScope() {
        return Optional.ofNullable(this.maxInstancesScope);
    }

    /**
     * Tells whether {@code next_run_time} is given (possibly as "paused").
     * @return whether it is given
     */
    public boolean nextRunTimeGiven() {
        return this.nextRunTimeGiven;
    }

    /**
     * Returns the next run time given.
     * @return the time, or empty when not given or given as "paused"
     */
    public Optional<ZonedDateTime> nextRunTime() {
        return Optional.ofNullable(this.nextRunTime);
    }

    /**
     * Returns the retry policy ({@code max_attempts} and the backoff options), if given.
     * @return the policy
     */
    public Optional<RetryPolicy> retryPolicy() {
        return Optional.ofNullable(this.retryPolicy);
    }

    /**
     * Tells whether {@code timeout} is given (possibly as "none").
     * @return whether it is given
     */
    public boolean timeoutGiven() {
        return this.timeoutGiven;
    }

    /**
     * Returns the timeout given.
     * @return the timeout, or empty when not given or given as "none"
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(this.timeout);
    }

    /**
     * Returns a builder holding these options, to change some of them.
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = this.name;
        builder.executor = this.executor;
        builder.misfireGraceTimeGiven = this.misfireGraceTimeGiven;
        builder.misfireGraceTime = this.misfireGraceTime;
        builder.coalesce = this.coalesce;
        builder.maxInstances = this.maxInstances;
        builder.maxInstancesScope = this.maxInstancesScope;
        builder.nextRunTimeGiven = this.nextRunTimeGiven;
        builder.nextRunTime = this.nextRunTime;
        builder.retryPolicy = this.retryPolicy;
        builder.timeoutGiven = this.timeoutGiven;
        builder.timeout = this.timeout;
        return builder;
    }

    /**
     * Returns these options with those given in {@code other} set over them.
     * @param other the options that win
     * @return the combined options
     */
    public JobOptions with(JobOptions other) {
        Builder combined = toBuilder();
        other.name().ifPresent(combined::name);
        other.executor().ifPresent(combined::executor);
        if (other.misfireGraceTimeGiven()) {
            combined.misfireGraceTime(other.misfireGraceTime().orElse(null));
        }
        other.coalesce().ifPresent(combined::coalesce);
        other.maxInstances().ifPresent(combined::maxInstances);
        other.maxInstancesScope().ifPresent(combined::maxInstancesScope);
        if (other.nextRunTimeGiven()) {
            combined.nextRunTime(other.nextRunTime().orElse(null));
        }
        other.retryPolicy().ifPresent(combined::retryPolicy);
        if (other.timeoutGiven()) {
            combined.timeout(other.timeout().orElse(null));
        }
        return combined.build();
    }

    /**
     * Sets the options given here on a job being built; the others stay as they are.
     * @param job the job's builder
     * @return the same builder
     */
    public JobBuilder applyTo(JobBuilder job) {
        if (this.name != null) {
            job.name(this.name);
        }
        if (this.executor != null) {
            job.executor(this.executor);
        }
        if (this.misfireGraceTimeGiven) {
            job.misfireGraceTime(this.misfireGraceTime);
        }
        if (this.coalesce != null) {
            job.coalesce(this.coalesce);
        }
        if (this.maxInstances != null) {
            job.maxInstances(this.maxInstances);
        }
        if (this.maxInstancesScope != null) {
            job.maxInstancesScope(this.maxInstancesScope);
        }
        if (this.nextRunTimeGiven) {
            job.nextRunTime(this.nextRunTime);
        }
        if (this.retryPolicy != null) {
            job.retryPolicy(this.retryPolicy);
        }
        if (this.timeoutGiven) {
            job.timeout(this.timeout);
        }
        return job;
    }

    /**
     * Returns the run options these give, the others taken from the defaults.
     * @param defaults the scheduler's job defaults
     * @return the options a job runs with
     */
    public JobDefaults resolve(JobDefaults defaults) {
        return new JobDefaults(this.misfireGraceTimeGiven ? this.misfireGraceTime : defaults.misfireGraceTime(),
                (this.coalesce != null) ? this.coalesce : defaults.coalesce(),
                (this.maxInstances != null) ? this.maxInstances : defaults.maxInstances());
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof JobOptions that && Objects.equals(this.name, that.name)
                && Objects.equals(this.executor, that.executor)
                && this.misfireGraceTimeGiven == that.misfireGraceTimeGiven
                && Objects.equals(this.misfireGraceTime, that.misfireGraceTime)
                && Objects.equals(this.coalesce, that.coalesce) && Objects.equals(this.maxInstances, that.maxInstances)
                && this.maxInstancesScope == that.maxInstancesScope
                && this.nextRunTimeGiven == that.nextRunTimeGiven && Objects.equals(this.nextRunTime, that.nextRunTime)
                && Objects.equals(this.retryPolicy, that.retryPolicy) && this.timeoutGiven == that.timeoutGiven
                && Objects.equals(this.timeout, that.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.name, this.executor, this.misfireGraceTimeGiven, this.misfireGraceTime, this.coalesce,
                this.maxInstances, this.maxInstancesScope, this.nextRunTimeGiven, this.nextRunTime, this.retryPolicy,
                this.timeout);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("JobOptions[");
        append(text, "name", this.name, this.name != null);
        append(text, "executor", this.executor, this.executor != null);
        append(text, "misfire_grace_time", this.misfireGraceTime, this.misfireGraceTimeGiven);
        append(text, "coalesce", this.coalesce, this.coalesce != null);
        append(text, "max_instances", this.maxInstances, this.maxInstances != null);
        append(text, "max_instances_scope", (this.maxInstancesScope != null) ? this.maxInstancesScope.value() : null,
                this.maxInstancesScope != null);
        append(text, "next_run_time", this.nextRunTime, this.nextRunTimeGiven);
        append(text, "retry", this.retryPolicy, this.retryPolicy != null);
        append(text, "timeout", this.timeout, this.timeoutGiven);
        return text.append(']').toString();
    }

    private static void append(StringBuilder text, String option, @Nullable Object value, boolean given) {
        if (given) {
            text.append((text.charAt(text.length() - 1) == '[') ? "" : ", ").append(option).append('=').append(value);
        }
    }

    // --- the rules, one home for each ---

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidJobOptionException("name", "name must not be blank, was '" + name + "'");
        }
        return name;
    }

    static String checkAlias(String alias, String option) {
        Objects.requireNonNull(alias, option);
        if (alias.isBlank()) {
            throw new InvalidJobOptionException(option, option + " alias must not be blank, was '" + alias + "'");
        }
        return alias;
    }

    static @Nullable Duration checkMisfireGraceTime(@Nullable Duration misfireGraceTime) {
        if (misfireGraceTime != null && (misfireGraceTime.isNegative() || misfireGraceTime.isZero())) {
            throw new InvalidJobOptionException("misfire_grace_time",
                    "misfire_grace_time must be positive or null (run however late), was " + misfireGraceTime);
        }
        return misfireGraceTime;
    }

    static int checkMaxInstances(int maxInstances) {
        if (maxInstances < 1) {
            throw new InvalidJobOptionException("max_instances", "max_instances must be >= 1, was " + maxInstances);
        }
        return maxInstances;
    }

    static @Nullable Duration checkTimeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidJobOptionException("timeout", "timeout must be positive and at most "
                    + MAX_TIMEOUT.toDays() + " days, or null (none), was " + timeout);
        }
        return timeout;
    }

    /** The longest {@code timeout}. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    /**
     * Builds {@link JobOptions}; each setter checks its value at once.
     */
    public static final class Builder {

        private @Nullable String name;

        private @Nullable String executor;

        private boolean misfireGraceTimeGiven;

        private @Nullable Duration misfireGraceTime;

        private @Nullable Boolean coalesce;

        private @Nullable Integer maxInstances;

        private @Nullable MaxInstancesScope maxInstancesScope;

        private boolean nextRunTimeGiven;

        private @Nullable ZonedDateTime nextRunTime;

        private @Nullable RetryPolicy retryPolicy;

        private boolean timeoutGiven;

        private @Nullable Duration timeout;

        private Builder() {
        }

        /**
         * Sets the name.
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = checkName(name);
            return this;
        }

        /**
         * Sets the executor alias.
         * @param executor the alias, not blank
         * @return this builder
         */
        public Builder executor(String executor) {
            this.executor = checkAlias(executor, "executor");
            return this;
        }

        /**
         * Sets how late a run may start and still run.
         * @param misfireGraceTime a positive duration, or {@code null} to run however late
         * @return this builder
         */
        public Builder misfireGraceTime(@Nullable Duration misfireGraceTime) {
            this.misfireGraceTime = checkMisfireGraceTime(misfireGraceTime);
            this.misfireGraceTimeGiven = true;
            return this;
        }

        /**
         * Sets whether several due runs are rolled into one (the latest).
         * @param coalesce the setting
         * @return this builder
         */
        public Builder coalesce(boolean coalesce) {
            this.coalesce = coalesce;
            return this;
        }

        /**
         * Sets how many runs of the job may execute at once.
         * @param maxInstances at least one
         * @return this builder
         */
        public Builder maxInstances(int maxInstances) {
            this.maxInstances = checkMaxInstances(maxInstances);
            return this;
        }

        /**
         * Sets where {@code max_instances} is counted: by each scheduler instance, or across every instance sharing
         * the job's store.
         * @param maxInstancesScope the scope
         * @return this builder
         */
        public Builder maxInstancesScope(MaxInstancesScope maxInstancesScope) {
            this.maxInstancesScope = Objects.requireNonNull(maxInstancesScope, "maxInstancesScope");
            return this;
        }

        /**
         * Sets the next run time.
         * @param nextRunTime the time, or {@code null} for a paused job
         * @return this builder
         */
        public Builder nextRunTime(@Nullable ZonedDateTime nextRunTime) {
            this.nextRunTime = nextRunTime;
            this.nextRunTimeGiven = true;
            return this;
        }

        /**
         * Sets when failed runs are retried: {@code max_attempts}, {@code retry_backoff}, {@code retry_multiplier},
         * {@code retry_max_backoff}, {@code retry_jitter} and {@code retry_on} in one value.
         * @param retryPolicy the policy, {@link RetryPolicy#NONE} for no retry
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets how long a run may take before it is interrupted and recorded as timed out.
         * @param timeout a positive duration of at most 365 days, or {@code null} for none
         * @return this builder
         */
        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = checkTimeout(timeout);
            this.timeoutGiven = true;
            return this;
        }

        /**
         * Builds the options.
         * @return the options
         */
        public JobOptions build() {
            return new JobOptions(this);
        }

    }

}
