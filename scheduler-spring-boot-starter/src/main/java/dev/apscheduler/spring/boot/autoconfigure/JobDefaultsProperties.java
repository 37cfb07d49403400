package dev.apscheduler.spring.boot.autoconfigure;

import java.time.temporal.ChronoUnit;

import dev.apscheduler.job.JobDefaults;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code apscheduler.job-defaults}: the values jobs get for the options they do not set, APScheduler's
 * {@code job_defaults}.
 */
public class JobDefaultsProperties {

    /**
     * Whether to run a job once instead of several times when several of its runs are due at once.
     */
    private boolean coalesce = JobDefaults.DEFAULT_COALESCE;

    /**
     * Largest number of concurrently running instances of one job.
     */
    private int maxInstances = JobDefaults.DEFAULT_MAX_INSTANCES;

    /**
     * How late a run may start and still run: a duration ('30s', '5m', 'PT30S', or seconds), or 'none' to run
     * however late.
     */
    private String misfireGraceTime = DurationStyle.SIMPLE.print(JobDefaults.DEFAULT_MISFIRE_GRACE_TIME,
            ChronoUnit.SECONDS);

    /**
     * Returns whether due runs are rolled into one.
     * @return the coalesce setting
     */
    public boolean isCoalesce() {
        return this.coalesce;
    }

    /**
     * Sets whether due runs are rolled into one.
     * @param coalesce the coalesce setting
     */
    public void setCoalesce(boolean coalesce) {
        this.coalesce = coalesce;
    }

    /**
     * Returns the largest number of concurrently running instances of one job.
     * @return the limit
     */
    public int getMaxInstances() {
        return this.maxInstances;
    }

    /**
     * Sets the largest number of concurrently running instances of one job.
     * @param maxInstances the limit, at least one
     */
    public void setMaxInstances(int maxInstances) {
        this.maxInstances = maxInstances;
    }

    /**
     * Returns how late a run may start and still run.
     * @return a duration, or {@code none}
     */
    public String getMisfireGraceTime() {
        return this.misfireGraceTime;
    }

    /**
     * Sets how late a run may start and still run.
     * @param misfireGraceTime a duration, or {@code none} to run however late
     */
    public void setMisfireGraceTime(String misfireGraceTime) {
        this.misfireGraceTime = misfireGraceTime;
    }

}
