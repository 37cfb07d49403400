package com.example.sample.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The schedule of the sample's retried and timed-out jobs ({@code sample.unreliable-jobs.*}): once shortly after the
 * start, then every few minutes, so that they show in the run history without filling the log.
 */
@ConfigurationProperties("sample.unreliable-jobs")
public class UnreliableJobsProperties {

    /**
     * How long after the start the jobs first run.
     */
    private Duration firstRun = Duration.ofSeconds(20);

    /**
     * How often they run after that.
     */
    private Duration interval = Duration.ofMinutes(5);

    /**
     * How long the retried job waits before each retry.
     */
    private Duration retryBackoff = Duration.ofSeconds(2);

    /**
     * How long a run of the hung job may take before it is interrupted.
     */
    private Duration timeout = Duration.ofSeconds(5);

    /**
     * Returns how long after the start the jobs first run.
     * @return the delay
     */
    public Duration getFirstRun() {
        return this.firstRun;
    }

    /**
     * Sets how long after the start the jobs first run.
     * @param firstRun the delay
     */
    public void setFirstRun(Duration firstRun) {
        this.firstRun = firstRun;
    }

    /**
     * Returns how often the jobs run.
     * @return the interval
     */
    public Duration getInterval() {
        return this.interval;
    }

    /**
     * Sets how often the jobs run.
     * @param interval the interval
     */
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /**
     * Returns the wait before each retry of the retried job.
     * @return the wait
     */
    public Duration getRetryBackoff() {
        return this.retryBackoff;
    }

    /**
     * Sets the wait before each retry of the retried job.
     * @param retryBackoff the wait
     */
    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    /**
     * Returns how long a run of the hung job may take.
     * @return the timeout
     */
    public Duration getTimeout() {
        return this.timeout;
    }

    /**
     * Sets how long a run of the hung job may take.
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

}
