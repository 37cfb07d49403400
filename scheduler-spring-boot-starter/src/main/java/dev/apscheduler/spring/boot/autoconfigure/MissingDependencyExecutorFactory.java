package dev.apscheduler.spring.boot.autoconfigure;

import java.util.List;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;

/**
 * Stands for an executor type whose libraries are missing: creating an executor of that type fails with a
 * {@link MissingExecutorDependencyException} naming the dependency to add, rather than calling the type unknown.
 */
final class MissingDependencyExecutorFactory implements JobExecutorFactory {

    private final String type;

    private final List<String> aliases;

    private final String dependency;

    private final String missingClass;

    MissingDependencyExecutorFactory(String type, List<String> aliases, String dependency, String missingClass) {
        this.type = type;
        this.aliases = aliases;
        this.dependency = dependency;
        this.missingClass = missingClass;
    }

    @Override
    public String type() {
        return this.type;
    }

    @Override
    public List<String> aliases() {
        return this.aliases;
    }

    @Override
    public JobExecutor create(ComponentOptions options) {
        throw new MissingExecutorDependencyException(options.keyFor("type"), this.type, this.dependency,
                this.missingClass);
    }

    @Override
    public String toString() {
        return "MissingDependencyExecutorFactory[" + this.type + ", needs " + this.dependency + "]";
    }

}
