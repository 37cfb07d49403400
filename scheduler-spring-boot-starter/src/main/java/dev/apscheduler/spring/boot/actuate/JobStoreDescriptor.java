package dev.apscheduler.spring.boot.actuate;

import java.util.List;

import dev.apscheduler.spring.boot.JobStoreStatus;
import dev.apscheduler.store.UnrestorableJob;
import org.jspecify.annotations.Nullable;

/**
 * A job store as the endpoint shows it.
 *
 * @param type the store's type, for example {@code memory} or {@code jpa}
 * @param jobs how many jobs it holds (counted by the store), or {@code null} when it failed to count them
 * @param reachable whether it answers
 * @param error why it is unreachable, or {@code null}
 * @param unrestorableJobs the stored jobs it cannot restore (kept and skipped), or {@code null} when there are none
 */
public record JobStoreDescriptor(String type, @Nullable Integer jobs, boolean reachable, @Nullable String error,
        @Nullable List<UnrestorableJob> unrestorableJobs) {

    static JobStoreDescriptor of(JobStoreStatus status) {
        return new JobStoreDescriptor(status.type(), status.totalJobs().map(Math::toIntExact).orElse(null),
                status.reachable(), status.error(),
                status.unrestorableJobs().isEmpty() ? null : status.unrestorableJobs());
    }

}
