package dev.apscheduler.store;

import java.time.Duration;

/**
 * A job store's count of running instances shared by every scheduler instance using the store: what enforces
 * {@code max_instances} across the cluster for jobs whose {@code max_instances_scope} is {@code cluster}. Each
 * running submission holds one slot, named by an id the scheduler makes up, under a lease the scheduler renews
 * while the run lasts ({@link #renew}, at a third of {@link #lease()}); a slot whose lease has run out (its
 * instance died or lost the store) no longer counts, and is free for others to take.
 *
 * <p>Offered by a store through {@link JobStore#runSlots()}; a store that cannot offer it refuses jobs with the
 * cluster scope. Leases are measured with the store's clock (the scheduler's, from {@link JobStoreContext#clock()}),
 * so the instances sharing a store are expected to have synchronised clocks, as for every other shared time.
 * Implementations are thread-safe and atomic: however many callers in however many processes call
 * {@link #acquire} at once, no more than {@code maxInstances} unexpired slots of one job exist.
 */
public interface RunSlots {

    /** How long a slot is held without renewal, by default. */
    Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /**
     * Returns how long a slot is held after it is taken or renewed.
     * @return the lease, positive
     */
    Duration lease();

    /**
     * Takes a slot for a job if fewer than {@code maxInstances} unexpired slots of that job are held.
     * @param jobId the job's id
     * @param slotId the new slot's id, unique
     * @param maxInstances the job's {@code max_instances}
     * @return whether the slot was taken
     */
    boolean acquire(String jobId, String slotId, int maxInstances);

    /**
     * Extends a held slot's lease by {@link #lease()} from now.
     * @param jobId the job's id
     * @param slotId the slot's id
     * @return whether the slot was still held; {@code false} when its lease ran out and it was taken or cleared
     */
    boolean renew(String jobId, String slotId);

    /**
     * Gives a slot back; does nothing if it is no longer held.
     * @param jobId the job's id
     * @param slotId the slot's id
     */
    void release(String jobId, String slotId);

    /**
     * Counts a job's unexpired slots: how many of its runs are running across the cluster.
     * @param jobId the job's id
     * @return the number of slots
     */
    int count(String jobId);

    /**
     * Checks a lease: the one rule every store with a {@code run_slot_lease} option follows.
     * @param lease the lease
     * @return the lease
     * @throws IllegalArgumentException if it is shorter than a second
     */
    static Duration checkLease(Duration lease) {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("run_slot_lease must be at least 1 second, was " + lease);
        }
        return lease;
    }

}
