package dev.apscheduler.internal;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Jobs added before the scheduler starts: APScheduler's {@code _pending_jobs}. They are validated when added and
 * stored when the scheduler starts, taking the job defaults and computing their next run time at that moment
 * (a job without a trigger runs once, when the scheduler starts). Guarded by the scheduler's lock.
 */
final class PendingJobs {

    private final List<PendingJob> jobs = new ArrayList<>();

    /**
     * Adds a pending job; a job with the same id for the same store is replaced when {@code replace_existing} is set,
     * else refused.
     */
    Job add(JobSpec spec, String id, @Nullable Trigger trigger, JobDefaults defaults, ZonedDateTime now) {
        PendingJob job = new PendingJob(spec, id, trigger, List.of());
        Job preview = job.materialize(defaults, now);
        Optional<PendingJob> existing = find(id, spec.jobstore());
        if (existing.isPresent()) {
            if (!spec.replaceExisting()) {
                throw new ConflictingIdException(id, spec.jobstore());
            }
            this.jobs.set(this.jobs.indexOf(existing.get()), job);
        }
        else {
            this.jobs.add(job);
        }
        return preview;
    }

    Optional<PendingJob> find(String id, @Nullable String jobstore) {
        return this.jobs.stream()
            .filter((job) -> job.id().equals(id) && (jobstore == null || jobstore.equals(job.jobstore())))
            .findFirst();
    }

    Job modify(PendingJob job, JobChanges changes, JobDefaults defaults, ZonedDateTime now) {
        List<JobChanges> allChanges = new ArrayList<>(job.changes());
        allChanges.add(changes);
        PendingJob modified = new PendingJob(job.spec(), job.id(), job.trigger(), List.copyOf(allChanges));
        Job preview = modified.materialize(defaults, now);
        this.jobs.set(this.jobs.indexOf(job), modified);
        return preview;
    }

    void remove(PendingJob job) {
        this.jobs.remove(job);
    }

    void removeAll(@Nullable String jobstore) {
        this.jobs.removeIf((job) -> jobstore == null || jobstore.equals(job.jobstore()));
    }

    List<PendingJob> list(@Nullable String jobstore) {
        return this.jobs.stream().filter((job) -> jobstore == null || jobstore.equals(job.jobstore())).toList();
    }

    /**
     * A job waiting for the scheduler to start: its specification and the changes made to it since.
     */
    record PendingJob(JobSpec spec, String id, @Nullable Trigger trigger, List<JobChanges> changes) {

        String jobstore() {
            return this.spec.jobstore();
        }

        Job materialize(JobDefaults defaults, ZonedDateTime now) {
            return JobFactory.create(this.spec, this.id, this.trigger, this.changes, defaults, now);
        }

    }

}
