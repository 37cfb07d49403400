package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.store.MemoryJobStore;
import org.jspecify.annotations.Nullable;

/**
 * One job store of {@code apscheduler.jobstores.<alias>}: its type and settings, handed to the store type's factory
 * as its options.
 */
public class JobStoreProperties {

    /**
     * Store type: 'memory', 'jpa' ('sqlalchemy' is accepted for 'jpa'), 'redis', or a type another module registers.
     */
    private String type = MemoryJobStore.TYPE;

    /**
     * Longest time the scheduler sleeps before looking at a shared store again, so that changes made by other
     * instances are seen within this delay.
     */
    private @Nullable Duration maxWait;

    /**
     * How far ahead of their run time the scheduler claims the store's jobs, so that many jobs due at one instant
     * start at that instant (the 'jpa' store: 250ms by default; 0 claims jobs only once due).
     */
    private @Nullable Duration lookAhead;

    /**
     * Name of the hash of job states of a 'redis' store (default 'apscheduler.jobs'); shares its hash tag with the
     * run times key.
     */
    private @Nullable String jobsKey;

    /**
     * Name of the sorted set of run times of a 'redis' store (default 'apscheduler.run_times'); shares its hash tag
     * with the jobs key.
     */
    private @Nullable String runTimesKey;

    /**
     * How long the claim of an instance that stopped answering holds, in a 'redis' store, before another instance
     * takes its jobs over (default 10s).
     */
    private @Nullable Duration claimLease;

    /**
     * Further settings of the store type, passed to it by name.
     */
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * Returns the store type.
     * @return the type
     */
    public String getType() {
        return this.type;
    }

    /**
     * Sets the store type.
     * @param type the type, for example {@code memory} or {@code jpa}
     */
    public void setType(String type) {
        this.type = type;
    }

    /**
     * Returns the longest time the scheduler sleeps before looking at the store again.
     * @return the delay, or {@code null} for the store's default
     */
    public @Nullable Duration getMaxWait() {
        return this.maxWait;
    }

    /**
     * Sets the longest time the scheduler sleeps before looking at the store again.
     * @param maxWait the delay, or {@code null} for the store's default
     */
    public void setMaxWait(@Nullable Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * Returns how far ahead of their run time the scheduler claims the store's jobs.
     * @return the window, or {@code null} for the store's default
     */
    public @Nullable Duration getLookAhead() {
        return this.lookAhead;
    }

    /**
     * Sets how far ahead of their run time the scheduler claims the store's jobs.
     * @param lookAhead the window, or {@code null} for the store's default
     */
    public void setLookAhead(@Nullable Duration lookAhead) {
        this.lookAhead = lookAhead;
    }

    /**
     * Returns the name of the hash of job states of a {@code redis} store.
     * @return the name, or {@code null} for the default
     */
    public @Nullable String getJobsKey() {
        return this.jobsKey;
    }

    /**
     * Sets the name of the hash of job states of a {@code redis} store.
     * @param jobsKey the name, or {@code null} for the default
     */
    public void setJobsKey(@Nullable String jobsKey) {
        this.jobsKey = jobsKey;
    }

    /**
     * Returns the name of the sorted set of run times of a {@code redis} store.
     * @return the name, or {@code null} for the default
     */
    public @Nullable String getRunTimesKey() {
        return this.runTimesKey;
    }

    /**
     * Sets the name of the sorted set of run times of a {@code redis} store.
     * @param runTimesKey the name, or {@code null} for the default
     */
    public void setRunTimesKey(@Nullable String runTimesKey) {
        this.runTimesKey = runTimesKey;
    }

    /**
     * Returns how long a claim holds in a {@code redis} store before another instance takes the job over.
     * @return the lease, or {@code null} for the default
     */
    public @Nullable Duration getClaimLease() {
        return this.claimLease;
    }

    /**
     * Sets how long a claim holds in a {@code redis} store before another instance takes the job over.
     * @param claimLease the lease, or {@code null} for the default
     */
    public void setClaimLease(@Nullable Duration claimLease) {
        this.claimLease = claimLease;
    }

    /**
     * Returns further settings of the store type.
     * @return the settings by name
     */
    public Map<String, String> getOptions() {
        return this.options;
    }

}
