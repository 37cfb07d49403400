package dev.apscheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of running runs with a {@code timeout}, enforced by the scheduler's loop against the scheduler's
 * clock: the loop wakes at the earliest deadline and calls what interrupts each run whose deadline has passed.
 * Thread-safe: workers add and cancel watches, the loop expires them.
 */
final class RunTimeouts {

    private static final Logger logger = LoggerFactory.getLogger(RunTimeouts.class);

    private final SchedulerCore core;

    private final PriorityQueue<Watch> watches = new PriorityQueue<>();

    private final AtomicLong sequence = new AtomicLong();

    RunTimeouts(SchedulerCore core) {
        this.core = core;
    }

    /**
     * Watches a deadline; wakes the loop when it becomes the earliest.
     * @return cancels the watch
     */
    Runnable watch(Instant deadline, Runnable onTimeout) {
        Watch watch = new Watch(deadline, this.sequence.incrementAndGet(), onTimeout);
        boolean earliest;
        synchronized (this.watches) {
            this.watches.add(watch);
            earliest = this.watches.peek() == watch;
        }
        if (earliest) {
            this.core.wakeup();
        }
        return watch::cancel;
    }

    /**
     * Calls the timeouts whose deadline has passed, outside any lock.
     * @param now the scheduler's current time
     */
    void expire(Instant now) {
        List<Watch> expired = new ArrayList<>(0);
        synchronized (this.watches) {
            while (!this.watches.isEmpty()) {
                Watch first = this.watches.peek();
                if (first.cancelled.get()) {
                    this.watches.poll();
                }
                else if (!first.deadline.isAfter(now)) {
                    expired.add(this.watches.poll());
                }
                else {
                    break;
                }
            }
        }
        for (Watch watch : expired) {
            if (watch.cancelled.compareAndSet(false, true)) {
                try {
                    watch.onTimeout.run();
                }
                catch (RuntimeException ex) {
                    logger.error("Interrupting a timed-out run failed", ex);
                }
            }
        }
    }

    /**
     * Returns the earliest deadline still watched.
     * @return the deadline, or empty
     */
    Optional<Instant> earliest() {
        synchronized (this.watches) {
            while (!this.watches.isEmpty() && this.watches.peek().cancelled.get()) {
                this.watches.poll();
            }
            return this.watches.isEmpty() ? Optional.empty() : Optional.of(this.watches.peek().deadline);
        }
    }

    private record Watch(Instant deadline, long sequence, Runnable onTimeout, AtomicBoolean cancelled)
            implements Comparable<Watch> {

        Watch(Instant deadline, long sequence, Runnable onTimeout) {
            this(deadline, sequence, onTimeout, new AtomicBoolean());
        }

        void cancel() {
            this.cancelled.set(true);
        }

        @Override
        public int compareTo(Watch other) {
            int byDeadline = this.deadline.compareTo(other.deadline);
            return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
        }

    }

}
