package dev.apscheduler.benchmarks.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.benchmarks.runner.SchedulerRunner;

/**
 * {@code burst} and {@code sleepy}: N one-shot jobs due at the same instant, a lead time from now. They are loaded
 * while the scheduler is held, the heap is collected ({@link System#gc()}, for every system alike: the drain is not
 * charged with collecting what loading left behind, which differs from system to system and would otherwise land in
 * a drain of a few milliseconds or not by chance), then the scheduler is released; the reference instant is the due
 * time, or the release if loading and collecting took longer than the lead (reported as {@code load_overran}).
 * Measured: lateness (start minus reference), drain time (last job's end minus reference) and throughput (jobs per
 * second of drain time); {@code sleepy} jobs sleep and their drain time is compared with the ideal N·D/workers.
 */
public final class OneShotWorkload implements Workload {

    private final String name;

    private final int jobs;

    private final Duration sleep;

    private final Duration lead;

    private final Duration timeout;

    private final int workers;

    private OneShotWorkload(String name, int jobs, Duration sleep, Duration lead, Duration timeout, int workers) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, was " + jobs);
        }
        this.name = name;
        this.jobs = jobs;
        this.sleep = sleep;
        this.lead = lead;
        this.timeout = timeout;
        this.workers = workers;
    }

    /**
     * Creates a burst: jobs that do nothing but record their start.
     * @param jobs how many jobs
     * @param lead how far ahead of the load's start the jobs are due
     * @param timeout how long to wait for them
     * @return the workload
     */
    public static OneShotWorkload burst(int jobs, Duration lead, Duration timeout) {
        return new OneShotWorkload("burst", jobs, Duration.ZERO, lead, timeout, 1);
    }

    /**
     * Creates a sleepy workload: jobs that sleep, on a given number of workers.
     * @param jobs how many jobs
     * @param sleep how long each job sleeps
     * @param workers the workers of the system, for the ideal drain time
     * @param lead how far ahead of the load's start the jobs are due
     * @param timeout how long to wait for them
     * @return the workload
     */
    public static OneShotWorkload sleepy(int jobs, Duration sleep, int workers, Duration lead, Duration timeout) {
        return new OneShotWorkload("sleepy", jobs, sleep, lead, timeout, workers);
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jobs", this.jobs);
        if (!this.sleep.isZero()) {
            parameters.put("sleep_ms", this.sleep.toMillis());
        }
        parameters.put("lead_ms", this.lead.toMillis());
        return parameters;
    }

    @Override
    public Map<String, Object> run(SchedulerRunner runner) throws InterruptedException {
        // Whole milliseconds: Quartz keeps fire times as java.util.Date.
        Instant due = Instant.now().plus(this.lead).truncatedTo(ChronoUnit.MILLIS);
        Recorder recorder = new Recorder(this.jobs, this.sleep, null);
        long loadStart = System.nanoTime();
        runner.scheduleOnce(this.jobs, due, recorder);
        long loadNanos = System.nanoTime() - loadStart;
        System.gc();
        runner.release();
        Instant released = Instant.now();
        boolean overran = released.isAfter(due);
        Instant reference = overran ? released : due;
        boolean complete = recorder.await(this.timeout.plus(this.lead));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("load_ms", Math.round(loadNanos / 1e6));
        metrics.put("load_jobs_per_s", Math.round(this.jobs / (loadNanos / 1e9)));
        metrics.put("load_overran", overran);
        metrics.put("completed", recorder.completed());
        metrics.put("timed_out", !complete);
        if (complete) {
            double drainMillis = (recorder.lastEndMicros() - Recorder.micros(reference)) / 1000.0;
            metrics.put("drain_ms", Math.round(drainMillis * 10) / 10.0);
            metrics.put("throughput_per_s", Math.round(this.jobs / (drainMillis / 1000.0)));
            if (!this.sleep.isZero()) {
                double ideal = (double) this.jobs * this.sleep.toMillis() / this.workers;
                metrics.put("ideal_ms", ideal);
                metrics.put("drain_over_ideal", Math.round(drainMillis / ideal * 1000) / 1000.0);
            }
        }
        long shift = Recorder.micros(reference) - Recorder.micros(due);
        long[] lateness = recorder.sortedLatenessMicros();
        for (int i = 0; i < lateness.length; i++) {
            lateness[i] -= shift;
        }
        metrics.putAll(Lateness.summary(lateness));
        return metrics;
    }

}
