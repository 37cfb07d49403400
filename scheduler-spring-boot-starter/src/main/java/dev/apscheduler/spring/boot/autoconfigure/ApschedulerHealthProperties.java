package dev.apscheduler.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code apscheduler} health indicator ({@code apscheduler.health.*}): its failed-runs check, which
 * reads the run history for the jobs whose last runs all failed. The indicator itself is switched on and off with
 * {@code management.health.apscheduler.enabled}, as every health indicator.
 */
@ConfigurationProperties("apscheduler.health")
public class ApschedulerHealthProperties {

    /** The default {@code failed-runs-status}: failing jobs are listed in the details only. */
    public static final String DEFAULT_FAILED_RUNS_STATUS = "UP";

    /**
     * How many completed runs in a row a job must have failed (thrown or timed out) to be listed under 'failingJobs'
     * in the health details. 0 turns the check off.
     */
    private int failedRunsThreshold = 0;

    /**
     * Health status while jobs are failing and the scheduler is otherwise UP. 'UP' lists them in the details only;
     * 'DOWN' or 'OUT_OF_SERVICE' take the application out of service; a status of your own (for example 'DEGRADED')
     * needs a place in management.endpoint.health.status.order.
     */
    private String failedRunsStatus = DEFAULT_FAILED_RUNS_STATUS;

    /**
     * Returns how many failed runs in a row make a job failing.
     * @return the threshold, 0 when the check is off
     */
    public int getFailedRunsThreshold() {
        return this.failedRunsThreshold;
    }

    /**
     * Sets how many failed runs in a row make a job failing.
     * @param failedRunsThreshold the threshold, 0 to turn the check off
     */
    public void setFailedRunsThreshold(int failedRunsThreshold) {
        this.failedRunsThreshold = failedRunsThreshold;
    }

    /**
     * Returns the health status while jobs are failing.
     * @return the status code
     */
    public String getFailedRunsStatus() {
        return this.failedRunsStatus;
    }

    /**
     * Sets the health status while jobs are failing.
     * @param failedRunsStatus a status code such as {@code UP}, {@code DOWN} or {@code OUT_OF_SERVICE}
     */
    public void setFailedRunsStatus(String failedRunsStatus) {
        this.failedRunsStatus = failedRunsStatus;
    }

}
