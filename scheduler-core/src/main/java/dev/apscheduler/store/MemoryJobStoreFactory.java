package dev.apscheduler.store;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link MemoryJobStore}s: type {@code memory}, with one option, {@code look_ahead} (a duration, default
 * zero): how far ahead of their run time the scheduler claims jobs.
 */
public final class MemoryJobStoreFactory implements JobStoreFactory {

    /** The option saying how far ahead of their run time the scheduler claims jobs (default zero). */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    @Override
    public String type() {
        return MemoryJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly("job store type 'memory'", List.of(LOOK_AHEAD));
        return new MemoryJobStore(JobStoreFactory.lookAhead(options, Duration.ZERO));
    }

}
