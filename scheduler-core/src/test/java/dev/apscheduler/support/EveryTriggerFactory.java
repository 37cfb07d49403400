package dev.apscheduler.support;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerFactory;
import dev.apscheduler.trigger.TriggerParameters;

/**
 * Builds {@link EveryTrigger}s from {@code seconds}, {@code start_date} and {@code timezone}, for tests that register
 * the kind in code (it is not listed in {@code META-INF/services}, so by default it stays unknown).
 */
public final class EveryTriggerFactory implements TriggerFactory {

    @Override
    public String alias() {
        return "every";
    }

    @Override
    public Trigger create(TriggerParameters parameters) {
        parameters.requireOnly(List.of("seconds", "start_date", "timezone"));
        ZoneId zone = parameters.zone("start_date");
        long seconds = parameters.integer("seconds")
            .orElseThrow(() -> parameters.invalid("seconds", "(none)", "is required"));
        return EveryTrigger.every(Duration.ofSeconds(seconds), parameters.dateTime("start_date", zone)
            .orElseThrow(() -> parameters.invalid("start_date", "(none)", "is required")));
    }

}
