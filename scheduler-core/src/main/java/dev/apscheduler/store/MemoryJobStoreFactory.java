package dev.apscheduler.store;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link MemoryJobStore}s: type {@code memory}, which takes no options.
 */
public final class MemoryJobStoreFactory implements JobStoreFactory {

    @Override
    public String type() {
        return MemoryJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        options.requireOnly("job store type 'memory'", List.of());
        return new MemoryJobStore();
    }

}
