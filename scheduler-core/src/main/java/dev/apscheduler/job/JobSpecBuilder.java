package dev.apscheduler.job;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link JobSpec}. Setters validate at once and name the bad value.
 */
public final class JobSpecBuilder {

    @Nullable String id;

    final TaskReference task;

    List<?> args = List.of();

    Map<String, ?> kwargs = Map.of();

    @Nullable Trigger trigger;

    @Nullable String triggerAlias;

    Map<String, ?> triggerParameters = Map.of();

    String jobstore = Job.DEFAULT_ALIAS;

    JobOptions.Builder options = JobOptions.builder();

    boolean replaceExisting;

    JobSpecBuilder(TaskReference task) {
        this.task = task;
    }

    /**
     * Sets the id (by default a random UUID in hex).
     * @param id the id, following {@link JobIds the id rule}
     * @return this builder
     * @throws IllegalArgumentException if the id breaks the rule
     */
    public JobSpecBuilder id(String id) {
        this.id = JobIds.requireValid(Objects.requireNonNull(id, "id"));
        return this;
    }

    /**
     * Sets the name (by default the task's name).
     * @param name the name
     * @return this builder
     */
    public JobSpecBuilder name(String name) {
        this.options.name(name);
        return this;
    }

    /**
     * Sets the positional arguments: JSON values (strings, numbers, booleans, null, lists, maps).
     * @param args the arguments
     * @return this builder
     */
    public JobSpecBuilder args(List<?> args) {
        this.args = Objects.requireNonNull(args, "args");
        return this;
    }

    /**
     * Sets the positional arguments: JSON values (strings, numbers, booleans, null, lists, maps).
     * @param args the arguments
     * @return this builder
     */
    public JobSpecBuilder args(@Nullable Object... args) {
        return args(Arrays.asList(args));
    }

    /**
     * Sets the keyword arguments: JSON values (strings, numbers, booleans, null, lists, maps).
     * @param kwargs the arguments
     * @return this builder
     */
    public JobSpecBuilder kwargs(Map<String, ?> kwargs) {
        this.kwargs = Objects.requireNonNull(kwargs, "kwargs");
        return this;
    }

    /**
     * Sets the trigger.
     * @param trigger the trigger
     * @return this builder
     */
    public JobSpecBuilder trigger(Trigger trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.triggerAlias = null;
        this.triggerParameters = Map.of();
        return this;
    }

    /**
     * Sets the trigger by alias and parameters (APScheduler's {@code add_job(func, 'interval', seconds=2)}),
     * built when the job is added, in the scheduler's time zone unless the parameters name one.
     * @param alias the trigger alias, for example {@code interval}
     * @param parameters the trigger's parameters under APScheduler's names
     * @return this builder
     */
    public JobSpecBuilder trigger(String alias, Map<String, ?> parameters) {
        this.triggerAlias = Objects.requireNonNull(alias, "alias");
        this.triggerParameters = new LinkedHashMap<>(parameters);
        this.trigger = null;
        return this;
    }

    /**
     * Sets the executor alias.
     * @param executor the alias
     * @return this builder
     */
    public JobSpecBuilder executor(String executor) {
        this.options.executor(executor);
        return this;
    }

    /**
     * Sets the job store alias.
     * @param jobstore the alias
     * @return this builder
     */
    public JobSpecBuilder jobstore(String jobstore) {
        this.jobstore = JobOptions.checkAlias(jobstore, "jobstore");
        return this;
    }

    /**
     * Sets how late a run may start and still run.
     * @param misfireGraceTime a positive duration, or {@code null} to run however late
     * @return this builder
     */
    public JobSpecBuilder misfireGraceTime(@Nullable Duration misfireGraceTime) {
        this.options.misfireGraceTime(misfireGraceTime);
        return this;
    }

    /**
     * Sets whether several due runs are rolled into one (the latest).
     * @param coalesce the setting
     * @return this builder
     */
    public JobSpecBuilder coalesce(boolean coalesce) {
        this.options.coalesce(coalesce);
        return this;
    }

    /**
     * Sets how many runs of the job may execute at once.
     * @param maxInstances at least one
     * @return this builder
     */
    public JobSpecBuilder maxInstances(int maxInstances) {
        this.options.maxInstances(maxInstances);
        return this;
    }

    /**
     * Sets where {@code max_instances} is counted: by each scheduler instance (the default) or across every instance
     * sharing the job's store, which must support run slots ({@link dev.apscheduler.store.JobStore#runSlots()}).
     * @param maxInstancesScope the scope
     * @return this builder
     */
    public JobSpecBuilder maxInstancesScope(MaxInstancesScope maxInstancesScope) {
        this.options.maxInstancesScope(maxInstancesScope);
        return this;
    }

    /**
     * Sets when failed runs are retried ({@code max_attempts} and the backoff options).
     * @param retryPolicy the policy, {@link RetryPolicy#NONE} for no retry
     * @return this builder
     */
    public JobSpecBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.options.retryPolicy(retryPolicy);
        return this;
    }

    /**
     * Sets how long a run may take before it is interrupted and recorded as timed out.
     * @param timeout a positive duration, or {@code null} for none
     * @return this builder
     */
    public JobSpecBuilder timeout(@Nullable Duration timeout) {
        this.options.timeout(timeout);
        return this;
    }

    /**
     * Sets when the job first runs, whatever the trigger says.
     * @param nextRunTime the first run time, or {@code null} to add the job paused
     * @return this builder
     */
    public JobSpecBuilder nextRunTime(@Nullable ZonedDateTime nextRunTime) {
        this.options.nextRunTime(nextRunTime);
        return this;
    }

    /**
     * Sets the options given in {@code options} (the others stay as they are).
     * @param options the options
     * @return this builder
     */
    public JobSpecBuilder options(JobOptions options) {
        this.options = this.options.build().with(options).toBuilder();
        return this;
    }

    /**
     * Adds the job paused: the same as {@code nextRunTime(null)}.
     * @return this builder
     */
    public JobSpecBuilder paused() {
        return nextRunTime(null);
    }

    /**
     * Sets whether a job with the same id in the same store is replaced instead of rejected.
     * @param replaceExisting the setting
     * @return this builder
     */
    public JobSpecBuilder replaceExisting(boolean replaceExisting) {
        this.replaceExisting = replaceExisting;
        return this;
    }

    /**
     * Builds the specification.
     * @return the specification
     */
    public JobSpec build() {
        return new JobSpec(this);
    }

    JobSpecBuilder copy() {
        JobSpecBuilder copy = new JobSpecBuilder(this.task);
        copy.id = this.id;
        copy.args = Collections.unmodifiableList(new ArrayList<>(this.args));
        copy.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(this.kwargs));
        copy.trigger = this.trigger;
        copy.triggerAlias = this.triggerAlias;
        copy.triggerParameters = this.triggerParameters;
        copy.jobstore = this.jobstore;
        copy.options = this.options.build().toBuilder();
        copy.replaceExisting = this.replaceExisting;
        return copy;
    }


}
