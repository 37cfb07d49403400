package dev.apscheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.internal.PendingJobs.PendingJob;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobIds;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStore;
import org.jspecify.annotations.Nullable;

/**
 * Finds jobs as APScheduler's {@code _lookup_job} and {@code get_jobs} do: among the pending jobs while the scheduler
 * is stopped, else in the job stores (all of them, or the one named). Called with the scheduler's lock held.
 */
final class JobLookup {

    private final SchedulerCore core;

    private final PendingJobs pending;

    JobLookup(SchedulerCore core, PendingJobs pending) {
        this.core = core;
        this.pending = pending;
    }

    /**
     * Finds a job.
     * @throws JobLookupException if there is none
     */
    Located locate(String jobId, @Nullable String jobstore) {
        if (!JobIds.isValid(jobId)) {
            // no job can have such an id: no store is asked (a database would fail on an id longer than its column)
            throw new JobLookupException(jobId, jobstore);
        }
        if (this.core.state() == SchedulerState.STOPPED) {
            PendingJob job = this.pending.find(jobId, jobstore)
                .orElseThrow(() -> new JobLookupException(jobId, jobstore));
            return new Located(job.materialize(this.core.jobDefaults(), this.core.now()), job.jobstore(), job);
        }
        for (Map.Entry<String, JobStore> entry : storesMatching(jobstore).entrySet()) {
            String alias = entry.getKey();
            Optional<Job> job = StoreCalls.call(alias, "look up job '" + jobId + "'",
                    () -> entry.getValue().lookupJob(jobId));
            if (job.isPresent()) {
                return new Located(job.get(), alias, null);
            }
        }
        throw new JobLookupException(jobId, jobstore);
    }

    List<Job> jobs(@Nullable String jobstore) {
        if (this.core.state() == SchedulerState.STOPPED) {
            return this.pending.list(jobstore).stream()
                .map((job) -> job.materialize(this.core.jobDefaults(), this.core.now()))
                .toList();
        }
        List<Job> jobs = new ArrayList<>();
        storesMatching(jobstore).forEach((alias, store) -> jobs
            .addAll(StoreCalls.call(alias, "list its jobs", store::getAllJobs)));
        return List.copyOf(jobs);
    }

    /**
     * Finds a job.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @return the job, or empty
     */
    public Optional<Job> getJob(String jobId, @Nullable String jobstore) {
        return this.core.locked(() -> {
            try {
                return Optional.of(locate(jobId, jobstore).job());
            }
            catch (JobLookupException ex) {
                return Optional.empty();
            }
        });
    }

    /**
     * Lists jobs: the pending ones while the scheduler is stopped, else the stored ones, store by store, each
     * store's jobs by next run time.
     * @param jobstore the store, or {@code null} for all
     * @return the jobs
     */
    public List<Job> getJobs(@Nullable String jobstore) {
        return this.core.locked(() -> jobs(jobstore));
    }

    /**
     * Finds one page of jobs: among the pending jobs while the scheduler is stopped, else each store's first
     * {@code offset + limit} matches, merged in the query's order.
     * @param jobstore the store, or {@code null} for all
     * @param query the filters, order and window
     * @return the page and the number of matching jobs
     */
    public JobSlice findJobs(@Nullable String jobstore, JobQuery query) {
        return this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                return JobSlice.of(jobs(jobstore), query);
            }
            Map<String, JobStore> stores = storesMatching(jobstore);
            if (stores.size() == 1) {
                Map.Entry<String, JobStore> only = stores.entrySet().iterator().next();
                return StoreCalls.call(only.getKey(), "find jobs", () -> only.getValue().findJobs(query));
            }
            long reach = (long) query.offset() + query.limit();
            if (reach > JobQuery.MAX_LIMIT) {
                // a page this deep across stores: every store's jobs are listed and merged in memory
                return JobSlice.of(jobs(jobstore), query);
            }
            JobQuery head = query.window(0, (int) reach);
            List<Job> merged = new ArrayList<>();
            long total = 0;
            for (Map.Entry<String, JobStore> entry : stores.entrySet()) {
                JobSlice slice = StoreCalls.call(entry.getKey(), "find jobs", () -> entry.getValue().findJobs(head));
                total += slice.total();
                merged.addAll(slice.jobs());
            }
            merged.sort(query.order());
            int from = (int) Math.min(merged.size(), (long) query.offset());
            int to = (int) Math.min(merged.size(), reach);
            return new JobSlice(merged.subList(from, to), total);
        });
    }

    /**
     * Finds a job for {@code runJob}.
     * @param jobId the job's id
     * @param jobstore the store to look in, or {@code null} for all
     * @return the job
     * @throws JobLookupException if there is none
     */
    public Job requireJob(String jobId, @Nullable String jobstore) {
        return this.core.locked(() -> locate(jobId, jobstore).job());
    }

    /**
     * Returns the stores by alias, or only the named one.
     * @throws dev.apscheduler.JobStoreException if a store is named and there is none by that alias
     */
    Map<String, JobStore> storesMatching(@Nullable String jobstore) {
        if (jobstore == null) {
            return this.core.components().stores();
        }
        return Map.of(jobstore, this.core.components().store(jobstore));
    }

    /**
     * A job found, with the alias of its store, and its pending entry when the scheduler is stopped.
     */
    record Located(Job job, String jobstore, @Nullable PendingJob pending) {
    }

}
