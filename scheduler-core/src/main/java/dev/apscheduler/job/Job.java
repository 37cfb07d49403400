package dev.apscheduler.job;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.trigger.DateTimes;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled job: what to run (a task), with which arguments, when (a trigger and the next run time), where (job
 * store and executor) and under which rules ({@code misfire_grace_time}, {@code coalesce}, {@code max_instances}).
 * An immutable snapshot: the scheduler's {@code modifyJob}, {@code pauseJob} and friends return a new one.
 *
 * <p>Build one with {@link #builder()}, which validates every value and names the job in its errors; schedulers
 * build jobs from a {@link JobSpec} and apply the job defaults.
 */
public final class Job {

    /** The default executor and job store alias. */
    public static final String DEFAULT_ALIAS = "default";

    private final String id;

    private final String name;

    private final TaskReference task;

    private final List<@Nullable Object> args;

    private final Map<String, @Nullable Object> kwargs;

    private final Trigger trigger;

    private final String executor;

    private final String jobstore;

    private final @Nullable Duration misfireGraceTime;

    private final boolean coalesce;

    private final int maxInstances;

    private final MaxInstancesScope maxInstancesScope;

    private final @Nullable ZonedDateTime nextRunTime;

    private final RetryPolicy retryPolicy;

    private final @Nullable Duration timeout;

    private final List<PendingRetry> pendingRetries;

    private final boolean triggerFinished;

    private Job(JobBuilder builder, String id, TaskReference task, Trigger trigger) {
        this.id = id;
        this.task = task;
        this.trigger = trigger;
        this.name = (builder.name != null) ? builder.name : task.name();
        this.args = JsonArguments.args(builder.args, id);
        this.kwargs = JsonArguments.kwargs(builder.kwargs, id);
        this.executor = requireAlias(builder.executor, "executor", id);
        this.jobstore = requireAlias(builder.jobstore, "jobstore", id);
        this.misfireGraceTime = builder.misfireGraceTime;
        this.coalesce = builder.coalesce;
        this.maxInstances = builder.maxInstances;
        this.maxInstancesScope = builder.maxInstancesScope;
        this.nextRunTime = builder.nextRunTime;
        this.retryPolicy = builder.retryPolicy;
        this.timeout = builder.timeout;
        this.pendingRetries = sorted(builder.pendingRetries);
        this.triggerFinished = builder.triggerFinished;
    }

    /**
     * Copies a job with another next run time. Every other value was validated and copied when {@code source} was
     * built, so none is checked or copied again: the scheduler's loop does this for every run of every job.
     */
    private Job(Job source, @Nullable ZonedDateTime nextRunTime, List<PendingRetry> pendingRetries,
            boolean triggerFinished) {
        this.id = source.id;
        this.task = source.task;
        this.trigger = source.trigger;
        this.name = source.name;
        this.args = source.args;
        this.kwargs = source.kwargs;
        this.executor = source.executor;
        this.jobstore = source.jobstore;
        this.misfireGraceTime = source.misfireGraceTime;
        this.coalesce = source.coalesce;
        this.maxInstances = source.maxInstances;
        this.maxInstancesScope = source.maxInstancesScope;
        this.nextRunTime = nextRunTime;
        this.retryPolicy = source.retryPolicy;
        this.timeout = source.timeout;
        this.pendingRetries = pendingRetries;
        this.triggerFinished = triggerFinished;
    }

    private static List<PendingRetry> sorted(List<PendingRetry> retries) {
        if (retries.size() < 2) {
            return List.copyOf(retries);
        }
        List<PendingRetry> sorted = new ArrayList<>(retries);
        sorted.sort(Comparator.comparing((PendingRetry retry) -> retry.dueAt().toInstant())
            .thenComparing((retry) -> retry.fireTime().toInstant()));
        return List.copyOf(sorted);
    }

    static Job create(JobBuilder builder) {
        String id = builder.id;
        if (id == null) {
            throw new InvalidJobException("job id must not be blank, was 'null'");
        }
        try {
            JobIds.requireValid(id);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJobException(Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
        }
        if (builder.task == null) {
            throw new InvalidJobException("Job '" + id + "': a task is required");
        }
        if (builder.trigger == null) {
            throw new InvalidJobException("Job '" + id + "': a trigger is required");
        }
        try {
            JobOptions.checkMisfireGraceTime(builder.misfireGraceTime);
            JobOptions.checkMaxInstances(builder.maxInstances);
            JobOptions.checkTimeout(builder.timeout);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJobException("Job '" + id + "': " + ex.getMessage());
        }
        return new Job(builder, id, builder.task, builder.trigger);
    }

    private static String requireAlias(String alias, String what, String id) {
        if (alias.isBlank()) {
            throw new InvalidJobException("Job '" + id + "': " + what + " alias must not be blank");
        }
        return alias;
    }

    /**
     * Starts a builder with APScheduler's defaults for every option.
     * @return a new builder
     */
    public static JobBuilder builder() {
        return new JobBuilder();
    }

    /**
     * Starts a builder holding this job's values.
     * @return a new builder
     */
    public JobBuilder toBuilder() {
        return new JobBuilder().id(this.id).name(this.name).task(this.task).args(this.args).kwargs(this.kwargs)
            .trigger(this.trigger).executor(this.executor).jobstore(this.jobstore)
            .misfireGraceTime(this.misfireGraceTime).coalesce(this.coalesce).maxInstances(this.maxInstances)
            .maxInstancesScope(this.maxInstancesScope).nextRunTime(this.nextRunTime).retryPolicy(this.retryPolicy)
            .timeout(this.timeout)
            .pendingRetries(this.pendingRetries).triggerFinished(this.triggerFinished);
    }

    /**
     * Returns a copy with another next run time.
     * @param nextRunTime the next run time, or {@code null} to pause the job
     * @return the new job
     */
    public Job withNextRunTime(@Nullable ZonedDateTime nextRunTime) {
        return new Job(this, nextRunTime, this.pendingRetries, this.triggerFinished);
    }

    /**
     * Returns this job as an acquire step leaves it: its new next run time, the retries still waiting, and whether
     * its trigger is finished (a job kept only for its retries).
     * @param nextRunTime the trigger's next fire time, or {@code null}
     * @param pendingRetries the retries still waiting
     * @param triggerFinished whether the trigger has no further fire time
     * @return the job
     */
    public Job withSchedule(@Nullable ZonedDateTime nextRunTime, List<PendingRetry> pendingRetries,
            boolean triggerFinished) {
        return new Job(this, nextRunTime, sorted(pendingRetries), triggerFinished);
    }

    /**
     * Returns this job with one more retry waiting.
     * @param retry the retry
     * @return the job
     */
    public Job withPendingRetry(PendingRetry retry) {
        List<PendingRetry> retries = new ArrayList<>(this.pendingRetries);
        retries.add(retry);
        return new Job(this, this.nextRunTime, sorted(retries), this.triggerFinished);
    }

    /**
     * Returns a copy kept in another job store.
     * @param jobstore the job store's alias
     * @return the new job
     */
    public Job withJobstore(String jobstore) {
        return toBuilder().jobstore(jobstore).build();
    }

    /**
     * Returns the job's id, unique within its job store.
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * Returns the job's name (by default its task's name).
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * Returns what the job runs.
     * @return the task reference
     */
    public TaskReference task() {
        return this.task;
    }

    /**
     * Returns the positional arguments, JSON values.
     * @return an unmodifiable list
     */
    public List<@Nullable Object> args() {
        return this.args;
    }

    /**
     * Returns the keyword arguments, JSON values.
     * @return an unmodifiable map
     */
    public Map<String, @Nullable Object> kwargs() {
        return this.kwargs;
    }

    /**
     * Returns the trigger that computes the job's fire times.
     * @return the trigger
     */
    public Trigger trigger() {
        return this.trigger;
    }

    /**
     * Returns the alias of the executor that runs the job.
     * @return the executor alias
     */
    public String executor() {
        return this.executor;
    }

    /**
     * Returns the alias of the job store that holds the job.
     * @return the job store alias
     */
    public String jobstore() {
        return this.jobstore;
    }

    /**
     * Returns how late a run may start and still run.
     * @return the grace time, or empty when runs happen however late
     */
    public Optional<Duration> misfireGraceTime() {
        return Optional.ofNullable(this.misfireGraceTime);
    }

    /**
     * Tells whether several due runs are rolled into one (the latest).
     * @return the coalesce setting
     */
    public boolean coalesce() {
        return this.coalesce;
    }

    /**
     * Returns how many runs of this job may execute at once.
     * @return the instance limit, at least one
     */
    public int maxInstances() {
        return this.maxInstances;
    }

    /**
     * Returns where {@code max_instances} is counted ({@code max_instances_scope}).
     * @return {@link MaxInstancesScope#INSTANCE} (the default) or {@link MaxInstancesScope#CLUSTER}
     */
    public MaxInstancesScope maxInstancesScope() {
        return this.maxInstancesScope;
    }

    /**
     * Returns when the job runs next.
     * @return the next run time, or empty when the job is paused
     */
    public Optional<ZonedDateTime> nextRunTime() {
        return Optional.ofNullable(this.nextRunTime);
    }

    /**
     * Tells whether the job is paused (has no next run time).
     * @return whether the job is paused
     */
    public boolean isPaused() {
        return this.nextRunTime == null && !this.triggerFinished;
    }

    /**
     * Returns when to retry failed runs ({@code max_attempts} and the backoff options).
     * @return the policy, {@link RetryPolicy#NONE} by default
     */
    public RetryPolicy retryPolicy() {
        return this.retryPolicy;
    }

    /**
     * Returns how long a run may take before it is interrupted and recorded as timed out.
     * @return the timeout, or empty for none (the default)
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(this.timeout);
    }

    /**
     * Returns the retries waiting to run, earliest due first.
     * @return the retries
     */
    public List<PendingRetry> pendingRetries() {
        return this.pendingRetries;
    }

    /**
     * Tells whether the job's trigger has no further fire time and the job is kept only for its pending retries: it
     * is removed once they have run.
     * @return whether the trigger is finished
     */
    public boolean triggerFinished() {
        return this.triggerFinished;
    }

    /**
     * Returns when the job next needs the scheduler: the earliest of its next run time and its retries' due times.
     * Job stores order and claim jobs by this time.
     * @return the time, or empty when the job is paused (or finished) with no retry waiting
     */
    public Optional<ZonedDateTime> dueTime() {
        if (this.pendingRetries.isEmpty()) {
            return Optional.ofNullable(this.nextRunTime);
        }
        ZonedDateTime retry = this.pendingRetries.get(0).dueAt();
        if (this.nextRunTime == null || retry.isBefore(this.nextRunTime)) {
            return Optional.of(retry);
        }
        return Optional.of(this.nextRunTime);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Job that && this.id.equals(that.id) && this.name.equals(that.name)
                && this.task.equals(that.task) && this.args.equals(that.args) && this.kwargs.equals(that.kwargs)
                && this.trigger.equals(that.trigger) && this.executor.equals(that.executor)
                && this.jobstore.equals(that.jobstore) && Objects.equals(this.misfireGraceTime, that.misfireGraceTime)
                && this.coalesce == that.coalesce && this.maxInstances == that.maxInstances
                && this.maxInstancesScope == that.maxInstancesScope
                && sameInstant(this.nextRunTime, that.nextRunTime) && this.retryPolicy.equals(that.retryPolicy)
                && Objects.equals(this.timeout, that.timeout) && sameRetries(this.pendingRetries, that.pendingRetries)
                && this.triggerFinished == that.triggerFinished;
    }

    private static boolean sameRetries(List<PendingRetry> a, List<PendingRetry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            PendingRetry x = a.get(i);
            PendingRetry y = b.get(i);
            if (x.attempt() != y.attempt() || !sameInstant(x.fireTime(), y.fireTime())
                    || !sameInstant(x.dueAt(), y.dueAt())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInstant(@Nullable ZonedDateTime a, @Nullable ZonedDateTime b) {
        return (a == null) ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.id, this.name, this.task, this.trigger, this.executor, this.jobstore);
    }

    /**
     * Describes the job as APScheduler prints it:
     * {@code name (trigger: interval[0:00:02], next run at: 2020-01-01 12:00:00 UTC)} or {@code ... paused)}.
     */
    @Override
    public String toString() {
        String status = (this.nextRunTime != null) ? "next run at: " + DateTimes.describe(this.nextRunTime)
                : this.triggerFinished ? "finished" : "paused";
        if (!this.pendingRetries.isEmpty()) {
            status += ", retry at: " + DateTimes.describe(this.pendingRetries.get(0).dueAt());
        }
        return this.name + " (trigger: " + describeTrigger() + ", " + status + ")";
    }

    /**
     * Describes the job's trigger as APScheduler prints it, never failing: a trigger whose description fails (an
     * application's own kind) is shown by its class and the failure, so that logs and job listings still print.
     * @return the description
     */
    public String describeTrigger() {
        try {
            return this.trigger.describe();
        }
        catch (RuntimeException ex) {
            return this.trigger.getClass().getSimpleName() + " (cannot be described: " + ex.getMessage() + ")";
        }
    }

}
