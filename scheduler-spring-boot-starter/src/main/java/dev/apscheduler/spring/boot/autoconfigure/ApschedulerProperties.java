package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the APScheduler scheduler ({@code apscheduler.*}). They are turned into the core's
 * flat configuration map, so the same validation applies as to APScheduler-style configuration.
 */
@ConfigurationProperties("apscheduler")
public class ApschedulerProperties {

    /**
     * Whether to auto-configure the scheduler.
     */
    private boolean enabled = true;

    /**
     * Whether to start the scheduler when the application context starts.
     */
    private boolean autoStartup = true;

    /**
     * Default time zone of triggers and of the scheduler, for example 'Europe/Helsinki'. Defaults to the system's.
     */
    private @Nullable String timezone;

    /**
     * How long shutdown waits for running jobs to finish.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /**
     * How long to wait before retrying a job store that failed.
     */
    private @Nullable Duration jobstoreRetryInterval;

    /**
     * Job stores by alias. A job names its store by alias; 'default' is used when it names none.
     */
    private final Map<String, JobStore> jobstores = new LinkedHashMap<>();

    /**
     * Executors by alias. A job names its executor by alias; 'default' is used when it names none.
     */
    private final Map<String, Executor> executors = new LinkedHashMap<>();

    /**
     * Defaults of the options of every job.
     */
    private final JobDefaults jobDefaults = new JobDefaults();

    /**
     * Jobs declared in configuration, by job id: each runs a registered task on a trigger.
     */
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public @Nullable String getTimezone() {
        return this.timezone;
    }

    public void setTimezone(@Nullable String timezone) {
        this.timezone = timezone;
    }

    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public @Nullable Duration getJobstoreRetryInterval() {
        return this.jobstoreRetryInterval;
    }

    public void setJobstoreRetryInterval(@Nullable Duration jobstoreRetryInterval) {
        this.jobstoreRetryInterval = jobstoreRetryInterval;
    }

    public Map<String, JobStore> getJobstores() {
        return this.jobstores;
    }

    public Map<String, Executor> getExecutors() {
        return this.executors;
    }

    public JobDefaults getJobDefaults() {
        return this.jobDefaults;
    }

    public Map<String, Job> getJobs() {
        return this.jobs;
    }

    /**
     * A job store.
     */
    public static class JobStore {

        /**
         * Store type: 'memory' or 'jpa' ('sqlalchemy' is accepted for 'jpa'), or a type another module registers.
         */
        private String type = "memory";

        /**
         * Longest time the scheduler sleeps before looking at a shared store again, so that changes made by other
         * instances are seen within this delay.
         */
        private @Nullable Duration maxWait;

        /**
         * Further settings of the store type, passed to it by name.
         */
        private final Map<String, String> options = new LinkedHashMap<>();

        public String getType() {
            return this.type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public @Nullable Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(@Nullable Duration maxWait) {
            this.maxWait = maxWait;
        }

        public Map<String, String> getOptions() {
            return this.options;
        }

    }

    /**
     * An executor.
     */
    public static class Executor {

        /**
         * Executor type: 'threadpool', 'virtual' (Java 21+) or 'direct' (runs jobs on the scheduler's thread).
         */
        private String type = "threadpool";

        /**
         * Largest number of jobs the executor runs at once.
         */
        private @Nullable Integer maxWorkers;

        public String getType() {
            return this.type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public @Nullable Integer getMaxWorkers() {
            return this.maxWorkers;
        }

        public void setMaxWorkers(@Nullable Integer maxWorkers) {
            this.maxWorkers = maxWorkers;
        }

    }

    /**
     * Defaults of the options of every job.
     */
    public static class JobDefaults {

        /**
         * Whether to run a job once instead of several times when several of its runs are due at once.
         */
        private @Nullable Boolean coalesce;

        /**
         * Largest number of concurrently running instances of one job.
         */
        private @Nullable Integer maxInstances;

        /**
         * How late a run may start and still run, as a duration ('30s'), or 'none' to run however late.
         */
        private @Nullable String misfireGraceTime;

        public @Nullable Boolean getCoalesce() {
            return this.coalesce;
        }

        public void setCoalesce(@Nullable Boolean coalesce) {
            this.coalesce = coalesce;
        }

        public @Nullable Integer getMaxInstances() {
            return this.maxInstances;
        }

        public void setMaxInstances(@Nullable Integer maxInstances) {
            this.maxInstances = maxInstances;
        }

        public @Nullable String getMisfireGraceTime() {
            return this.misfireGraceTime;
        }

        public void setMisfireGraceTime(@Nullable String misfireGraceTime) {
            this.misfireGraceTime = misfireGraceTime;
        }

    }

    /**
     * A job declared in configuration.
     */
    public static class Job {

        /**
         * Name of the registered task the job runs.
         */
        private @Nullable String task;

        /**
         * Human-readable name of the job. Defaults to the task name.
         */
        private @Nullable String name;

        /**
         * Trigger alias: 'cron', 'interval', 'date', 'calendarinterval', 'and' or 'or'. Left out, it is inferred from
         * the parameters: 'crontab' alone means cron, interval units mean interval, 'run-date' means date.
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
         * Alias of the executor that runs the job.
         */
        private @Nullable String executor;

        /**
         * Alias of the job store that keeps the job.
         */
        private @Nullable String jobstore;

        /**
         * Whether to run the job once instead of several times when several of its runs are due at once.
         */
        private @Nullable Boolean coalesce;

        /**
         * Largest number of concurrently running instances of the job.
         */
        private @Nullable Integer maxInstances;

        /**
         * How late a run may start and still run, as a duration ('30s'), or 'none' to run however late.
         */
        private @Nullable String misfireGraceTime;

        public @Nullable String getTask() {
            return this.task;
        }

        public void setTask(@Nullable String task) {
            this.task = task;
        }

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getTrigger() {
            return this.trigger;
        }

        public void setTrigger(@Nullable String trigger) {
            this.trigger = trigger;
        }

        public Map<String, Object> getParams() {
            return this.params;
        }

        public List<Object> getArgs() {
            return this.args;
        }

        public Map<String, Object> getKwargs() {
            return this.kwargs;
        }

        public @Nullable String getExecutor() {
            return this.executor;
        }

        public void setExecutor(@Nullable String executor) {
            this.executor = executor;
        }

        public @Nullable String getJobstore() {
            return this.jobstore;
        }

        public void setJobstore(@Nullable String jobstore) {
            this.jobstore = jobstore;
        }

        public @Nullable Boolean getCoalesce() {
            return this.coalesce;
        }

        public void setCoalesce(@Nullable Boolean coalesce) {
            this.coalesce = coalesce;
        }

        public @Nullable Integer getMaxInstances() {
            return this.maxInstances;
        }

        public void setMaxInstances(@Nullable Integer maxInstances) {
            this.maxInstances = maxInstances;
        }

        public @Nullable String getMisfireGraceTime() {
            return this.misfireGraceTime;
        }

        public void setMisfireGraceTime(@Nullable String misfireGraceTime) {
            this.misfireGraceTime = misfireGraceTime;
        }

    }

}
