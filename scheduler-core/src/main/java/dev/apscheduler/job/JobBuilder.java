package dev.apscheduler.job;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Job}, starting from APScheduler's defaults ({@code misfire_grace_time} 1 s, {@code coalesce}
 * true, {@code max_instances} 1, the {@code default} executor and job store, no next run time). Job stores use it
 * to restore jobs; applications add jobs through a {@link JobSpec} instead, which leaves unset options to the
 * scheduler's job defaults.
 */
public final class JobBuilder {

    @Nullable String id;

    @Nullable String name;

    @Nullable TaskReference task;

    List<?> args = List.of();

    Map<String, ?> kwargs = Map.of();

    @Nullable Trigger trigger;

    String executor = Job.DEFAULT_ALIAS;

    String jobstore = Job.DEFAULT_ALIAS;

    @Nullable Duration misfireGraceTime = JobDefaults.DEFAULT_MISFIRE_GRACE_TIME;

    boolean coalesce = JobDefaults.DEFAULT_COALESCE;

    int maxInstances = JobDefaults.DEFAULT_MAX_INSTANCES;

    MaxInstancesScope maxInstancesScope = MaxInstancesScope.DEFAULT;

    @Nullable ZonedDateTime nextRunTime;

    RetryPolicy retryPolicy = RetryPolicy.NONE;

    @Nullable Duration timeout;

    List<PendingRetry> pendingRetries = List.of();

    boolean triggerFinished;

    JobBuilder() {
    }

    /**
     * Sets the id, checked by {@link #build()}.
     * @param id the id, unique within the job store and following {@link JobIds the id rule}
     * @return this builder
     */
    public JobBuilder id(String id) {
        this.id = Objects.requireNonNull(id, "id");
        return this;
    }

    /**
     * Sets the name; by default the task's name.
     * @param name the name
     * @return this builder
     */
    public JobBuilder name(@Nullable String name) {
        this.name = name;
        return this;
    }

    /**
     * Sets what the job runs.
     * @param task the task reference
     * @return this builder
     */
    public JobBuilder task(TaskReference task) {
        this.task = Objects.requireNonNull(task, "task");
        return this;
    }

    /**
     * Sets the positional arguments: JSON values.
     * @param args the arguments
     * @return this builder
     */
    public JobBuilder args(List<?> args) {
        this.args = Objects.requireNonNull(args, "args");
        return this;
    }

    /**
     * Sets the positional arguments: JSON values.
     * @param args the arguments
     * @return this builder
     */
    public JobBuilder args(@Nullable Object... args) {
        return args(Arrays.asList(args));
    }

    /**
     * Sets the keyword arguments: JSON values.
     * @param kwargs the arguments
     * @return this builder
     */
    public JobBuilder kwargs(Map<String, ?> kwargs) {
        this.kwargs = Objects.requireNonNull(kwargs, "kwargs");
        return this;
    }

    /**
     * Sets the trigger.
     * @param trigger the trigger
     * @return this builder
     */
    public JobBuilder trigger(Trigger trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        return this;
    }

    /**
     * Sets the executor alias.
     * @param executor the alias
     * @return this builder
     */
    public JobBuilder executor(String executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Sets the job store alias.
     * @param jobstore the alias
     * @return this builder
     */
    public JobBuilder jobstore(String jobstore) {
        this.jobstore = Objects.requireNonNull(jobstore, "jobstore");
        return this;
    }

    /**
     * Sets how late a run may start and still run.
     * @param misfireGraceTime a positive duration, or {@code null} to run however late
     * @return this builder
     */
    public JobBuilder misfireGraceTime(@Nullable Duration misfireGraceTime) {
        this.misfireGraceTime = misfireGraceTime;
        return this;
    }

    /**
     * Sets whether several due runs are rolled into one.
     * @param coalesce the setting
     * @return this builder
     */
    public JobBuilder coalesce(boolean coalesce) {
        this.coalesce = coalesce;
        return this;
    }

    /**
     * Sets how many runs may execute at once.
     * @param maxInstances at least one
     * @return this builder
     */
    public JobBuilder maxInstances(int maxInstances) {
        this.maxInstances = maxInstances;
        return this;
    }

    /**
     * Sets where {@code max_instances} is counted: by each scheduler instance (the default) or across every instance
     * sharing the job's store.
     * @param maxInstancesScope the scope
     * @return this builder
     */
    public JobBuilder maxInstancesScope(MaxInstancesScope maxInstancesScope) {
        this.maxInstancesScope = Objects.requireNonNull(maxInstancesScope, "maxInstancesScope");
        return this;
    }

    /**
     * Sets the next run time.
     * @param nextRunTime the next run time, or {@code null} for a paused job
     * @return this builder
     */
    public JobBuilder nextRunTime(@Nullable ZonedDateTime nextRunTime) {
        this.nextRunTime = nextRunTime;
        return this;
    }

    /**
     * Sets when failed runs are retried.
     * @param retryPolicy the policy, {@link RetryPolicy#NONE} for no retry (the default)
     * @return this builder
     */
    public JobBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        return this;
    }

    /**
     * Sets how long a run may take before it is interrupted and recorded as timed out; checked by {@link #build()}.
     * @param timeout a positive duration, or {@code null} for none (the default)
     * @return this builder
     */
    public JobBuilder timeout(@Nullable Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Sets the retries waiting to run: job stores restore them with the job.
     * @param pendingRetries the retries
     * @return this builder
     */
    public JobBuilder pendingRetries(List<PendingRetry> pendingRetries) {
        this.pendingRetries = List.copyOf(pendingRetries);
        return this;
    }

    /**
     * Marks the job as kept only for its pending retries, its trigger having no further fire time.
     * @param triggerFinished whether the trigger is finished
     * @return this builder
     */
    public JobBuilder triggerFinished(boolean triggerFinished) {
        this.triggerFinished = triggerFinished;
        return this;
    }

    /**
     * Builds the job.
     * @return the job
     * @throws dev.apscheduler.InvalidJobException if the id, task or trigger is missing, an option is invalid or an
     * argument is not JSON-compatible; the message names the job and the value
     */
    public Job build() {
        return Job.create(this);
    }

}
