package dev.apscheduler.store;

import java.util.List;
import java.util.Objects;

import dev.apscheduler.job.Job;

/**
 * The jobs a {@link JobQuery} found: one page of them and how many match in all.
 *
 * @param jobs the page of jobs, in the query's order
 * @param total how many jobs match the query's filters, across all pages
 */
public record JobSlice(List<Job> jobs, long total) {

    /**
     * Creates a slice.
     * @param jobs the page of jobs
     * @param total how many jobs match in all, at least as many as the page holds
     */
    public JobSlice {
        jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs"));
        if (total < jobs.size()) {
            throw new IllegalArgumentException("total must be >= " + jobs.size() + " (the page), was " + total);
        }
    }

    /**
     * Finds a query's jobs among a list, in memory: what a store that cannot query on its side does.
     * @param jobs every job of the store
     * @param query the query
     * @return the slice
     */
    public static JobSlice of(List<Job> jobs, JobQuery query) {
        List<Job> matching = jobs.stream().filter(query::matches).sorted(query.order()).toList();
        int from = (int) Math.min(matching.size(), (long) query.offset());
        int to = (int) Math.min(matching.size(), (long) from + query.limit());
        return new JobSlice(matching.subList(from, to), matching.size());
    }

}
