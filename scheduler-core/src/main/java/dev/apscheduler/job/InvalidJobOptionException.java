package dev.apscheduler.job;

import java.util.Objects;

/**
 * A job option with a value it cannot take: the option's name (APScheduler's, for example {@code max_instances}) is
 * carried as data, so that callers (the REST API, the actuator, failure analyzers) can name the field without
 * reading the message.
 */
public class InvalidJobOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * Creates the exception.
     * @param parameter the option's name, for example {@code misfire_grace_time}
     * @param message what is wrong, naming the option and the value
     */
    public InvalidJobOptionException(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    /**
     * Returns the option whose value is wrong, under APScheduler's name.
     * @return the option's name, for example {@code max_instances}
     */
    public String parameter() {
        return this.parameter;
    }

}
