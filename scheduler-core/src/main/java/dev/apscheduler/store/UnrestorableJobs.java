package dev.apscheduler.store;

import java.util.List;

/**
 * An optional capability of a {@link JobStore}: listing the stored jobs it cannot restore. Such jobs are kept, not
 * deleted, and skipped by the scheduler (see {@link JobStoreContext#reportUnrestorableJob}); a store that implements
 * this interface lets health checks and the actuator endpoint show them until they are fixed or removed, rather than
 * only when an event reports them.
 */
@FunctionalInterface
public interface UnrestorableJobs {

    /**
     * Lists the stored jobs that cannot be restored now.
     * @return the jobs, by id; empty when every stored job can be restored
     */
    List<UnrestorableJob> unrestorableJobs();

}
