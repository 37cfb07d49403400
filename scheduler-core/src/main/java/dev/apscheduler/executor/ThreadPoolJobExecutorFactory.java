package dev.apscheduler.executor;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates {@link ThreadPoolJobExecutor}s: type {@code threadpool}, option {@code max_workers} (default 10).
 */
public final class ThreadPoolJobExecutorFactory implements JobExecutorFactory {

    @Override
    public String type() {
        return ThreadPoolJobExecutor.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("thread_pool");
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        options.requireOnly("executor type 'threadpool'", List.of("max_workers"));
        return new ThreadPoolJobExecutor(
                options.positiveInteger("max_workers").orElse(ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS));
    }

}
