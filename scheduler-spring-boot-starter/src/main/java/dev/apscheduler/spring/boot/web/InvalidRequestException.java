package dev.apscheduler.spring.boot.web;

/**
 * A request that cannot be carried out because of one of its fields: the message says what is wrong with the value
 * given, {@link #field()} names the field (APScheduler's option names, {@code params.<name>} for a trigger
 * parameter), so that an API can answer 400 with it and a form can highlight it.
 */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     * @param field the bad field
     * @param message what is wrong with its value
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * Returns the name of the bad field.
     * @return the field
     */
    public String field() {
        return this.field;
    }

}
