package dev.apscheduler.trigger;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a trigger cannot be built from the values given: the message names the parameter (or cron field) and
 * the offending value, and {@link #parameter()} gives the parameter's name as data, so that callers (an API reporting
 * the field at fault, a configuration error naming the key) need not read it from the message.
 */
public class InvalidTriggerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String parameter;

    /**
     * Creates the exception for a problem that is not one parameter's.
     * @param message what is wrong, naming the values concerned
     */
    public InvalidTriggerException(String message) {
        this(message, null, null);
    }

    /**
     * Creates the exception for a problem that is not one parameter's.
     * @param message what is wrong, naming the values concerned
     * @param cause the underlying parse failure
     */
    public InvalidTriggerException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * Creates the exception.
     * @param message what is wrong, naming the parameter and the value
     * @param parameter the offending parameter under its APScheduler (snake_case) name, or {@code null} when the
     * problem is not one parameter's
     * @param cause the underlying failure, or {@code null}
     */
    public InvalidTriggerException(String message, @Nullable String parameter, @Nullable Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /**
     * Returns the parameter at fault, under its APScheduler name ({@code day_of_week}, {@code start_date},
     * {@code crontab} for a crontab line, {@code triggers} for a combined trigger's child).
     * @return the parameter's name, or empty when the problem is not one parameter's (an unknown alias, a rule
     * between several parameters)
     */
    public Optional<String> parameter() {
        return Optional.ofNullable(this.parameter);
    }

}
