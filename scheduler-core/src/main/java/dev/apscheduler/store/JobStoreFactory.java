package dev.apscheduler.store;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;

/**
 * Creates job stores of one type from configuration ({@code apscheduler.jobstores.<alias>.type=<type>} and the
 * options beside it). Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.apscheduler.store.JobStoreFactory}), so a module adds a store type by being on the
 * class path; the core registers {@code memory}.
 */
public interface JobStoreFactory {

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

}
