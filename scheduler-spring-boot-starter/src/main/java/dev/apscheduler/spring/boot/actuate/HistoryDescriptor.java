package dev.apscheduler.spring.boot.actuate;

import java.util.Objects;

import dev.apscheduler.Scheduler;
import dev.apscheduler.history.HistoryStore;
import org.jspecify.annotations.Nullable;

/**
 * The run history store as the endpoint shows it.
 *
 * @param type the store's type, for example {@code memory} or {@code jpa}
 * @param persistent whether its records outlive the process
 * @param failing whether writing records to it fails (they wait in memory and are retried meanwhile)
 * @param error why it fails, or {@code null}
 */
public record HistoryDescriptor(String type, boolean persistent, boolean failing, @Nullable String error) {

    static @Nullable HistoryDescriptor of(Scheduler scheduler) {
        HistoryStore store = scheduler.historyStore().orElse(null);
        if (store == null) {
            return null;
        }
        String error = scheduler.historyFailure()
            .map((failure) -> Objects.requireNonNullElse(failure.getMessage(), failure.toString()))
            .orElse(null);
        return new HistoryDescriptor(store.type(), store.isPersistent(), error != null, error);
    }

}
