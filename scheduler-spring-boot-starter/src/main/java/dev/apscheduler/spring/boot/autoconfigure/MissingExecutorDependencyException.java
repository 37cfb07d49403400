package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.ConfigurationException;

/**
 * Thrown when an executor type is asked for whose libraries are not on the class path.
 */
public class MissingExecutorDependencyException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String dependency;

    /**
     * Creates the exception.
     * @param key the property that asks for the type, for example {@code apscheduler.executors.default.type}
     * @param type the executor type
     * @param dependency the dependency to add, as Maven coordinates
     * @param missingClass a class of it that is not on the class path
     */
    public MissingExecutorDependencyException(String key, String type, String dependency, String missingClass) {
        super(key, key + ": executor type '" + type + "' needs " + dependency + " on the class path (" + missingClass
                + " was not found)");
        this.dependency = dependency;
    }

    /**
     * Returns the dependency to add.
     * @return Maven coordinates
     */
    public String dependency() {
        return this.dependency;
    }

}
