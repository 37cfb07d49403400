package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.ConfigurationException;

/**
 * Thrown when a job store type is asked for whose libraries are not on the class path.
 */
public class MissingJobStoreDependencyException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String type;

    private final String dependency;

    /**
     * Creates the exception.
     * @param key the property that asks for the type, for example {@code apscheduler.jobstores.default.type}
     * @param type the store type
     * @param dependency the dependency to add, as Maven coordinates
     * @param missingClass a class of it that is not on the class path
     */
    public MissingJobStoreDependencyException(String key, String type, String dependency, String missingClass) {
        super(key, key + ": job store type '" + type + "' needs " + dependency + " on the class path (" + missingClass
                + " was not found)");
        this.type = type;
        this.dependency = dependency;
    }

    /**
     * Returns the store type.
     * @return the type
     */
    public String type() {
        return this.type;
    }

    /**
     * Returns the dependency to add.
     * @return its Maven coordinates
     */
    public String dependency() {
        return this.dependency;
    }

}
