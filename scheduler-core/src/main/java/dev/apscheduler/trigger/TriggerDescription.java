package dev.apscheduler.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a listing shows of a trigger: its alias, its description ({@link Trigger#describe()}) and its parameters
 * ({@link Trigger#parameters()}), taken without failing. Every trigger of this library describes itself and gives
 * JSON parameters; an application's own trigger may not, and a listing of jobs (the REST API's, the actuator's) must
 * show every other job all the same: such a trigger is shown with {@link #error()} saying what failed.
 *
 * @param alias the trigger's alias
 * @param description the description, or {@code null} when the trigger failed to describe itself
 * @param parameters the parameters, or {@code null} when the trigger failed to give them or they cannot be written
 * as JSON
 * @param error what failed, or {@code null} when nothing did
 */
public record TriggerDescription(String alias, @Nullable String description, @Nullable Map<String, Object> parameters,
        @Nullable String error) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Describes a trigger.
     * @param trigger the trigger
     * @return the description; never throws
     */
    public static TriggerDescription of(Trigger trigger) {
        List<String> errors = new ArrayList<>();
        String alias;
        try {
            alias = trigger.alias();
        }
        catch (RuntimeException ex) {
            alias = trigger.getClass().getSimpleName();
            errors.add("the trigger has no alias: " + ex.getMessage());
        }
        String description = null;
        try {
            description = trigger.describe();
        }
        catch (RuntimeException ex) {
            errors.add("the trigger cannot be described: " + ex.getMessage());
        }
        Map<String, Object> parameters = null;
        try {
            Map<String, Object> given = trigger.parameters();
            // written once here so that a listing, which writes it again, cannot fail on it
            JSON.writeValueAsString(given);
            parameters = given;
        }
        catch (RuntimeException ex) {
            errors.add("the trigger's parameters cannot be written as JSON");
        }
        return new TriggerDescription(alias, description, parameters,
                errors.isEmpty() ? null : String.join("; ", errors));
    }

}
