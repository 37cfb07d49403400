package dev.apscheduler.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One job of {@code apscheduler.jobs.<id>}: a registered task run on a trigger given by alias and parameters, with
 * arguments and options (retries and timeout included), so that operations can change a schedule without a rebuild.
 */
public class JobProperties {

    /**
     * Name of the registered task the job runs (a @JobTask name, or a name registered in the TaskRegistry).
     */
    private @Nullable String task;

    /**
     * Human-readable name of the job. Defaults to the job id.
     */
    private @Nullable String name;

    /**
     * Trigger alias: 'cron', 'interval', 'date', 'calendarinterval', 'and' or 'or'. Left out, it is inferred from the
     * parameters: 'crontab' alone or cron fields mean cron, interval units mean interval, 'run-date' means date.
     */
    private @Nullable String trigger;

    /**
     * Trigger parameters under APScheduler's names, for example 'hour: 3' or 'crontab: "0 3 * * *"'.
     */
    private final Map<String, Object> params = new LinkedHashMap<>();

    /**
     * Positional arguments passed to the task.
     */
    private final List<Object> args = new ArrayList<>();

    /**
     * Keyword arguments passed to the task.
     */
    private final Map<String, Object> kwargs = new LinkedHashMap<>();

    /**
     * Alias of the executor that runs the job. Defaults to 'default'.
     */
    private @Nullable String executor;

    /**
     * Alias of the job store that keeps the job. Defaults to 'default'.
     */
    private @Nullable String jobstore;

    /**
     * Whether to run the job once instead of several times when several of its runs are due at once. Defaults to
     * apscheduler.job-defaults.coalesce.
     */
    private @Nullable Boolean coalesce;

    /**
     * Largest number of concurrently running instances of the job. Defaults to apscheduler.job-defaults.max-instances.
     */
    private @Nullable Integer maxInstances;

    /**
     * Where max-instances is counted: 'instance' (by each scheduler instance, the default) or 'cluster' (across every
     * scheduler instance sharing the job's store, which must support run slots: memory, jpa, redis, mongodb,
     * zookeeper).
     */
    private @Nullable String maxInstancesScope;

    /**
     * How late a run may start and still run, as a duration ('30s'), or 'none' to run however late. Defaults to
     * apscheduler.job-defaults.misfire-grace-time.
     */
    private @Nullable String misfireGraceTime;

    /**
     * How many times one fire time runs at most, counting the first run: 1 (no retry, the default) to 1000. A run that
     * fails (throws, or exceeds its timeout) is tried again after a backoff.
     */
    private @Nullable Integer maxAttempts;

    /**
     * Wait before the first retry, as a duration ('30s', '5m', 'PT30S', or seconds). Defaults to 1s.
     */
    private @Nullable String retryBackoff;

    /**
     * How much each further wait between attempts grows, from 1 (every wait the same) to 100. Defaults to 2.
     */
    private @Nullable Double retryMultiplier;

    /**
     * Longest wait between two attempts, as a duration. Defaults to 1h (at least the retry backoff).
     */
    private @Nullable String retryMaxBackoff;

    /**
     * Largest random time added to each wait between attempts, as a duration of up to one day. Defaults to none.
     */
    private @Nullable String retryJitter;

    /**
     * Exception class names that are retried, with their subclasses. Any exception when empty.
     */
    private final List<String> retryOn = new ArrayList<>();

    /**
     * How long a run may take, as a duration of up to 365 days, or 'none'. A run that takes longer is interrupted and
     * reported as timed out; it counts as a failure for max-attempts. Defaults to none.
     */
    private @Nullable String timeout;

    /**
     * Returns the name of the task the job runs.
     * @return the task name, or {@code null} when not set
     */
    public @Nullable String getTask() {
        return this.task;
    }

    /**
     * Sets the name of the task the job runs.
     * @param task the task name
     */
    public void setTask(@Nullable String task) {
        this.task = task;
    }

    /**
     * Returns the job's name.
     * @return the name, or {@code null} for the job id
     */
    public @Nullable String getName() {
        return this.name;
    }

    /**
     * Sets the job's name.
     * @param name the name, or {@code null} for the job id
     */
    public void setName(@Nullable String name) {
        this.name = name;
    }

    /**
     * Returns the trigger alias.
     * @return the alias, or {@code null} to infer it from the parameters
     */
    public @Nullable String getTrigger() {
        return this.trigger;
    }

    /**
     * Sets the trigger alias.
     * @param trigger the alias, or {@code null} to infer it from the parameters
     */
    public void setTrigger(@Nullable String trigger) {
        this.trigger = trigger;
    }

    /**
     * Returns the trigger parameters.
     * @return the parameters by name
     */
    public Map<String, Object> getParams() {
        return this.params;
    }

    /**
     * Returns the positional arguments.
     * @return the arguments
     */
    public List<Object> getArgs() {
        return this.args;
    }

    /**
     * Returns the keyword arguments.
     * @return the arguments by name
     */
    public Map<String, Object> getKwargs() {
        return this.kwargs;
    }

    /**
     * Returns the executor alias.
     * @return the alias, or {@code null} for {@code default}
     */
    public @Nullable String getExecutor() {
        return this.executor;
    }

    /**
     * Sets the executor alias.
     * @param executor the alias, or {@code null} for {@code default}
     */
    public void setExecutor(@Nullable String executor) {
        this.executor = executor;
    }

    /**
     * Returns the job store alias.
     * @return the alias, or {@code null} for {@code default}
     */
    public @Nullable String getJobstore() {
        return this.jobstore;
    }

    /**
     * Sets the job store alias.
     * @param jobstore the alias, or {@code null} for {@code default}
     */
    public void setJobstore(@Nullable String jobstore) {
        this.jobstore = jobstore;
    }

    /**
     * Returns whether due runs are rolled into one.
     * @return the setting, or {@code null} for the job defaults'
     */
    public @Nullable Boolean getCoalesce() {
        return this.coalesce;
    }

    /**
     * Sets whether due runs are rolled into one.
     * @param coalesce the setting, or {@code null} for the job defaults'
     */
    public void setCoalesce(@Nullable Boolean coalesce) {
        this.coalesce = coalesce;
    }

    /**
     * Returns the largest number of concurrently running instances.
     * @return the limit, or {@code null} for the job defaults'
     */
    public @Nullable Integer getMaxInstances() {
        return this.maxInstances;
    }

    /**
     * Sets the largest number of concurrently running instances.
     * @param maxInstances the limit, or {@code null} for the job defaults'
     */
    public void setMaxInstances(@Nullable Integer maxInstances) {
        this.maxInstances = maxInstances;
    }

    /**
     * Returns where the largest number of concurrently running instances is counted.
     * @return {@code instance} or {@code cluster}, or {@code null} for {@code instance}
     */
    public @Nullable String getMaxInstancesScope() {
        return this.maxInstancesScope;
    }

    /**
     * Sets where the largest number of concurrently running instances is counted.
     * @param maxInstancesScope {@code instance} or {@code cluster}, or {@code null} for {@code instance}
     */
    public void setMaxInstancesScope(@Nullable String maxInstancesScope) {
        this.maxInstancesScope = maxInstancesScope;
    }

    /**
     * Returns how late a run may start and still run.
     * @return a duration or {@code none}, or {@code null} for the job defaults'
     */
    public @Nullable String getMisfireGraceTime() {
        return this.misfireGraceTime;
    }

    /**
     * Sets how late a run may start and still run.
     * @param misfireGraceTime a duration or {@code none}, or {@code null} for the job defaults'
     */
    public void setMisfireGraceTime(@Nullable String misfireGraceTime) {
        this.misfireGraceTime = misfireGraceTime;
    }

    /**
     * Returns how many times one fire time runs at most.
     * @return the number of attempts, or {@code null} for one (no retry)
     */
    public @Nullable Integer getMaxAttempts() {
        return this.maxAttempts;
    }

    /**
     * Sets how many times one fire time runs at most.
     * @param maxAttempts the number of attempts, or {@code null} for one (no retry)
     */
    public void setMaxAttempts(@Nullable Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * Returns the wait before the first retry.
     * @return a duration, or {@code null} for one second
     */
    public @Nullable String getRetryBackoff() {
        return this.retryBackoff;
    }

    /**
     * Sets the wait before the first retry.
     * @param retryBackoff a duration, or {@code null} for one second
     */
    public void setRetryBackoff(@Nullable String retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    /**
     * Returns how much each further wait grows.
     * @return the factor, or {@code null} for two
     */
    public @Nullable Double getRetryMultiplier() {
        return this.retryMultiplier;
    }

    /**
     * Sets how much each further wait grows.
     * @param retryMultiplier the factor, or {@code null} for two
     */
    public void setRetryMultiplier(@Nullable Double retryMultiplier) {
        this.retryMultiplier = retryMultiplier;
    }

    /**
     * Returns the longest wait between two attempts.
     * @return a duration, or {@code null} for one hour
     */
    public @Nullable String getRetryMaxBackoff() {
        return this.retryMaxBackoff;
    }

    /**
     * Sets the longest wait between two attempts.
     * @param retryMaxBackoff a duration, or {@code null} for one hour
     */
    public void setRetryMaxBackoff(@Nullable String retryMaxBackoff) {
        this.retryMaxBackoff = retryMaxBackoff;
    }

    /**
     * Returns the largest random time added to each wait.
     * @return a duration, or {@code null} for none
     */
    public @Nullable String getRetryJitter() {
        return this.retryJitter;
    }

    /**
     * Sets the largest random time added to each wait.
     * @param retryJitter a duration, or {@code null} for none
     */
    public void setRetryJitter(@Nullable String retryJitter) {
        this.retryJitter = retryJitter;
    }

    /**
     * Returns the exception class names that are retried.
     * @return the names, empty for any exception
     */
    public List<String> getRetryOn() {
        return this.retryOn;
    }

    /**
     * Returns how long a run may take.
     * @return a duration or {@code none}, or {@code null} for none
     */
    public @Nullable String getTimeout() {
        return this.timeout;
    }

    /**
     * Sets how long a run may take.
     * @param timeout a duration or {@code none}, or {@code null} for none
     */
    public void setTimeout(@Nullable String timeout) {
        this.timeout = timeout;
    }

}
