package dev.apscheduler.spring.boot.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import dev.apscheduler.spring.boot.JobStoreStatus;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpoint;
import dev.apscheduler.spring.boot.actuate.JobExecutionHistory;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the {@link ApschedulerEndpoint}.
 */
@ConfigurationProperties("management.endpoint.apscheduler")
public class ApschedulerEndpointProperties {

    /**
     * When to show unsanitized job argument values and run results.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles used to determine whether a user is authorized to be shown unsanitized job argument values and run
     * results. When empty, all authenticated users are authorized.
     */
    private final Set<String> roles = new HashSet<>();

    /**
     * How many jobs' last executions to remember when the scheduler keeps no run history; beyond that, the least
     * recently run job's is forgotten.
     */
    private int lastExecutionsLimit = JobExecutionHistory.DEFAULT_CAPACITY;

    /**
     * How many jobs of each job store the endpoint's summary lists at most (the first ones by next run time; 0 to
     * 1000). How many jobs each store holds is always shown.
     */
    private int jobsLimit = JobStoreStatus.DEFAULT_JOBS_LIMIT;

    /**
     * Returns when to show unsanitized values.
     * @return the setting
     */
    public Show getShowValues() {
        return this.showValues;
    }

    /**
     * Sets when to show unsanitized values.
     * @param showValues the setting
     */
    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    /**
     * Returns the roles allowed to see unsanitized values.
     * @return the roles, modifiable
     */
    public Set<String> getRoles() {
        return this.roles;
    }

    /**
     * Returns how many jobs' last executions are remembered.
     * @return the limit
     */
    public int getLastExecutionsLimit() {
        return this.lastExecutionsLimit;
    }

    /**
     * Sets how many jobs' last executions are remembered.
     * @param lastExecutionsLimit the limit, at least one
     */
    public void setLastExecutionsLimit(int lastExecutionsLimit) {
        this.lastExecutionsLimit = lastExecutionsLimit;
    }

    /**
     * Returns how many jobs of each store the endpoint's summary lists at most.
     * @return the limit
     */
    public int getJobsLimit() {
        return this.jobsLimit;
    }

    /**
     * Sets how many jobs of each store the endpoint's summary lists at most.
     * @param jobsLimit the limit, 0 to 1000
     */
    public void setJobsLimit(int jobsLimit) {
        this.jobsLimit = jobsLimit;
    }

}
