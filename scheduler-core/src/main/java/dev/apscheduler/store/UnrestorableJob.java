package dev.apscheduler.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A stored job that cannot be restored, as listed by {@link UnrestorableJobs}.
 *
 * @param jobId the job's id
 * @param nextRunTime the next run time stored with it, or {@code null} when it is paused or unknown
 * @param reason why it cannot be restored, for example an unknown trigger alias or corrupt JSON
 */
public record UnrestorableJob(String jobId, @Nullable Instant nextRunTime, String reason) {

    /**
     * Creates the value.
     * @param jobId the job's id
     * @param nextRunTime the next run time stored with it, or {@code null}
     * @param reason why it cannot be restored
     */
    public UnrestorableJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(reason, "reason");
    }

}
