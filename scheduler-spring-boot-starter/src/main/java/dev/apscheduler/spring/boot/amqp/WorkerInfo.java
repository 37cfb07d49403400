package dev.apscheduler.spring.boot.amqp;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A worker as its heartbeats describe it.
 *
 * @param name the worker's name
 * @param queues the queues it consumes
 * @param concurrency how many runs it executes at once
 * @param prefetch how many unacknowledged messages each consumer may hold
 * @param lastSeen when its last heartbeat arrived, or {@code null} in a heartbeat being sent
 */
public record WorkerInfo(String name, List<String> queues, int concurrency, int prefetch, @Nullable Instant lastSeen) {

    /**
     * Returns this worker seen at a time.
     * @param seen when its heartbeat arrived
     * @return the worker
     */
    WorkerInfo seenAt(Instant seen) {
        return new WorkerInfo(this.name, this.queues, this.concurrency, this.prefetch, seen);
    }

}
