package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of the run history, for a scheduler that keeps one: {@link ApschedulerMeters#HISTORY_FAILURES}, counted
 * from {@code HISTORY_FAILED} events (registered at zero, so that an alert on its increase needs no first outage),
 * and {@link ApschedulerMeters#HISTORY_FAILING}, read from {@link Scheduler#historyFailure()}.
 */
final class HistoryMeters {

    private HistoryMeters() {
    }

    static void bindTo(Scheduler scheduler, MeterRegistry registry) {
        if (scheduler.historyStore().isEmpty()) {
            return;
        }
        Counter failures = Counter.builder(ApschedulerMeters.HISTORY_FAILURES)
            .description("Run history outages: each time writing run records started failing")
            .register(registry);
        scheduler.addListener((event) -> failures.increment(), EventCodes.HISTORY_FAILED);
        Gauge.builder(ApschedulerMeters.HISTORY_FAILING, () -> scheduler.historyFailure().isPresent() ? 1 : 0)
            .description("Whether writing run records to the history fails (1) or not (0)")
            .strongReference(true)
            .register(registry);
    }

}
