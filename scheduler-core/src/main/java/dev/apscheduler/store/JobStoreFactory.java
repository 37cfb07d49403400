package dev.apscheduler.store;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;

/**
 * Creates job stores of one type from configuration ({@code apscheduler.jobstores.<alias>.type=<type>} and the
 * options beside it). Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.apscheduler.store.JobStoreFactory}), so a module adds a store type by being on the
 * class path; the core registers {@code memory}.
 */
public interface JobStoreFactory {

    /** The option that sets a store's look-ahead window ({@link JobStore#lookAhead()}). */
    String LOOK_AHEAD = "look_ahead";

    /**
     * The option, accepted by every store type, that sets how many jobs the scheduler hands the store in one
     * {@link JobStore#addJobs(java.util.List, boolean)} call, one transaction or round trip each (default: the store's
     * {@link JobStore#batchSize()}, {@value JobStore#DEFAULT_BATCH_SIZE} unless it says otherwise). The scheduler reads
     * it; a store's factory never sees it.
     */
    String BATCH_SIZE = "batch_size";

    /** The option of a store with run slots saying how long a slot is held without renewal. */
    String RUN_SLOT_LEASE = "run_slot_lease";


    /**
     * Returns the type name, for example {@code memory} or {@code jpa}.
     * @return the type name
     */
    String type();

    /**
     * Returns other names the type is known by, for example {@code sqlalchemy} for {@code jpa}.
     * @return the aliases, none by default
     */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Creates a store.
     * @param options the options configured for the store, with errors naming the keys as written
     * @return a new, not yet started store
     * @throws dev.apscheduler.ConfigurationException if an option is unknown or invalid
     */
    JobStore create(ComponentOptions options);

    /**
     * Reads a store's {@code look_ahead} option ({@link #LOOK_AHEAD}), checked by the rule every store follows
     * ({@link JobStore#checkLookAhead(Duration)}).
     * @param options the store's options
     * @param defaultWindow the window when the option is not given
     * @return the window
     * @throws ConfigurationException naming the key if the value is not a duration of zero or more
     */
    static Duration lookAhead(ComponentOptions options, Duration defaultWindow) {
        Duration lookAhead = options.duration(LOOK_AHEAD).orElse(defaultWindow);
        try {
            return JobStore.checkLookAhead(lookAhead);
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(LOOK_AHEAD), options.raw(LOOK_AHEAD).orElse(lookAhead),
                    "expected a duration of zero or more");
        }
    }

    /**
     * Reads a store's {@code run_slot_lease} option ({@link #RUN_SLOT_LEASE}), checked by the rule every store with
     * run slots follows ({@link RunSlots#checkLease(Duration)}).
     * @param options the store's options
     * @return the lease, {@link RunSlots#DEFAULT_LEASE} when the option is not given
     * @throws ConfigurationException naming the key if the value is not a duration of at least one second
     */
    static Duration runSlotLease(ComponentOptions options) {
        Duration lease = options.duration(RUN_SLOT_LEASE).orElse(RunSlots.DEFAULT_LEASE);
        try {
            return RunSlots.checkLease(lease);
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(RUN_SLOT_LEASE), options.raw(RUN_SLOT_LEASE).orElse(lease),
                    "expected a duration of at least one second");
        }
    }

}
