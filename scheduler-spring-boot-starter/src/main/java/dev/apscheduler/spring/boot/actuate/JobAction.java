package dev.apscheduler.spring.boot.actuate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /actuator/apscheduler/jobs/{id}} may do to a job.
 */
public enum JobAction {

    /** Pause the job: it stays stored without a next run time. */
    PAUSE,

    /** Resume a paused job at its trigger's next fire time. */
    RESUME,

    /** Run the job now, outside its trigger; its next run time does not change. */
    RUN;

    /**
     * Returns the action's name as requests spell it.
     * @return the name in lower case
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an action as a request spells it, in any case.
     * @param action the action, for example {@code pause}
     * @return the action
     * @throws IllegalArgumentException naming the value and the valid actions when it is missing or unknown
     */
    public static JobAction from(@Nullable String action) {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("Missing action; expected one of " + valid());
        }
        return Arrays.stream(values())
            .filter((candidate) -> candidate.id().equalsIgnoreCase(action.trim()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(
                    "Unknown action '" + action + "'; expected one of " + valid()));
    }

    private static String valid() {
        return Arrays.stream(values()).map(JobAction::id).collect(Collectors.joining(", "));
    }

}
