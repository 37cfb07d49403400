package dev.apscheduler.executor;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates executors of one type from configuration ({@code apscheduler.executors.<alias>.type=<type>} and the
 * options beside it, such as {@code max_workers}). Implementations are found with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services/dev.apscheduler.executor.JobExecutorFactory}); the core registers
 * {@code threadpool}, {@code virtual} and {@code direct} (alias {@code debug}).
 */
public interface JobExecutorFactory {

    /**
     * Returns the type name, for example {@code threadpool}.
     * @return the type name
     */
    String type();

    /**
     * Returns other names the type is known by.
     * @return the aliases, none by default
     */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Creates an executor.
     * @param options the options configured for the executor, with errors naming the keys as written
     * @return a new, not yet started executor
     * @throws dev.apscheduler.ConfigurationException if an option is unknown or invalid, or the type cannot run here
     */
    JobExecutor create(ComponentOptions options);

}
