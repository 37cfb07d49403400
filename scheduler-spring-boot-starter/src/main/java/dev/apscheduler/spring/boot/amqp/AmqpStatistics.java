package dev.apscheduler.spring.boot.amqp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what crosses the broker in this process: the runs published (and confirmed), consumed, acknowledged,
 * received again after a redelivery, and rejected to a dead-letter queue. Exposed as meters when Micrometer is
 * present.
 */
public final class AmqpStatistics {

    private final LongAdder published = new LongAdder();

    private final LongAdder consumed = new LongAdder();

    private final LongAdder acked = new LongAdder();

    private final LongAdder redelivered = new LongAdder();

    private final LongAdder deadLettered = new LongAdder();

    private final LongAdder duplicates = new LongAdder();

    void addPublished(int count) {
        this.published.add(count);
    }

    void addConsumed() {
        this.consumed.increment();
    }

    void addAcked() {
        this.acked.increment();
    }

    void addRedelivered() {
        this.redelivered.increment();
    }

    void addDeadLettered() {
        this.deadLettered.increment();
    }

    void addDuplicate() {
        this.duplicates.increment();
    }

    /**
     * Returns the runs published and confirmed by the broker.
     * @return the count
     */
    public long published() {
        return this.published.sum();
    }

    /**
     * Returns the run messages received by this process's workers.
     * @return the count
     */
    public long consumed() {
        return this.consumed.sum();
    }

    /**
     * Returns the run messages acknowledged once handled.
     * @return the count
     */
    public long acked() {
        return this.acked.sum();
    }

    /**
     * Returns the run messages received with the broker's redelivered flag (their first worker did not
     * acknowledge them).
     * @return the count
     */
    public long redelivered() {
        return this.redelivered.sum();
    }

    /**
     * Returns the messages rejected to a dead-letter queue (unknown task, unreadable body).
     * @return the count
     */
    public long deadLettered() {
        return this.deadLettered.sum();
    }

    /**
     * Returns the run messages acknowledged without running because the run history already had them done or
     * revoked.
     * @return the count
     */
    public long duplicates() {
        return this.duplicates.sum();
    }

}
