package dev.apscheduler.executor;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link VirtualThreadJobExecutor}s: type {@code virtual} (Java 21 or newer), optional option
 * {@code max_workers}.
 */
public final class VirtualThreadJobExecutorFactory implements JobExecutorFactory {

    @Override
    public String type() {
        return VirtualThreadJobExecutor.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("virtual_threads");
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly("executor type 'virtual'", List.of("max_workers"));
        return new VirtualThreadJobExecutor(options.positiveInteger("max_workers").orElse(null));
    }

}
