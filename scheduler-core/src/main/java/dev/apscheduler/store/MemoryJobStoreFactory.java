package dev.apscheduler.store;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link MemoryJobStore}s: type {@code memory}, with two options, {@code look_ahead} (a duration, default
 * zero): how far ahead of their run time the scheduler claims jobs, and {@code run_slot_lease} (default 30 s): how
 * long a run slot of a job counted across the cluster is held without renewal.
 */
public final class MemoryJobStoreFactory implements JobStoreFactory {

    /** The option saying how far ahead of their run time the scheduler claims jobs (default zero). */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    /** The option saying how long a run slot is held without renewal (default 30 seconds). */
    public static final String RUN_SLOT_LEASE = JobStoreFactory.RUN_SLOT_LEASE;

    @Override
    public String type() {
        return MemoryJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly("job store type 'memory'", List.of(LOOK_AHEAD, RUN_SLOT_LEASE));
        return new MemoryJobStore(JobStoreFactory.lookAhead(options, Duration.ZERO))
            .runSlotLease(JobStoreFactory.runSlotLease(options));
    }

}
