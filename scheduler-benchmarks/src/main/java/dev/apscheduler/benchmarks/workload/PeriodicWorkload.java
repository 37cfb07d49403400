package dev.apscheduler.benchmarks.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.benchmarks.runner.SchedulerRunner;

/**
 * {@code periodic}: J jobs each firing every E ms for S seconds, from a lead time from now. Either all first fire at
 * the same instant ({@code aligned}: every period starts with J jobs due at once), or their first fire times are
 * spread evenly over the first period ({@code spread}: the same load, a job every E/J ms). Counted are the runs of
 * the fire times inside the window [start, start + S); missed runs are the fire times of that window that never
 * started, within a settling time after its end (dropped as misfired, coalesced, or not reached). Measured:
 * lateness percentiles over the runs that started, and missed runs.
 */
public final class PeriodicWorkload implements Workload {

    private final int jobs;

    private final Duration period;

    private final Duration duration;

    private final Duration lead;

    private final Duration settle;

    private final boolean spread;

    /**
     * Creates the workload.
     * @param jobs how many jobs
     * @param period the time between each job's fire times
     * @param duration the window whose fire times are counted
     * @param lead how far ahead of the load's start the first fire time is
     * @param settle how long after the window to wait for late runs
     * @param spread whether the first fire times are spread over the first period rather than all the same
     */
    public PeriodicWorkload(int jobs, Duration period, Duration duration, Duration lead, Duration settle,
            boolean spread) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, was " + jobs);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms, was " + period);
        }
        if (duration.compareTo(period) < 0) {
            throw new IllegalArgumentException("duration must be at least one period (" + period + "), was "
                    + duration);
        }
        this.jobs = jobs;
        this.period = period;
        this.duration = duration;
        this.lead = lead;
        this.settle = settle;
        this.spread = spread;
    }

    @Override
    public String name() {
        return "periodic";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jobs", this.jobs);
        parameters.put("period_ms", this.period.toMillis());
        parameters.put("duration_s", this.duration.toMillis() / 1000.0);
        parameters.put("fire_times", this.spread ? "spread" : "aligned");
        parameters.put("lead_ms", this.lead.toMillis());
        return parameters;
    }

    @Override
    public Map<String, Object> run(SchedulerRunner runner) throws InterruptedException {
        // Whole milliseconds: Quartz keeps fire times as java.util.Date.
        Instant start = Instant.now().plus(this.lead).truncatedTo(ChronoUnit.MILLIS);
        Instant windowEnd = start.plus(this.duration);
        List<Instant> firstFireTimes = new ArrayList<>(this.jobs);
        long expectedRuns = 0;
        for (int i = 0; i < this.jobs; i++) {
            long offsetMillis = this.spread ? this.period.toMillis() * i / this.jobs : 0;
            firstFireTimes.add(start.plusMillis(offsetMillis));
            long windowMillis = this.duration.toMillis() - offsetMillis;
            expectedRuns += (windowMillis + this.period.toMillis() - 1) / this.period.toMillis();
        }
        int expected = Math.toIntExact(expectedRuns);
        Recorder recorder = new Recorder(expected, Duration.ZERO, windowEnd);
        long loadStart = System.nanoTime();
        runner.schedulePeriodic(firstFireTimes, this.period, recorder);
        long loadNanos = System.nanoTime() - loadStart;
        runner.release();
        boolean overran = Instant.now().isAfter(start);
        Duration wait = Duration.between(Instant.now(), windowEnd.plus(this.settle));
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("load_ms", Math.round(loadNanos / 1e6));
        metrics.put("load_overran", overran);
        metrics.put("expected_runs", expected);
        int runs = recorder.recorded();
        metrics.put("runs", runs);
        metrics.put("missed_runs", Math.max(0, expected - runs));
        metrics.put("extra_runs", Math.max(0, runs - expected));
        metrics.putAll(Lateness.summary(recorder.sortedLatenessMicros()));
        return metrics;
    }

}
