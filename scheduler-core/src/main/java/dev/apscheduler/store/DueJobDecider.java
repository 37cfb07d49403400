package dev.apscheduler.store;

import dev.apscheduler.job.Job;

/**
 * The engine's decision function, which a store calls for each due job it claims inside its atomic acquire step.
 * A pure computation (trigger arithmetic, no I/O, no waiting), so a store may call it while holding locks or inside a
 * database transaction. It never throws: a job whose trigger fails is paused by the decision.
 */
@FunctionalInterface
public interface DueJobDecider {

    /**
     * Decides what happens to a due job.
     * @param job the job as stored, with a next run time at or before the acquire step's {@code now}
     * @return the decision the store applies
     */
    JobDecision decide(Job job);

}
