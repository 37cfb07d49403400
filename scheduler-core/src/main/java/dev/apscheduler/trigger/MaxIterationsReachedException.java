package dev.apscheduler.trigger;

/**
 * Thrown when an {@link AndTrigger} gives up looking for a time on which all its triggers agree: the schedules may
 * never coincide within the threshold. The message names the trigger, the number of iterations and the time range
 * searched.
 */
public class MaxIterationsReachedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what was searched, naming the trigger
     */
    public MaxIterationsReachedException(String message) {
        super(message);
    }

}
