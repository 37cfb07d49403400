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
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

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

    private final Builder builder;

    private JobSpec(Builder builder) {
        this.builder = builder.copy();
    }

    /**
     * Starts a job that runs the task registered under {@code taskName}.
     * @param taskName the task's name
     * @return a builder
     */
    public static Builder task(String taskName) {
        return new Builder(TaskReference.named(taskName));
    }

    /**
     * Starts a job that runs inline code; such a job can only be kept in a non-persistent store.
     * @param runnable the code
     * @return a builder
     */
    public static Builder runnable(Runnable runnable) {
        return new Builder(TaskReference.inline(Task.of(runnable), TaskReference.describe(runnable)));
    }

    /**
     * Starts a job that runs inline code whose result becomes the {@code JOB_EXECUTED} event's return value; such a
     * job can only be kept in a non-persistent store.
     * @param callable the code
     * @return a builder
     */
    public static Builder callable(Callable<?> callable) {
        return new Builder(TaskReference.inline(Task.of(callable), TaskReference.describe(callable)));
    }

    /**
     * Starts a job that runs an inline task, which receives the job context; such a job can only be kept in a
     * non-persistent store.
     * @param task the code
     * @return a builder
     */
    public static Builder inline(Task task) {
        return new Builder(TaskReference.inline(task, TaskReference.describe(task)));
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
        return Optional.ofNullable(this.builder.name);
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
     * Returns the trigger alias given with {@link Builder#trigger(String, Map)}.
     * @return the alias, or empty
     */
    public Optional<String> triggerAlias() {
        return Optional.ofNullable(this.builder.triggerAlias);
    }

    /**
     * Returns the trigger parameters given with {@link Builder#trigger(String, Map)}.
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
        return this.builder.executor;
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
        return this.builder.misfireGraceTimeGiven;
    }

    /**
     * Returns the grace time given.
     * @return the grace time, or empty when not given or given as "however late"
     */
    public Optional<Duration> misfireGraceTime() {
        return Optional.ofNullable(this.builder.misfireGraceTime);
    }

    /**
     * Returns the coalesce setting given.
     * @return the setting, or empty for the default
     */
    public Optional<Boolean> coalesce() {
        return Optional.ofNullable(this.builder.coalesce);
    }

    /**
     * Returns the instance limit given.
     * @return the limit, or empty for the default
     */
    public Optional<Integer> maxInstances() {
        return Optional.ofNullable(this.builder.maxInstances);
    }

    /**
     * Tells whether a next run time was given (possibly {@code null}, meaning "paused").
     * @return whether {@code next_run_time} was set
     */
    public boolean nextRunTimeGiven() {
        return this.builder.nextRunTimeGiven;
    }

    /**
     * Returns the next run time given.
     * @return the next run time, or empty when not given or given as paused
     */
    public Optional<ZonedDateTime> nextRunTime() {
        return Optional.ofNullable(this.builder.nextRunTime);
    }

    /**
     * Tells whether a job with the same id in the same store is replaced instead of rejected.
     * @return the {@code replace_existing} setting
     */
    public boolean replaceExisting() {
        return this.builder.replaceExisting;
    }

    /**
     * Builds a {@link JobSpec}. Setters validate at once and name the bad value.
     */
    public static final class Builder {

        private @Nullable String id;

        private @Nullable String name;

        private final TaskReference task;

        private List<?> args = List.of();

        private Map<String, ?> kwargs = Map.of();

        private @Nullable Trigger trigger;

        private @Nullable String triggerAlias;

        private Map<String, ?> triggerParameters = Map.of();

        private String executor = Job.DEFAULT_ALIAS;

        private String jobstore = Job.DEFAULT_ALIAS;

        private boolean misfireGraceTimeGiven;

        private @Nullable Duration misfireGraceTime;

        private @Nullable Boolean coalesce;

        private @Nullable Integer maxInstances;

        private boolean nextRunTimeGiven;

        private @Nullable ZonedDateTime nextRunTime;

        private boolean replaceExisting;

        Builder(TaskReference task) {
            this.task = task;
        }

        /**
         * Sets the id (by default a random UUID in hex).
         * @param id the id
         * @return this builder
         */
        public Builder id(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("job id must not be blank, was '" + id + "'");
            }
            this.id = id;
            return this;
        }

        /**
         * Sets the name (by default the task's name).
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the positional arguments: JSON values (strings, numbers, booleans, null, lists, maps).
         * @param args the arguments
         * @return this builder
         */
        public Builder args(List<?> args) {
            this.args = Objects.requireNonNull(args, "args");
            return this;
        }

        /**
         * Sets the positional arguments: JSON values (strings, numbers, booleans, null, lists, maps).
         * @param args the arguments
         * @return this builder
         */
        public Builder args(@Nullable Object... args) {
            return args(Arrays.asList(args));
        }

        /**
         * Sets the keyword arguments: JSON values (strings, numbers, booleans, null, lists, maps).
         * @param kwargs the arguments
         * @return this builder
         */
        public Builder kwargs(Map<String, ?> kwargs) {
            this.kwargs = Objects.requireNonNull(kwargs, "kwargs");
            return this;
        }

        /**
         * Sets the trigger.
         * @param trigger the trigger
         * @return this builder
         */
        public Builder trigger(Trigger trigger) {
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
        public Builder trigger(String alias, Map<String, ?> parameters) {
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
        public Builder executor(String executor) {
            this.executor = requireAlias(executor, "executor");
            return this;
        }

        /**
         * Sets the job store alias.
         * @param jobstore the alias
         * @return this builder
         */
        public Builder jobstore(String jobstore) {
            this.jobstore = requireAlias(jobstore, "jobstore");
            return this;
        }

        /**
         * Sets how late a run may start and still run.
         * @param misfireGraceTime a positive duration, or {@code null} to run however late
         * @return this builder
         */
        public Builder misfireGraceTime(@Nullable Duration misfireGraceTime) {
            JobDefaults.validateMisfireGraceTime(misfireGraceTime);
            this.misfireGraceTimeGiven = true;
            this.misfireGraceTime = misfireGraceTime;
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
            JobDefaults.validateMaxInstances(maxInstances);
            this.maxInstances = maxInstances;
            return this;
        }

        /**
         * Sets when the job first runs, whatever the trigger says.
         * @param nextRunTime the first run time, or {@code null} to add the job paused
         * @return this builder
         */
        public Builder nextRunTime(@Nullable ZonedDateTime nextRunTime) {
            this.nextRunTimeGiven = true;
            this.nextRunTime = nextRunTime;
            return this;
        }

        /**
         * Adds the job paused: the same as {@code nextRunTime(null)}.
         * @return this builder
         */
        public Builder paused() {
            return nextRunTime(null);
        }

        /**
         * Sets whether a job with the same id in the same store is replaced instead of rejected.
         * @param replaceExisting the setting
         * @return this builder
         */
        public Builder replaceExisting(boolean replaceExisting) {
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

        private Builder copy() {
            Builder copy = new Builder(this.task);
            copy.id = this.id;
            copy.name = this.name;
            copy.args = Collections.unmodifiableList(new ArrayList<>(this.args));
            copy.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(this.kwargs));
            copy.trigger = this.trigger;
            copy.triggerAlias = this.triggerAlias;
            copy.triggerParameters = this.triggerParameters;
            copy.executor = this.executor;
            copy.jobstore = this.jobstore;
            copy.misfireGraceTimeGiven = this.misfireGraceTimeGiven;
            copy.misfireGraceTime = this.misfireGraceTime;
            copy.coalesce = this.coalesce;
            copy.maxInstances = this.maxInstances;
            copy.nextRunTimeGiven = this.nextRunTimeGiven;
            copy.nextRunTime = this.nextRunTime;
            copy.replaceExisting = this.replaceExisting;
            return copy;
        }

        private static String requireAlias(String alias, String what) {
            Objects.requireNonNull(alias, what);
            if (alias.isBlank()) {
                throw new IllegalArgumentException(what + " alias must not be blank, was '" + alias + "'");
            }
            return alias;
        }

    }

}
