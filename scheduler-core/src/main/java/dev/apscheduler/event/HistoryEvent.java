package dev.apscheduler.event;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An event about the run history: {@code HISTORY_FAILED} (writing run records failed; they wait and are retried) or
 * {@code HISTORY_RECOVERED}.
 *
 * @param code the event code
 * @param historyType the history store's type, for example {@code jpa}
 * @param exception the failure ({@code HISTORY_FAILED} only)
 */
public record HistoryEvent(int code, String historyType, @Nullable Throwable exception) implements SchedulerEvent {

    /**
     * Returns the failure, for {@code HISTORY_FAILED}.
     * @return the exception, or empty
     */
    public Optional<Throwable> exceptionIfAny() {
        return Optional.ofNullable(this.exception);
    }

}
