package dev.apscheduler.spring.boot;

import java.util.Optional;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.job.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one declared job into a started scheduler: a job store that already holds the same definition keeps its
 * job, and so its schedule state (next run time, paused or not), so that runs missed while the application was down
 * are handled by {@code misfire_grace_time} and {@code coalesce}; a changed definition replaces the stored job, with a
 * next run time computed afresh; a missing job is added. A job of the same id in another store (the declaration
 * moved) is removed.
 */
final class DeclaredJobReconciler {

    private static final Logger logger = LoggerFactory.getLogger(DeclaredJobReconciler.class);

    /**
     * What happened to a declared job.
     */
    enum Outcome {

        /** The store held no job of that id: it was added. */
        ADDED,

        /** The store held the same definition: it was kept as stored. */
        KEPT,

        /** The store held another definition: it was replaced. */
        REPLACED

    }

    private DeclaredJobReconciler() {
    }

    static Outcome reconcile(Scheduler scheduler, DeclaredJob declared) {
        String jobstore = declared.spec().jobstore();
        try {
            removeFromOtherStores(scheduler, declared);
            Optional<Job> stored = scheduler.getJob(declared.id(), jobstore);
            if (stored.isPresent() && JobDefinitions.sameDefinition(stored.get(), declared.spec(), scheduler)) {
                logger.info("Keeping job '{}' as stored in job store '{}': its definition is unchanged",
                        declared.id(), jobstore);
                return Outcome.KEPT;
            }
            scheduler.addJob(declared.spec());
            if (stored.isPresent()) {
                logger.info("Replaced job '{}' in job store '{}': its definition changed", declared.id(), jobstore);
                return Outcome.REPLACED;
            }
            return Outcome.ADDED;
        }
        catch (SchedulerException | IllegalArgumentException ex) {
            throw declared.source().invalid(null, "cannot schedule job '" + declared.id() + "': " + ex.getMessage(),
                    ex);
        }
    }

    private static void removeFromOtherStores(Scheduler scheduler, DeclaredJob declared) {
        for (String alias : scheduler.jobStoreAliases()) {
            if (alias.equals(declared.spec().jobstore())) {
                continue;
            }
            try {
                if (scheduler.getJob(declared.id(), alias).isPresent()) {
                    logger.info("Removing job '{}' from job store '{}': it is now declared in job store '{}'",
                            declared.id(), alias, declared.spec().jobstore());
                    scheduler.removeJob(declared.id(), alias);
                }
            }
            catch (SchedulerException ex) {
                // another store being unreachable must not stop this job: it is retried at the next start
                logger.warn("Could not check job store '{}' for an older copy of job '{}': {}", alias,
                        declared.id(), ex.getMessage());
            }
        }
    }

}
