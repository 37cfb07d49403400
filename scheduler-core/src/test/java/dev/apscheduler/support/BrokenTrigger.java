package dev.apscheduler.support;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A trigger of an application's own with a bug: it fails to describe itself ({@code "out of order"}) or gives a
 * parameter Jackson cannot write. It never fires. For the tests of listings, which must show every other job.
 *
 * @param failsToDescribe whether {@link #describe()} throws
 * @param unwritable whether {@link #parameters()} holds a value that cannot be written as JSON
 */
public record BrokenTrigger(boolean failsToDescribe, boolean unwritable) implements Trigger {

    /**
     * A trigger whose {@link #describe()} throws.
     * @return the trigger
     */
    public static BrokenTrigger cannotDescribe() {
        return new BrokenTrigger(true, false);
    }

    /**
     * A trigger whose parameters cannot be written as JSON.
     * @return the trigger
     */
    public static BrokenTrigger cannotBeWritten() {
        return new BrokenTrigger(false, true);
    }

    @Override
    public Optional<ZonedDateTime> nextFireTime(@Nullable ZonedDateTime previousFireTime, ZonedDateTime now) {
        return Optional.empty();
    }

    @Override
    public Optional<ZonedDateTime> fireTimeAtOrAfter(ZonedDateTime time) {
        return Optional.empty();
    }

    @Override
    public String alias() {
        return "broken";
    }

    @Override
    public Map<String, Object> parameters() {
        return this.unwritable ? Map.of("value", new Unwritable()) : Map.of();
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public String describe() {
        if (this.failsToDescribe) {
            throw new IllegalStateException("out of order");
        }
        return "broken[]";
    }

    /** A value Jackson cannot write: its only property fails when read. */
    public static final class Unwritable {

        /**
         * Fails.
         * @return never
         */
        public String getValue() {
            throw new IllegalStateException("not today");
        }

    }

}
