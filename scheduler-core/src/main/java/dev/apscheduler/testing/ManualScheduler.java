package dev.apscheduler.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.AbstractScheduler;
import dev.apscheduler.SchedulerBuilder;
import dev.apscheduler.executor.DirectJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler whose loop the test drives, for deterministic tests without sleeping: nothing runs on a thread of its
 * own; {@link #runDue()} processes the jobs due at the clock's time, and {@link #advance(Duration)} moves a
 * {@link MutableClock} forward, stopping at every wake-up a real scheduler would make. The default executor is the
 * {@code direct} one, so jobs have run when these methods return.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
 * ManualScheduler scheduler = ManualScheduler.builder().clock(clock).build();
 * scheduler.addJob("tick", trigger);
 * scheduler.start();
 * scheduler.advance(Duration.ofSeconds(10));   // runs every fire time in those 10 seconds, on time
 * scheduler.jump(Duration.ofSeconds(5));       // a late wake-up: the 5 seconds' fire times are due at once
 * }</pre>
 *
 * <p>Run records are written to the history when {@link #runDue()} returns; a run's {@code timeout} is enforced by
 * these calls too, against the clock (with a thread pool executor, so that the run is not on the caller's thread).
 */
public final class ManualScheduler extends AbstractScheduler {

    /** The most passes one call makes, against a trigger that never stops being due. */
    private static final int MAX_PASSES = 10_000;

    private final @Nullable MutableClock mutableClock;

    private final AtomicInteger wakeups = new AtomicInteger();

    private ManualScheduler(Builder builder) {
        super(builder, DirectJobExecutor::new);
        this.mutableClock = builder.mutableClock;
    }

    /**
     * Starts a builder; its clock is a {@link MutableClock} at the current second unless one is given.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void startLoop(boolean paused) {
    }

    @Override
    protected void stopLoop(Duration timeout) {
    }

    /**
     * Counts the wake-up: a real scheduler would look at its stores now; this one waits for the test.
     */
    @Override
    public void wakeup() {
        storesChanged();
        this.wakeups.incrementAndGet();
    }

    /**
     * Returns how often the scheduler was woken (by {@code addJob}, {@code modifyJob}, {@code resume()}, ...).
     * @return the number of wake-ups
     */
    public int wakeups() {
        return this.wakeups.get();
    }

    /**
     * Processes the jobs due at the clock's current time, as one wake-up of the loop (repeated while a store has
     * more due jobs than one pass takes).
     * @return when the loop would wake next, or empty when it would sleep until woken
     */
    public Optional<Instant> runDue() {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Optional<Duration> wait = processJobs();
            if (wait.isEmpty() || !wait.get().isZero()) {
                // what ran is in the history when this returns
                flushHistory();
            }
            if (wait.isEmpty()) {
                return Optional.empty();
            }
            if (!wait.get().isZero()) {
                return Optional.of(clock().instant().plus(wait.get()));
            }
        }
        throw new IllegalStateException("jobs were still due after " + MAX_PASSES + " passes");
    }

    /**
     * Moves the clock forward by {@code duration}, stopping at every time the loop would wake up on its way (each
     * next run time) and processing the jobs due then: a punctual scheduler.
     * @param duration how far to move
     * @return when the loop would wake next, or empty when it would sleep until woken
     */
    public Optional<Instant> advance(Duration duration) {
        MutableClock clock = mutableClock();
        Instant target = clock.instant().plus(duration);
        Optional<Instant> next = runDue();
        int steps = 0;
        while (next.isPresent() && !next.get().isAfter(target)) {
            if (++steps > MAX_PASSES) {
                throw new IllegalStateException("more than " + MAX_PASSES + " wake-ups before " + target);
            }
            clock.set(next.get().isAfter(clock.instant()) ? next.get() : clock.instant());
            next = runDue();
        }
        clock.set(target);
        return runDue();
    }

    /**
     * Moves the clock forward by {@code duration} at once, then processes what is due: a scheduler that woke late,
     * or a clock that jumped.
     * @param duration how far to move
     * @return when the loop would wake next, or empty when it would sleep until woken
     */
    public Optional<Instant> jump(Duration duration) {
        mutableClock().advance(duration);
        return runDue();
    }

    private MutableClock mutableClock() {
        if (this.mutableClock == null) {
            throw new IllegalStateException("advance() and jump() need a MutableClock; this scheduler was built "
                    + "with " + clock());
        }
        return this.mutableClock;
    }

    /**
     * Builds a {@link ManualScheduler}.
     */
    public static final class Builder extends SchedulerBuilder<Builder, ManualScheduler> {

        private @Nullable MutableClock mutableClock;

        Builder() {
            clock(MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        }

        @Override
        public Builder clock(Clock clock) {
            this.mutableClock = (clock instanceof MutableClock mutable) ? mutable : null;
            return super.clock(clock);
        }

        @Override
        public ManualScheduler build() {
            return new ManualScheduler(this);
        }

    }

}
