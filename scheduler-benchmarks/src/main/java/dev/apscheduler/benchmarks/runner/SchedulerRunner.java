package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scheduler under test, set up with {@link RunnerEnvironment#WORKERS} workers and its store, held back from
 * running jobs until {@link #release()} so that loading jobs (which takes long with a database) does not overlap the
 * measured work. A runner is used for one workload run and then closed, which stops the scheduler and removes
 * whatever it stored.
 *
 * <p>To benchmark another system (for example another job store of ours), implement this interface and register a
 * factory in {@link Systems}.
 */
public interface SchedulerRunner extends AutoCloseable {

    /**
     * Returns the settings this system runs with, as printed beside its figures (workers, store, polling, ...).
     * @return the settings, by name
     */
    Map<String, Object> settings();

    /**
     * Adds {@code count} one-shot jobs, all due at {@code at}, that run however late they start (so a slow drain
     * shows as lateness, not as dropped runs).
     * @param count how many jobs
     * @param at when they are due
     * @param body what each runs, told its scheduled time
     */
    void scheduleOnce(int count, Instant at, JobBody body);

    /**
     * Adds one job per first fire time, each firing then and every {@code period} after, with the system's default
     * handling of late runs.
     * @param firstFireTimes the first fire time of each job
     * @param period the time between fire times
     * @param body what each runs, told its scheduled time
     */
    void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body);

    /**
     * Lets the scheduler run the jobs: starts or resumes it. A system that cannot be held (it runs jobs as soon as
     * they are scheduled) does nothing here.
     */
    void release();

    /**
     * Stops the scheduler without waiting for running jobs, and removes what it stored.
     */
    @Override
    void close();

}
