package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;

/**
 * Stands for a store type whose libraries are missing: creating a store of that type fails with a
 * {@link MissingJobStoreDependencyException} naming the dependency to add, rather than calling the type unknown.
 */
final class MissingDependencyJobStoreFactory implements JobStoreFactory {

    private final String type;

    private final String dependency;

    private final String missingClass;

    MissingDependencyJobStoreFactory(String type, String dependency, String missingClass) {
        this.type = type;
        this.dependency = dependency;
        this.missingClass = missingClass;
    }

    @Override
    public String type() {
        return this.type;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        throw new MissingJobStoreDependencyException(options.keyFor("type"), this.type, this.dependency,
                this.missingClass);
    }

    @Override
    public String toString() {
        return "MissingDependencyJobStoreFactory[" + this.type + ", needs " + this.dependency + "]";
    }

}
