package dev.apscheduler.store;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link MemoryJobStore}s: type {@code memory}, with one option, {@code look_ahead} (a duration, default
 * zero): how far ahead of their run time the scheduler claims jobs.
 */
public final class MemoryJobStoreFactory implements JobStoreFactory {

    /** The option saying how far ahead of their run time the scheduler claims jobs (default zero). */
    public static final String LOOK_AHEAD = "look_ahead";

    @Override
    public String type() {
        return MemoryJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly("job store type 'memory'", List.of(LOOK_AHEAD));
        Duration lookAhead = options.duration(LOOK_AHEAD).orElse(Duration.ZERO);
        if (lookAhead.isNegative()) {
            throw new ConfigurationException(options.keyFor(LOOK_AHEAD), options.raw(LOOK_AHEAD).orElse(lookAhead),
                    "expected a duration of zero or more");
        }
        return new MemoryJobStore(lookAhead);
    }

}
