package dev.apscheduler.store;

import dev.apscheduler.job.Job;

/**
 * One job claimed by an acquire step: the job as it was stored when claimed, and the decision the store applied.
 *
 * @param job the job as claimed (its next run time is the one that was due)
 * @param decision the run times to submit and the change that was stored
 */
public record AcquiredJob(Job job, JobDecision decision) {
}
