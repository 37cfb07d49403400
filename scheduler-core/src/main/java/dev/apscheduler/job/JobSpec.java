package dev.apscheduler.job;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.apscheduler.trigger.Trigger;

/**
 * Everything {@code addJob} accepts, under APScheduler's option names: {@code id}, {@code name}, the task,
 * {@code args}, {@code kwargs}, {@code trigger}, {@code executor}, {@code jobstore}, {@code misfire_grace_time},
 * {@code coalesce}, {@code max_instances}, {@code next_run_time} and {@code replace_existing}.
 *
 * <p>Options left unset take the scheduler's job defaults when the job is stored; an unset trigger means "run once,
 * now"; an unset next run time is computed from the trigger, while one explicitly set to {@code null} adds the job
 * paused. Start with {@link #task(String)} for a registered task, or {@link #runnable(Runnable)} /
 * {@link #callable(Callable)} for code that runs from the memory store only.
 */
public final class JobSpec {

    private final JobSpecBuilder builder;

    JobSpec(JobSpecBuilder builder) {
        this.builder = builder.copy();
    }

    /**
     * Starts a job that runs the task registered under {@code taskName}.
     * @param taskName the task's name
     * @return a builder
     */
    public static JobSpecBuilder task(String taskName) {
        return new JobSpecBuilder(TaskReference.named(taskName));
    }

    /**
     * Starts a job that runs inline code; such a job can only be kept in a non-persistent store.
     * @param runnable the code
     * @return a builder
     */
    public static JobSpecBuilder runnable(Runnable runnable) {
        return new JobSpecBuilder(TaskReference.inline(Task.of(runnable), TaskReference.describe(runnable)));
    }

    /**
     * Starts a job that runs inline code whose result becomes the {@code JOB_EXECUTED} event's return value; such a
     * job can only be kept in a non-persistent store.
     * @param callable the code
     * @return a builder
     */
    public static JobSpecBuilder callable(Callable<?> callable) {
        return new JobSpecBuilder(TaskReference.inline(Task.of(callable), TaskReference.describe(callable)));
    }

    /**
     * Starts a job that runs an inline task, which receives the job context; such a job can only be kept in a
     * non-persistent store.
     * @param task the code
     * @return a builder
     */
    public static JobSpecBuilder inline(Task task) {
        return new JobSpecBuilder(TaskReference.inline(task, TaskReference.describe(task)));
    }

    /**
     * Returns the id given.
     * @return the id, or empty for a random one
     */
    public Optional<String> id() {
        return Optional.ofNullable(this.builder.id);
    }

    /**
     * Returns the name given.
     * @return the name, or empty for the task's name
     */
    public Optional<String> name() {
        return options().name();
    }

    /**
     * Returns what the job runs.
     * @return the task reference
     */
    public TaskReference taskReference() {
        return this.builder.task;
    }

    /**
     * Returns the positional arguments as given (checked when the job is built).
     * @return the arguments
     */
    public List<?> args() {
        return this.builder.args;
    }

    /**
     * Returns the keyword arguments as given (checked when the job is built).
     * @return the arguments
     */
    public Map<String, ?> kwargs() {
        return this.builder.kwargs;
    }

    /**
     * Returns the trigger given as an object.
     * @return the trigger, or empty when given by alias or not at all
     */
    public Optional<Trigger> trigger() {
        return Optional.ofNullable(this.builder.trigger);
    }

    /**
     * Returns the trigger alias given with {@link JobSpecBuilder#trigger(String, Map)}.
     * @return the alias, or empty
     */
    public Optional<String> triggerAlias() {
        return Optional.ofNullable(this.builder.triggerAlias);
    }

    /**
     * Returns the trigger parameters given with {@link JobSpecBuilder#trigger(String, Map)}.
     * @return the parameters, empty when none
     */
    public Map<String, ?> triggerParameters() {
        return this.builder.triggerParameters;
    }

    /**
     * Returns the executor alias.
     * @return the alias
     */
    public String executor() {
        return options().executor().orElse(Job.DEFAULT_ALIAS);
    }

    /**
     * Returns the job store alias.
     * @return the alias
     */
    public String jobstore() {
        return this.builder.jobstore;
    }

    /**
     * Tells whether a grace time was given (possibly {@code null}, meaning "however late").
     * @return whether {@code misfire_grace_time} was set
     */
    public boolean misfireGraceTimeGiven() {
        return options().misfireGraceTimeGiven();
    }

    /**
     * Returns the grace time given.
     * @return the grace time, or empty when not given or given as "however late"
     */
    public Optional<Duration> misfireGraceTime() {
        return options().misfireGraceTime();
    }

    /**
     * Returns the coalesce setting given.
     * @return the setting, or empty for the default
     */
    public Optional<Boolean> coalesce() {
        return options().coalesce();
    }

    /**
     * Returns the instance limit given.
     * @return the limit, or empty for the default
     */
    public Optional<Integer> maxInstances() {
        return options().maxInstances();
    }

    /**
     * Returns where {@code max_instances} is counted, if given.
     * @return the scope, or empty for the default ({@link MaxInstancesScope#INSTANCE})
     */
    public Optional<MaxInstancesScope> maxInstancesScope() {
        return options().maxInstancesScope();
    }

    /**
     * Tells whether a next run time was given (possibly {@code null}, meaning "paused").
     * @return whether {@code next_run_time} was set
     */
    public boolean nextRunTimeGiven() {
        return options().nextRunTimeGiven();
    }

    /**
     * Returns the next run time given.
     * @return the next run time, or empty when not given or given as paused
     */
    public Optional<ZonedDateTime> nextRunTime() {
        return options().nextRunTime();
    }

    /**
     * Returns the job options given (name, executor, {@code misfire_grace_time}, {@code coalesce},
     * {@code max_instances}, {@code next_run_time}); those not given take the scheduler's job defaults.
     * @return the options
     */
    public JobOptions options() {
        return this.builder.options.build();
    }

    /**
     * Tells whether a job with the same id in the same store is replaced instead of rejected.
     * @return the {@code replace_existing} setting
     */
    public boolean replaceExisting() {
        return this.builder.replaceExisting;
    }

}
