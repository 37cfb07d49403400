package dev.apscheduler.executor;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link DirectJobExecutor}s: type {@code direct}, also known by APScheduler's name {@code debug}; no
 * options.
 */
public final class DirectJobExecutorFactory implements JobExecutorFactory {

    @Override
    public String type() {
        return DirectJobExecutor.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("debug");
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly("executor type 'direct'", List.of());
        return new DirectJobExecutor();
    }

}
