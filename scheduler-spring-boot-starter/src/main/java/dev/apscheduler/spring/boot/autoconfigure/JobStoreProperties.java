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
     * Store type: 'memory' or 'jpa' ('sqlalchemy' is accepted for 'jpa'), or a type another module registers.
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
     * Returns further settings of the store type.
     * @return the settings by name
     */
    public Map<String, String> getOptions() {
        return this.options;
    }

}
