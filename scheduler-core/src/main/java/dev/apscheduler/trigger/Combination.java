package dev.apscheduler.trigger;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What {@link AndTrigger} and {@link OrTrigger} share: the combined triggers, the zone their string form is read in,
 * the optional jitter, and how they are read, written and described.
 */
record Combination(String alias, List<Trigger> triggers, ZoneId zone, @Nullable Duration jitter) {

    Combination {
        triggers = List.copyOf(triggers);
        if (triggers.isEmpty()) {
            throw new InvalidTriggerException("trigger '" + alias + "': give at least one trigger to combine");
        }
        jitter = (jitter != null && !jitter.isZero()) ? jitter : null;
    }

    /**
     * Combines triggers built in Java, in the zone of the first one.
     */
    static Combination of(String alias, Trigger... triggers) {
        List<Trigger> list = List.of(Objects.requireNonNull(triggers, "triggers"));
        return new Combination(alias, list, list.isEmpty() ? ZoneId.systemDefault() : list.get(0).zone(), null);
    }

    /**
     * Reads {@code triggers} (a list of {@code {trigger, params}} maps, each built by the registry that builds the
     * combination, so that it may combine any registered kind), {@code timezone} and {@code jitter}. The
     * combination's {@code timezone}, else the caller's default zone, is its zone and the default zone of the
     * combined triggers; without either, each one resolves its zone on its own (from its dates, else the system's)
     * and the combination takes the first one's, as {@link #of(String, Trigger...)} does.
     */
    static Combination read(TriggerParameters parameters) {
        ZoneId explicitZone = parameters.has("timezone") ? parameters.zone() : parameters.defaultZone().orElse(null);
        List<Trigger> triggers = new ArrayList<>();
        List<Map<String, ?>> specifications = parameters.maps("triggers");
        for (int i = 0; i < specifications.size(); i++) {
            triggers.add(child(parameters, "triggers[" + i + "]", specifications.get(i), explicitZone));
        }
        ZoneId zone = (explicitZone != null) ? explicitZone
                : triggers.isEmpty() ? ZoneId.systemDefault() : triggers.get(0).zone();
        return new Combination(parameters.alias(), triggers, zone, Jitter.read(parameters));
    }

    private static Trigger child(TriggerParameters parameters, String name, Map<String, ?> specification,
            @Nullable ZoneId zone) {
        for (String key : specification.keySet()) {
            if (!key.equals("trigger") && !key.equals("params")) {
                throw parameters.invalid(name, specification, "unknown key '" + key + "' (known: params, trigger)");
            }
        }
        Object alias = specification.get("trigger");
        if (!(alias instanceof CharSequence)) {
            throw parameters.invalid(name, specification, "'trigger' must name the trigger's alias");
        }
        Object params = specification.get("params");
        if (params != null && !(params instanceof Map<?, ?>)) {
            throw parameters.invalid(name, specification, "'params' must be a map of parameters");
        }
        Map<String, Object> childParameters = new LinkedHashMap<>();
        if (params != null) {
            ((Map<?, ?>) params).forEach((key, value) -> childParameters.put(String.valueOf(key), value));
        }
        try {
            return parameters.registry().create(alias.toString(), childParameters, zone, parameters.clock());
        }
        catch (InvalidTriggerException ex) {
            throw new InvalidTriggerException("trigger '" + parameters.alias() + "' parameter '" + name + "': "
                    + ex.getMessage(), name, ex);
        }
    }

    Combination withJitter(Duration jitter) {
        return new Combination(this.alias, this.triggers, this.zone, Jitter.validate(jitter, this.alias));
    }

    /**
     * Returns a fire time with the jitter applied, in this trigger's zone.
     */
    ZonedDateTime finish(ZonedDateTime fireTime) {
        return Jitter.apply(fireTime, this.jitter, null).withZoneSameInstant(this.zone);
    }

    /**
     * Returns the combined triggers in string form: a list of {@code {trigger, params}} maps.
     */
    List<Map<String, Object>> writeTriggers() {
        List<Map<String, Object>> written = new ArrayList<>();
        for (Trigger trigger : this.triggers) {
            Map<String, Object> specification = new LinkedHashMap<>();
            specification.put("trigger", trigger.alias());
            specification.put("params", trigger.parameters());
            written.add(Collections.unmodifiableMap(specification));
        }
        return Collections.unmodifiableList(written);
    }

    void writeZoneAndJitter(Map<String, Object> parameters) {
        parameters.put("timezone", this.zone.getId());
        if (this.jitter != null) {
            parameters.put("jitter", Jitter.write(this.jitter));
        }
    }

    /**
     * Describes the combination as APScheduler 3 prints it: {@code and[cron[hour='3'], interval[0:00:02]]}.
     */
    String describe() {
        return this.triggers.stream().map(Trigger::describe).collect(Collectors.joining(", ", this.alias + "[", "]"));
    }

    /**
     * Returns the instant just after {@code time}, to search a trigger's next time strictly after one it produced.
     */
    static ZonedDateTime justAfter(ZonedDateTime time) {
        return time.plusNanos(1);
    }

}
