package dev.apscheduler.store;

/**
 * How many jobs a job store holds, as it answers in one call ({@link JobStore#jobCounts()}): what monitoring needs
 * (the actuator, health, metrics) without restoring every job.
 *
 * @param total the jobs the store can restore, paused or not
 * @param paused those of them without a next run time
 * @param unrestorable stored jobs the store keeps but cannot restore (not counted in {@code total})
 */
public record JobCounts(long total, long paused, long unrestorable) {

    /** No jobs at all. */
    public static final JobCounts NONE = new JobCounts(0, 0, 0);

    /**
     * Creates the counts.
     * @param total the jobs the store can restore
     * @param paused those of them that are paused
     * @param unrestorable the stored jobs it cannot restore
     * @throws IllegalArgumentException if a count is negative or more jobs are paused than there are
     */
    public JobCounts {
        if (total < 0 || paused < 0 || unrestorable < 0 || paused > total) {
            throw new IllegalArgumentException("invalid job counts: total " + total + ", paused " + paused
                    + ", unrestorable " + unrestorable);
        }
    }

    /**
     * Returns how many jobs have a next run time.
     * @return the jobs that are not paused
     */
    public long scheduled() {
        return this.total - this.paused;
    }

    /**
     * Adds other counts to these.
     * @param other the counts to add
     * @return the sums
     */
    public JobCounts plus(JobCounts other) {
        return new JobCounts(this.total + other.total, this.paused + other.paused,
                this.unrestorable + other.unrestorable);
    }

}
