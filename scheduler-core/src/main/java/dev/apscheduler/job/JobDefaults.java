package dev.apscheduler.job;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The values a job gets for the options {@code addJob} does not set: APScheduler's {@code job_defaults}.
 *
 * @param misfireGraceTime how late a run may start and still run; {@code null} to run however late
 * @param coalesce whether several due runs of one job are rolled into one
 * @param maxInstances how many runs of one job may execute at once
 */
public record JobDefaults(@Nullable Duration misfireGraceTime, boolean coalesce, int maxInstances) {

    /** APScheduler's default {@code misfire_grace_time}: one second. */
    public static final Duration DEFAULT_MISFIRE_GRACE_TIME = Duration.ofSeconds(1);

    /** APScheduler's default {@code coalesce}. */
    public static final boolean DEFAULT_COALESCE = true;

    /** APScheduler's default {@code max_instances}. */
    public static final int DEFAULT_MAX_INSTANCES = 1;

    /** The defaults APScheduler uses. */
    public static final JobDefaults DEFAULTS = new JobDefaults(DEFAULT_MISFIRE_GRACE_TIME, DEFAULT_COALESCE,
            DEFAULT_MAX_INSTANCES);

    /**
     * Creates the defaults, validating each value.
     * @param misfireGraceTime how late a run may start and still run; {@code null} to run however late
     * @param coalesce whether several due runs of one job are rolled into one
     * @param maxInstances how many runs of one job may execute at once
     * @throws InvalidJobOptionException if the grace time is not positive or {@code maxInstances} is below one
     */
    public JobDefaults {
        JobOptions.checkMisfireGraceTime(misfireGraceTime);
        JobOptions.checkMaxInstances(maxInstances);
    }

    /**
     * Returns the grace time.
     * @return the grace time, or empty for "run however late"
     */
    public Optional<Duration> misfireGraceTimeIfLimited() {
        return Optional.ofNullable(this.misfireGraceTime);
    }

    /**
     * Returns a copy with another grace time.
     * @param misfireGraceTime the grace time, or {@code null} to run however late
     * @return the new defaults
     */
    public JobDefaults withMisfireGraceTime(@Nullable Duration misfireGraceTime) {
        return new JobDefaults(misfireGraceTime, this.coalesce, this.maxInstances);
    }

    /**
     * Returns a copy with another coalesce setting.
     * @param coalesce whether due runs are rolled into one
     * @return the new defaults
     */
    public JobDefaults withCoalesce(boolean coalesce) {
        return new JobDefaults(this.misfireGraceTime, coalesce, this.maxInstances);
    }

    /**
     * Returns a copy with another instance limit.
     * @param maxInstances how many runs of one job may execute at once
     * @return the new defaults
     */
    public JobDefaults withMaxInstances(int maxInstances) {
        return new JobDefaults(this.misfireGraceTime, this.coalesce, maxInstances);
    }

}
