package dev.apscheduler.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Run slots kept in memory, for the memory store and for tests: each job's slots and their expiry times, under one
 * lock. Within one process a cluster is the process itself, but leases still expire, so that a store shared by
 * several schedulers in one JVM behaves as a persistent store does.
 */
final class MemoryRunSlots implements RunSlots {

    private final Map<String, Map<String, Instant>> slots = new HashMap<>();

    private volatile Duration lease = RunSlots.DEFAULT_LEASE;

    private volatile Clock clock = Clock.systemUTC();

    void lease(Duration lease) {
        this.lease = RunSlots.checkLease(lease);
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Duration lease() {
        return this.lease;
    }

    @Override
    public synchronized boolean acquire(String jobId, String slotId, int maxInstances) {
        Instant now = this.clock.instant();
        Map<String, Instant> held = live(jobId, now);
        if (held.size() >= maxInstances && !held.containsKey(slotId)) {
            return false;
        }
        held.put(slotId, now.plus(this.lease));
        return true;
    }

    @Override
    public synchronized boolean renew(String jobId, String slotId) {
        Instant now = this.clock.instant();
        Map<String, Instant> held = live(jobId, now);
        if (!held.containsKey(slotId)) {
            forgetIfEmpty(jobId, held);
            return false;
        }
        held.put(slotId, now.plus(this.lease));
        return true;
    }

    @Override
    public synchronized void release(String jobId, String slotId) {
        Map<String, Instant> held = this.slots.get(jobId);
        if (held != null) {
            held.remove(slotId);
            forgetIfEmpty(jobId, held);
        }
    }

    @Override
    public synchronized int count(String jobId) {
        Map<String, Instant> held = live(jobId, this.clock.instant());
        int count = held.size();
        forgetIfEmpty(jobId, held);
        return count;
    }

    /** Returns the job's slots, expired ones dropped. */
    private Map<String, Instant> live(String jobId, Instant now) {
        Map<String, Instant> held = this.slots.computeIfAbsent(jobId, (id) -> new HashMap<>());
        held.values().removeIf((expiresAt) -> !expiresAt.isAfter(now));
        return held;
    }

    private void forgetIfEmpty(String jobId, Map<String, Instant> held) {
        if (held.isEmpty()) {
            this.slots.remove(jobId);
        }
    }

}
