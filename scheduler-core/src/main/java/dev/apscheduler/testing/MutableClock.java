package dev.apscheduler.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A clock that stands still until a test moves it: {@link #set(Instant)} and {@link #advance(Duration)}. Views made
 * with {@link #withZone(ZoneId)} share the same time, so a scheduler that reads the clock in its own zone sees every
 * change. Thread-safe.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;

    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    /**
     * Creates a clock standing at {@code instant}, in UTC.
     * @param instant the initial time
     * @return the clock
     */
    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
    }

    /**
     * Creates a clock standing at {@code dateTime}, in its zone.
     * @param dateTime the initial time
     * @return the clock
     */
    public static MutableClock at(ZonedDateTime dateTime) {
        return new MutableClock(new AtomicReference<>(dateTime.toInstant()), dateTime.getZone());
    }

    /**
     * Creates a clock standing at an ISO-8601 instant such as {@code 2030-01-01T12:00:00Z}.
     * @param instant the initial time
     * @return the clock
     */
    public static MutableClock at(String instant) {
        return at(Instant.parse(instant));
    }

    /**
     * Moves the clock to {@code instant} (backwards too).
     * @param instant the new time
     */
    public void set(Instant instant) {
        this.instant.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the clock to {@code dateTime}.
     * @param dateTime the new time
     */
    public void set(ZonedDateTime dateTime) {
        set(dateTime.toInstant());
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     * @param duration how far
     * @return the new time
     */
    public Instant advance(Duration duration) {
        return this.instant.updateAndGet((now) -> now.plus(duration));
    }

    /**
     * Returns the current time in this clock's zone.
     * @return now
     */
    public ZonedDateTime now() {
        return ZonedDateTime.ofInstant(instant(), this.zone);
    }

    @Override
    public Instant instant() {
        return Objects.requireNonNull(this.instant.get());
    }

    @Override
    public ZoneId getZone() {
        return this.zone;
    }

    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(this.instant, zone);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof MutableClock that && this.instant == that.instant && this.zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this.instant) * 31 + this.zone.hashCode();
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + ", " + this.zone + "]";
    }

}
