package dev.apscheduler.job;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A retry waiting in a job's state: the fire time to run again, the attempt it will be, and when it is due. The job
 * store claims the job at the earliest of its next run time and its retries' due times
 * ({@link Job#dueTime()}), so a retry is claimed once across scheduler instances and survives a restart.
 *
 * @param fireTime the fire time the retry runs again
 * @param attempt the attempt number the retry will be, from 2
 * @param dueAt when the retry is due
 */
public record PendingRetry(ZonedDateTime fireTime, int attempt, ZonedDateTime dueAt) {

    /**
     * Checks the values.
     * @param fireTime the fire time the retry runs again
     * @param attempt the attempt number, from 2
     * @param dueAt when the retry is due
     */
    public PendingRetry {
        Objects.requireNonNull(fireTime, "fireTime");
        Objects.requireNonNull(dueAt, "dueAt");
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry's attempt number must be >= 2, was " + attempt);
        }
    }

}
