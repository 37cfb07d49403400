package dev.apscheduler.spring.boot.actuate;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.Job;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerDescription;
import org.jspecify.annotations.Nullable;

/**
 * Describes a job's trigger for the endpoint: a type-keyed object with its parameters, and the fire times ahead.
 */
final class TriggerDescriptions {

    /** How many fire times the endpoint shows ahead. */
    static final int NEXT_FIRE_TIMES = 5;

    private TriggerDescriptions() {
    }

    /**
     * Describes a trigger as {@code {"type": "cron", "description": "cron[hour='3']", "cron": {"hour": "3", ...}}},
     * with {@code "error"} saying what failed for a trigger that cannot describe itself or give JSON parameters.
     * @param trigger the trigger
     * @return the description
     */
    static Map<String, @Nullable Object> describe(Trigger trigger) {
        TriggerDescription described = TriggerDescription.of(trigger);
        Map<String, @Nullable Object> description = new LinkedHashMap<>();
        description.put("type", described.alias());
        description.put("description", described.description());
        description.put(described.alias(), described.parameters());
        if (described.error() != null) {
            description.put("error", described.error());
        }
        return description;
    }

    /**
     * Lists a job's fire times from its next run time on, as the scheduler would compute them one after another.
     * @param job the job
     * @param count how many at most
     * @return the fire times; none when the job is paused
     */
    static List<ZonedDateTime> nextFireTimes(Job job, int count) {
        List<ZonedDateTime> times = new ArrayList<>(count);
        @Nullable ZonedDateTime next = job.nextRunTime().orElse(null);
        while (next != null && times.size() < count) {
            times.add(next);
            ZonedDateTime following;
            try {
                following = job.trigger().nextFireTime(next, next).orElse(null);
            }
            catch (RuntimeException ex) {
                // an application's own trigger that fails: show the times known so far rather than no job at all
                break;
            }
            // A trigger that does not move forward would repeat the same time: stop rather than list it again.
            next = (following != null && following.isAfter(next)) ? following : null;
        }
        return times;
    }

}
