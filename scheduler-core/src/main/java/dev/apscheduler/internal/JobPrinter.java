package dev.apscheduler.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;

/**
 * Writes the job list as APScheduler's {@code print_jobs} does: pending jobs while stopped, else each job store
 * (sorted by alias) with its jobs, one per line.
 */
final class JobPrinter {

    private final SchedulerCore core;

    private final JobOperations jobs;

    /**
     * Creates the printer.
     * @param core the scheduler's state
     * @param jobs the job operations
     */
    public JobPrinter(SchedulerCore core, JobOperations jobs) {
        this.core = core;
        this.jobs = jobs;
    }

    /**
     * Writes the job list.
     * @param jobstore the store to list, or {@code null} for all
     * @param out where to write
     */
    public void print(@Nullable String jobstore, Appendable out) {
        try {
            if (this.core.state() == SchedulerState.STOPPED) {
                out.append("Pending jobs:").append(System.lineSeparator());
                List<Job> pending = this.jobs.lookup().getJobs(jobstore);
                if (pending.isEmpty()) {
                    out.append("    No pending jobs").append(System.lineSeparator());
                }
                for (Job job : pending) {
                    out.append("    ").append(job.name()).append(" (trigger: ").append(job.describeTrigger())
                        .append(", pending)").append(System.lineSeparator());
                }
                return;
            }
            Map<String, ?> stores = new TreeMap<>(this.core.components().stores());
            for (String alias : stores.keySet()) {
                if (jobstore != null && !jobstore.equals(alias)) {
                    continue;
                }
                out.append("Jobstore ").append(alias).append(':').append(System.lineSeparator());
                List<Job> jobs = this.jobs.lookup().getJobs(alias);
                if (jobs.isEmpty()) {
                    out.append("    No scheduled jobs").append(System.lineSeparator());
                }
                for (Job job : jobs) {
                    out.append("    ").append(job.toString()).append(System.lineSeparator());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
