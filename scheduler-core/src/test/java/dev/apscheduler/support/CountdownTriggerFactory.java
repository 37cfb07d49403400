package dev.apscheduler.support;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerFactory;
import dev.apscheduler.trigger.TriggerParameters;

/**
 * Builds {@link CountdownTrigger}s with the parameter helpers the built-in kinds use. Listed in
 * {@code src/test/resources/META-INF/services/dev.apscheduler.trigger.TriggerFactory}.
 */
public final class CountdownTriggerFactory implements TriggerFactory {

    @Override
    public String alias() {
        return CountdownTrigger.ALIAS;
    }

    @Override
    public Trigger create(TriggerParameters parameters) {
        parameters.requireOnly(List.of("seconds", "count", "start_date", "timezone"));
        ZoneId zone = parameters.zone("start_date");
        int seconds = parameters.integer("seconds").orElse(1);
        if (seconds < 1) {
            throw parameters.invalid("seconds", seconds, "must be at least 1");
        }
        int count = parameters.nonNegativeInteger("count", 1);
        ZonedDateTime start = parameters.dateTime("start_date", zone)
            .orElseGet(() -> ZonedDateTime.now(parameters.clock().withZone(zone)));
        return new CountdownTrigger(Duration.ofSeconds(seconds), count, start);
    }

}
