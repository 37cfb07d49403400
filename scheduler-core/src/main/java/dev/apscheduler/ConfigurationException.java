package dev.apscheduler;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when configuration is invalid: the message names the key as it was written (for example
 * {@code apscheduler.executors.default.max_workers}), the value, and what was expected.
 */
public class ConfigurationException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String key;

    /**
     * Creates the exception for an invalid value.
     * @param key the key as written
     * @param value the offending value
     * @param expected what the key accepts
     */
    public ConfigurationException(String key, @Nullable Object value, String expected) {
        super(key + ": invalid value '" + value + "': " + expected);
        this.key = key;
    }

    /**
     * Creates the exception with a message of its own.
     * @param key the key concerned, or {@code null} when the problem is not one key's
     * @param message what is wrong, naming the key
     */
    public ConfigurationException(@Nullable String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * Creates the exception with a message of its own and a cause.
     * @param key the key concerned, or {@code null} when the problem is not one key's
     * @param message what is wrong, naming the key
     * @param cause the underlying failure
     */
    public ConfigurationException(@Nullable String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * Returns the key concerned, as written.
     * @return the key, or {@code null} when the problem is not one key's
     */
    public @Nullable String key() {
        return this.key;
    }

}
