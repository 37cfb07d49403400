package dev.apscheduler.store;

import java.util.Objects;

/**
 * A stored job that cannot be restored, as listed by {@link UnrestorableJobs}.
 *
 * @param jobId the job's id
 * @param reason why it cannot be restored, for example an unknown trigger alias or corrupt JSON
 */
public record UnrestorableJob(String jobId, String reason) {

    /**
     * Creates the value.
     * @param jobId the job's id
     * @param reason why it cannot be restored
     */
    public UnrestorableJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(reason, "reason");
    }

}
