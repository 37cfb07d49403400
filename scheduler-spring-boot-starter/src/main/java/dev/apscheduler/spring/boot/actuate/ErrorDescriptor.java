package dev.apscheduler.spring.boot.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of an error answer of the endpoint's web operations: what was wrong, in the fields of Boot's error
 * responses.
 *
 * @param status the HTTP status code
 * @param error the status's reason phrase, for example {@code Not Found}
 * @param message what was wrong, naming the value
 */
public record ErrorDescriptor(int status, String error, String message) implements OperationResponseBody {

    /** The status of a request for a job or run that does not exist, or for runs when no history is kept. */
    static final int NOT_FOUND = 404;

    /** The status of a request that names no action or an unknown one, or a bad page of runs. */
    static final int BAD_REQUEST = 400;

    /** The status of an action the job's or the scheduler's state does not allow now. */
    static final int CONFLICT = 409;

    /** The status of a request for runs while the run history store fails. */
    static final int SERVICE_UNAVAILABLE = 503;

    static ErrorDescriptor of(int status, String message) {
        String error = switch (status) {
            case NOT_FOUND -> "Not Found";
            case BAD_REQUEST -> "Bad Request";
            case CONFLICT -> "Conflict";
            case SERVICE_UNAVAILABLE -> "Service Unavailable";
            default -> "Error";
        };
        return new ErrorDescriptor(status, error, message);
    }

}
