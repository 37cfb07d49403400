package dev.apscheduler.spring.boot;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a job's arguments do not fit the parameters of the method its task calls: a positional argument too
 * many, an unknown keyword argument, a parameter without a value, or a value that cannot be converted.
 */
public class TaskArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String part;

    /**
     * Creates the exception.
     * @param part which of the job's arguments are at fault: {@code args} or {@code kwargs}
     * @param message what is wrong, naming the parameter
     * @param cause the conversion failure, or {@code null}
     */
    public TaskArgumentException(String part, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    /**
     * Returns which of the job's arguments are at fault.
     * @return {@code args} or {@code kwargs}
     */
    public String getPart() {
        return this.part;
    }

}
