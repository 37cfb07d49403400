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
 * The changes {@code modifyJob} applies to a job, under APScheduler's option names. Only the options set here change;
 * the id and the job store cannot. Changing the trigger does not recompute the next run time (use
 * {@code rescheduleJob} for that), as in APScheduler.
 */
public final class JobChanges {

    private final Builder builder;

    private JobChanges(Builder builder) {
        this.builder = builder;
    }

    /**
     * Starts an empty set of changes.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the change of the next run time alone, which is what pausing and resuming do.
     * @param nextRunTime the new next run time, or {@code null} to pause
     * @return the changes
     */
    public static JobChanges nextRunTime(@Nullable ZonedDateTime nextRunTime) {
        return builder().nextRunTime(nextRunTime).build();
    }

    /**
     * Tells whether these changes set the next run time.
     * @return whether {@code next_run_time} changes
     */
    public boolean changesNextRunTime() {
        return this.builder.options.build().nextRunTimeGiven();
    }

    /**
     * Returns the job with these changes applied.
     * @param job the job as it is
     * @return the changed job
     * @throws dev.apscheduler.InvalidJobException if the result is not a valid job
     */
    public Job applyTo(Job job) {
        JobBuilder result = job.toBuilder();
        Builder changes = this.builder;
        JobOptions options = changes.options.build();
        if (changes.task != null) {
            result.task(changes.task);
            if (options.name().isEmpty() && job.name().equals(job.task().name())) {
                result.name(changes.task.name());
            }
        }
        if (changes.args != null) {
            result.args(changes.args);
        }
        if (changes.kwargs != null) {
            result.kwargs(changes.kwargs);
        }
        if (changes.trigger != null) {
            result.trigger(changes.trigger);
        }
        return options.applyTo(result).build();
    }

    /**
     * Returns the job options these changes set (name, executor, {@code misfire_grace_time}, {@code coalesce},
     * {@code max_instances}, {@code next_run_time}).
     * @return the options
     */
    public JobOptions options() {
        return this.builder.options.build();
    }

    /**
     * Builds {@link JobChanges}.
     */
    public static final class Builder {

        private @Nullable TaskReference task;

        private @Nullable List<?> args;

        private @Nullable Map<String, ?> kwargs;

        private @Nullable Trigger trigger;

        private JobOptions.Builder options = JobOptions.builder();

        Builder() {
        }

        /**
         * Changes the name.
         * @param name the new name
         * @return this builder
         */
        public Builder name(String name) {
            this.options.name(name);
            return this;
        }

        /**
         * Changes the task to the one registered under {@code taskName}.
         * @param taskName the task's name
         * @return this builder
         */
        public Builder task(String taskName) {
            this.task = TaskReference.named(taskName);
            return this;
        }

        /**
         * Changes what the job runs.
         * @param task the task reference
         * @return this builder
         */
        public Builder task(TaskReference task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /**
         * Changes the positional arguments.
         * @param args JSON values
         * @return this builder
         */
        public Builder args(List<?> args) {
            this.args = Objects.requireNonNull(args, "args");
            return this;
        }

        /**
         * Changes the positional arguments.
         * @param args JSON values
         * @return this builder
         */
        public Builder args(@Nullable Object... args) {
            return args(Arrays.asList(args));
        }

        /**
         * Changes the keyword arguments.
         * @param kwargs JSON values
         * @return this builder
         */
        public Builder kwargs(Map<String, ?> kwargs) {
            this.kwargs = Objects.requireNonNull(kwargs, "kwargs");
            return this;
        }

        /**
         * Changes the trigger, keeping the next run time.
         * @param trigger the new trigger
         * @return this builder
         */
        public Builder trigger(Trigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
            return this;
        }

        /**
         * Changes the executor alias.
         * @param executor the alias
         * @return this builder
         */
        public Builder executor(String executor) {
            this.options.executor(executor);
            return this;
        }

        /**
         * Changes how late a run may start and still run.
         * @param misfireGraceTime a positive duration, or {@code null} to run however late
         * @return this builder
         */
        public Builder misfireGraceTime(@Nullable Duration misfireGraceTime) {
            this.options.misfireGraceTime(misfireGraceTime);
            return this;
        }

        /**
         * Changes whether several due runs are rolled into one.
         * @param coalesce the setting
         * @return this builder
         */
        public Builder coalesce(boolean coalesce) {
            this.options.coalesce(coalesce);
            return this;
        }

        /**
         * Changes how many runs may execute at once.
         * @param maxInstances at least one
         * @return this builder
         */
        public Builder maxInstances(int maxInstances) {
            this.options.maxInstances(maxInstances);
            return this;
        }

        /**
         * Changes where {@code max_instances} is counted.
         * @param maxInstancesScope the scope
         * @return this builder
         */
        public Builder maxInstancesScope(MaxInstancesScope maxInstancesScope) {
            this.options.maxInstancesScope(maxInstancesScope);
            return this;
        }

        /**
         * Sets when failed runs are retried ({@code max_attempts} and the backoff options).
         * @param retryPolicy the policy, {@link RetryPolicy#NONE} for no retry
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.options.retryPolicy(retryPolicy);
            return this;
        }

        /**
         * Sets how long a run may take before it is interrupted and recorded as timed out.
         * @param timeout a positive duration, or {@code null} for none
         * @return this builder
         */
        public Builder timeout(@Nullable Duration timeout) {
            this.options.timeout(timeout);
            return this;
        }

        /**
         * Changes the next run time.
         * @param nextRunTime the new next run time, or {@code null} to pause the job
         * @return this builder
         */
        public Builder nextRunTime(@Nullable ZonedDateTime nextRunTime) {
            this.options.nextRunTime(nextRunTime);
            return this;
        }

        /**
         * Changes the options given in {@code options} (the others stay as they are).
         * @param options the options
         * @return this builder
         */
        public Builder options(JobOptions options) {
            this.options = this.options.build().with(options).toBuilder();
            return this;
        }

        /**
         * Builds the changes.
         * @return the changes
         */
        public JobChanges build() {
            Builder copy = new Builder();
            copy.task = this.task;
            copy.args = this.args;
            copy.kwargs = this.kwargs;
            copy.trigger = this.trigger;
            copy.options = this.options.build().toBuilder();
            return new JobChanges(copy);
        }

    }

}
