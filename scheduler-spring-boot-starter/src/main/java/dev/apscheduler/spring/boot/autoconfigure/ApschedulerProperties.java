package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.config.SchedulerConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties of the APScheduler scheduler ({@code apscheduler.*}). They are turned into the core's flat
 * configuration map, so the same validation applies as to APScheduler-style configuration, and errors name the
 * property key.
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
     * Name of this scheduler instance in the run records it writes, to tell apart instances that share a history
     * store. Defaults to the host name and the process id.
     */
    private @Nullable String instanceName;

    /**
     * How long shutdown waits for running jobs to finish, at most 'spring.lifecycle.timeout-per-shutdown-phase' less
     * a tenth of it (at most a second).
     */
    private Duration shutdownTimeout = SchedulerConfig.DEFAULT_SHUTDOWN_TIMEOUT;

    /**
     * How long to wait before asking a failed job store again (doubled on each further failure).
     */
    private Duration jobstoreRetryInterval = SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL;

    /**
     * Job stores by alias. A job names its store by alias; 'default' is used when it names none.
     */
    private final Map<String, JobStoreProperties> jobstores = new LinkedHashMap<>();

    /**
     * Executors by alias: type and max-workers, and for a 'processpool' its worker JVMs (heap, jvm-args,
     * environment, eager, max-tasks-per-child, main-class, start-timeout). A job names its executor by alias;
     * 'default' is used when it names none.
     */
    private final Map<String, ExecutorProperties> executors = new LinkedHashMap<>();

    /**
     * Defaults of the options of every job.
     */
    @NestedConfigurationProperty
    private final JobDefaultsProperties jobDefaults = new JobDefaultsProperties();

    /**
     * Jobs declared in configuration, by job id: each runs a registered task on a trigger. Keys of a job: task, name,
     * trigger ('date', 'interval', 'cron', 'calendarinterval', 'and', 'or', or a kind an application registers; left
     * out, inferred from the params), params (the trigger's parameters under APScheduler's names), args, kwargs,
     * executor, jobstore, coalesce, max-instances, max-instances-scope, misfire-grace-time, max-attempts,
     * retry-backoff, retry-multiplier, retry-max-backoff, retry-jitter, retry-on and timeout.
     */
    private final Map<String, JobProperties> jobs = new LinkedHashMap<>();

    /**
     * Returns whether to auto-configure the scheduler.
     * @return whether the scheduler is auto-configured
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether to auto-configure the scheduler.
     * @param enabled whether the scheduler is auto-configured
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns whether to start the scheduler when the application context starts.
     * @return whether the scheduler starts with the context
     */
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    /**
     * Sets whether to start the scheduler when the application context starts.
     * @param autoStartup whether the scheduler starts with the context
     */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    /**
     * Returns the default time zone.
     * @return the zone id, or {@code null} for the system's
     */
    public @Nullable String getTimezone() {
        return this.timezone;
    }

    /**
     * Sets the default time zone.
     * @param timezone a zone id such as {@code Europe/Helsinki}, or {@code null} for the system's
     */
    public void setTimezone(@Nullable String timezone) {
        this.timezone = timezone;
    }

    /**
     * Returns the name of this scheduler instance in the run records it writes.
     * @return the name, or {@code null} (or blank) for the host name and the process id
     */
    public @Nullable String getInstanceName() {
        return this.instanceName;
    }

    /**
     * Sets the name of this scheduler instance in the run records it writes.
     * @param instanceName the name, or {@code null} (or blank) for the host name and the process id
     */
    public void setInstanceName(@Nullable String instanceName) {
        this.instanceName = instanceName;
    }

    /**
     * Returns how long shutdown waits for running jobs.
     * @return the timeout
     */
    public Duration getShutdownTimeout() {
        return this.shutdownTimeout;
    }

    /**
     * Sets how long shutdown waits for running jobs.
     * @param shutdownTimeout the timeout, zero not to wait
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Returns how long to wait before asking a failed job store again.
     * @return the interval
     */
    public Duration getJobstoreRetryInterval() {
        return this.jobstoreRetryInterval;
    }

    /**
     * Sets how long to wait before asking a failed job store again.
     * @param jobstoreRetryInterval a positive interval
     */
    public void setJobstoreRetryInterval(Duration jobstoreRetryInterval) {
        this.jobstoreRetryInterval = jobstoreRetryInterval;
    }

    /**
     * Returns the job stores by alias.
     * @return the job stores
     */
    public Map<String, JobStoreProperties> getJobstores() {
        return this.jobstores;
    }

    /**
     * Returns the executors by alias.
     * @return the executors
     */
    public Map<String, ExecutorProperties> getExecutors() {
        return this.executors;
    }

    /**
     * Returns the defaults of the options of every job.
     * @return the job defaults
     */
    public JobDefaultsProperties getJobDefaults() {
        return this.jobDefaults;
    }

    /**
     * Returns the jobs declared in configuration, by job id.
     * @return the jobs
     */
    public Map<String, JobProperties> getJobs() {
        return this.jobs;
    }

}
