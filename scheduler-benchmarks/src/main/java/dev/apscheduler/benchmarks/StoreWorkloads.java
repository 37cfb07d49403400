package dev.apscheduler.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.apscheduler.benchmarks.runner.CrossInstancePair;
import dev.apscheduler.benchmarks.runner.DbSchedulerRunner;
import dev.apscheduler.benchmarks.runner.QuartzRunner;
import dev.apscheduler.benchmarks.runner.RunnerEnvironment;
import dev.apscheduler.benchmarks.scale.MillionJobs;
import dev.apscheduler.benchmarks.workload.PeriodicWorkload;

/**
 * The workloads of {@link BenchmarkMain} that measure a persistent store rather than a stream of runs, each run on a
 * new PostgreSQL schema (or Redis keys, or an in-process ZooKeeper server):
 * <ul>
 * <li>{@code bulk-add}: {@code --jobs} jobs (an hourly trigger each, none due during the run) added with the system's
 * batch call in batches of {@code --batch-size} (ours {@code addJobs}, Quartz {@code scheduleJobs(Map, false)},
 * db-scheduler {@code scheduleBatch}), or one by one with {@code --batch-size 1}; after {@code --warmups} unmeasured
 * runs of {@code --warmup-jobs} (default the smaller of {@code --jobs} and 20,000), each on a schema of its own.
 * Figures: jobs/s and seconds.</li>
 * <li>{@code wakeup}: two instances on one database; a job due now added through the one that runs nothing, timed from
 * the add's return (its commit) to the job's start on the other; {@code --changes} measured after
 * {@code --warmup-changes} unmeasured ones, each once the previous one started. For Redis and ZooKeeper the store's
 * wake-up callback is timed instead of a job start (add, pause and remove in turn). Figures: p50, p90, p99, max.</li>
 * <li>{@code million}: our JPA store holding {@code --jobs} (default 1,000,000) jobs written with {@code COPY}
 * against the same store holding only {@code --periodic} jobs ({@link MillionJobs}): the start up to the first acquire
 * step, the heap, and the periodic workload's lateness (spread and aligned) for {@code --duration-s}; db-scheduler
 * the same way, its lateness only. Two lines, one per store size.</li>
 * </ul>
 */
final class StoreWorkloads {

    /** The workload names handled here. */
    static final Set<String> NAMES = Set.of("bulk-add", "wakeup", "million");

    /** How often the polling peers look for new jobs in the wake-up workload. */
    static final Duration PEER_POLLING = Duration.ofSeconds(1);

    private StoreWorkloads() {
    }

    /**
     * Runs a workload against a system.
     * @param workload one of {@link #NAMES}
     * @param system the system's name
     * @param arguments the command line
     * @param environment the server and worker count
     * @return the measurements, one JSON line each
     * @throws Exception if the run fails
     */
    static List<Measurement> run(String workload, String system, BenchmarkArguments arguments,
            RunnerEnvironment environment) throws Exception {
        return switch (workload) {
            case "bulk-add" -> List.of(bulkAdd(system, arguments, environment));
            case "wakeup" -> List.of(wakeup(system, arguments, environment));
            case "million" -> million(system, arguments, environment);
            default -> throw new IllegalArgumentException("unknown store workload '" + workload + "', expected one of "
                    + NAMES);
        };
    }

    /**
     * Returns how many warm-up runs a workload makes before the measured one, for the output.
     * @param workload one of {@link #NAMES}
     * @param arguments the command line
     * @return the warm-up count
     */
    static int warmups(String workload, BenchmarkArguments arguments) {
        return switch (workload) {
            case "bulk-add" -> arguments.integer("warmups", 1);
            case "wakeup" -> warmupChanges(arguments);
            default -> 1;
        };
    }

    private static Measurement bulkAdd(String system, BenchmarkArguments arguments, RunnerEnvironment environment) {
        int jobs = positive(arguments, "jobs", 100_000);
        int batchSize = positive(arguments, "batch-size", 500);
        int warmupJobs = arguments.optional("warmup-jobs").map((value) -> positive(arguments, "warmup-jobs", 1))
            .orElse(Math.min(jobs, 20_000));
        for (int i = 0; i < arguments.integer("warmups", 1); i++) {
            bulkAdd(system, environment, warmupJobs, batchSize);
        }
        return bulkAdd(system, environment, jobs, batchSize);
    }

    private static Measurement bulkAdd(String system, RunnerEnvironment environment, int jobs, int batchSize) {
        switch (system) {
            case "apscheduler-jpa-postgres" -> {
                return JpaBulkAdd.measure(environment, jobs, batchSize);
            }
            case "quartz-jdbc-postgres" -> {
                try (QuartzRunner runner = QuartzRunner.jdbcPostgres(environment)) {
                    long nanos = runner.timeHourlyAdds(jobs, batchSize);
                    Map<String, Object> settings = new LinkedHashMap<>(runner.settings());
                    settings.put("add", (batchSize == 1) ? "scheduleJob one by one (a transaction each)"
                            : "scheduleJobs(Map, false) of " + batchSize + " jobs (a transaction per call)");
                    settings.put("jobs", "a job and a simple trigger repeating hourly each, the scheduler in standby");
                    return bulkAdd(jobs, batchSize, nanos, settings);
                }
            }
            case "db-scheduler-postgres" -> {
                try (DbSchedulerRunner runner = new DbSchedulerRunner(environment)) {
                    long nanos = runner.timeHourlyAdds(jobs, batchSize);
                    Map<String, Object> settings = new LinkedHashMap<>(runner.settings());
                    settings.put("add", (batchSize == 1) ? "SchedulerClient.schedule one by one"
                            : "SchedulerClient.scheduleBatch of " + batchSize + " instances (one JDBC batch each)");
                    settings.put("jobs", "one-time task instances due in an hour, before the scheduler starts");
                    return bulkAdd(jobs, batchSize, nanos, settings);
                }
            }
            default -> throw new IllegalArgumentException("workload bulk-add runs on apscheduler-jpa-postgres, "
                    + "quartz-jdbc-postgres and db-scheduler-postgres, not on '" + system + "'");
        }
    }

    /**
     * Builds a bulk add's measurement.
     * @param jobs how many jobs were added
     * @param batchSize the batch size, 1 for one by one
     * @param nanos how long the adds took
     * @param settings the system's setup
     * @return the measurement
     */
    static Measurement bulkAdd(int jobs, int batchSize, long nanos, Map<String, Object> settings) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jobs", jobs);
        parameters.put("batch_size", batchSize);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("jobs_per_s", Math.round(jobs / (nanos / 1e9)));
        metrics.put("seconds", Math.round(nanos / 1e6) / 1000.0);
        return new Measurement(parameters, metrics, settings);
    }

    private static Measurement wakeup(String system, BenchmarkArguments arguments, RunnerEnvironment environment)
            throws Exception {
        int changes = positive(arguments, "changes", 1000);
        int warmups = warmupChanges(arguments);
        WakeupLatency.Measured measured = switch (system) {
            case "apscheduler-jpa-postgres" -> JpaWakeupLatency.measure(environment, warmups, changes);
            case "apscheduler-redis" -> RedisWakeupLatency.measure(warmups, changes);
            case "apscheduler-zookeeper" -> ZooKeeperWakeupLatency.measure(warmups, changes);
            case "quartz-jdbc-postgres" -> {
                WakeupLatency latency = new WakeupLatency();
                try (CrossInstancePair pair = QuartzRunner.clusteredPair(environment, PEER_POLLING, latency::heard)) {
                    yield measurePair(latency, pair, warmups, changes);
                }
            }
            case "db-scheduler-postgres" -> {
                WakeupLatency latency = new WakeupLatency();
                try (CrossInstancePair pair = DbSchedulerRunner.pair(environment, latency::heard)) {
                    yield measurePair(latency, pair, warmups, changes);
                }
            }
            default -> throw new IllegalArgumentException("workload wakeup runs on apscheduler-jpa-postgres, "
                    + "apscheduler-redis, apscheduler-zookeeper, quartz-jdbc-postgres and db-scheduler-postgres, "
                    + "not on '" + system + "'");
        };
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("changes", changes);
        parameters.put("warmup_changes", warmups);
        return new Measurement(parameters, WakeupLatency.summary(measured.sorted()), measured.settings());
    }

    private static WakeupLatency.Measured measurePair(WakeupLatency latency, CrossInstancePair pair, int warmups,
            int changes) throws Exception {
        Thread.sleep(1000);
        long[] latencies = latency.measure(warmups, changes, PEER_POLLING, pair::addDueNow);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("measured", "a job due now added on one instance (committed) to its start on the other; each "
                + "change after a random pause of 0-" + PEER_POLLING.toMillis() + " ms, at a random point of the "
                + "polling cycle");
        settings.putAll(pair.settings());
        return new WakeupLatency.Measured(latencies, settings);
    }

    // whole add-pause-remove cycles for the Redis and ZooKeeper stores, the same count for every system
    private static int warmupChanges(BenchmarkArguments arguments) {
        int warmups = arguments.integer("warmup-changes", Math.max(6, arguments.integer("changes", 1000) / 10));
        return (warmups + 2) / 3 * 3;
    }

    @SuppressWarnings("unchecked")
    private static List<Measurement> million(String system, BenchmarkArguments arguments,
            RunnerEnvironment environment) throws Exception {
        int jobs = positive(arguments, "jobs", 1_000_000);
        int periodic = positive(arguments, "periodic", 1000);
        int duration = positive(arguments, "duration-s", 10);
        if ("db-scheduler-postgres".equals(system)) {
            return dbSchedulerMillion(environment, jobs, periodic, duration, arguments.millis("lead-ms", 10_000));
        }
        if (!"apscheduler-jpa-postgres".equals(system)) {
            throw new IllegalArgumentException("workload million runs on apscheduler-jpa-postgres and "
                    + "db-scheduler-postgres (Quartz's tables have no loader), not on '" + system + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jobs", Integer.toString(jobs));
        options.put("periodic", Integer.toString(periodic));
        options.put("duration-s", Integer.toString(duration));
        options.put("lead-s", Long.toString(Math.max(1, arguments.millis("lead-ms", 10_000).toSeconds())));
        options.put("schema", RunnerEnvironment.schema("million"));
        options.put("postgres-url", environment.postgresUrl());
        options.put("postgres-user", environment.postgresUser());
        options.put("postgres-password", environment.postgresPassword());
        Map<String, Object> figures = MillionJobs.measure(options);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("store", "jpa on PostgreSQL, Boot's data source and Hibernate, the store's defaults; "
                + jobs + " daily interval jobs written with COPY (one in a hundred paused), then VACUUM ANALYZE");
        settings.put("max_heap_mb", figures.get("max_heap_mb"));
        settings.put("workload", periodic + " jobs every second, spread then aligned, after a 3-second warm-up "
                + "run on the small store");
        List<Measurement> measurements = new ArrayList<>();
        for (int stored : List.of(periodic, jobs + periodic)) {
            Map<String, Object> phase = child(figures, "stored_" + stored);
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("stored_jobs", stored);
            parameters.put("periodic_jobs", periodic);
            parameters.put("period_ms", 1000);
            parameters.put("duration_s", duration);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("start_returned_ms", phase.get("start_returned_ms"));
            metrics.put("start_to_first_acquire_ms", phase.get("start_to_first_acquire_ms"));
            metrics.put("heap_after_start_full_gc_mb", phase.get("heap_after_start_full_gc_mb"));
            metrics.put("job_counts_ms", child(phase, "job_counts_ms").get("median"));
            long missed = 0;
            for (String fireTimes : List.of("spread", "aligned")) {
                Map<String, Object> run = child(phase, "periodic_" + fireTimes);
                metrics.put(fireTimes + "_lateness_ms_p50", run.get("lateness_ms_p50"));
                metrics.put(fireTimes + "_lateness_ms_p99", run.get("lateness_ms_p99"));
                missed += ((Number) Objects.requireNonNull(run.get("missed_runs"), "missed_runs")).longValue();
            }
            metrics.put("missed_runs", missed);
            if (stored > periodic) {
                for (String key : List.of("load_s", "vacuum_analyze_s", "table_mb", "indexes_mb")) {
                    metrics.put(key, figures.get(key));
                }
            }
            measurements.add(new Measurement(parameters, metrics, settings));
        }
        return measurements;
    }

    /**
     * db-scheduler's large store: the periodic workload (spread, then aligned) on a table holding only its jobs, then
     * on one holding {@code jobs} more executions written with {@code COPY}; each run on a new schema (the runner's),
     * the small store's after a 3-second warm-up run. Lateness only: db-scheduler's start returns at once and polls
     * later, so the start and heap figures of ours have no counterpart.
     */
    private static List<Measurement> dbSchedulerMillion(RunnerEnvironment environment, int jobs, int periodic,
            int duration, Duration lead) throws InterruptedException {
        Duration period = Duration.ofSeconds(1);
        Duration settle = Duration.ofSeconds(2);
        try (DbSchedulerRunner warmup = new DbSchedulerRunner(environment)) {
            new PeriodicWorkload(periodic, period, Duration.ofSeconds(3), lead, settle, true).run(warmup);
        }
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int stored : List.of(periodic, jobs + periodic)) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            long missed = 0;
            double loadSeconds = 0;
            for (boolean spread : List.of(true, false)) {
                try (DbSchedulerRunner runner = new DbSchedulerRunner(environment)) {
                    settings.putAll(runner.settings());
                    if (stored > periodic) {
                        long start = System.nanoTime();
                        runner.preloadIdle(jobs, Instant.now().plus(Duration.ofHours(1)), 50);
                        loadSeconds = Math.max(loadSeconds, Math.round((System.nanoTime() - start) / 1e7) / 100.0);
                    }
                    Map<String, Object> run = new PeriodicWorkload(periodic, period, Duration.ofSeconds(duration),
                            lead, settle, spread).run(runner);
                    String fireTimes = spread ? "spread" : "aligned";
                    metrics.put(fireTimes + "_lateness_ms_p50", run.get("lateness_ms_p50"));
                    metrics.put(fireTimes + "_lateness_ms_p99", run.get("lateness_ms_p99"));
                    missed += ((Number) Objects.requireNonNull(run.get("missed_runs"), "missed_runs")).longValue();
                }
            }
            metrics.put("missed_runs", missed);
            if (stored > periodic) {
                metrics.put("load_s", loadSeconds);
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("stored_jobs", stored);
            parameters.put("periodic_jobs", periodic);
            parameters.put("period_ms", 1000);
            parameters.put("duration_s", duration);
            measurements.add(new Measurement(parameters, metrics, settings));
        }
        settings.put("large_store", jobs + " idle one-time executions written with COPY (an hour ahead and later), "
                + "then VACUUM ANALYZE; a new schema for each periodic run");
        return measurements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> figures, String key) {
        return (Map<String, Object>) Objects.requireNonNull(figures.get(key), key);
    }

    private static int positive(BenchmarkArguments arguments, String name, int defaultValue) {
        int value = arguments.integer(name, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException("option --" + name + " must be >= 1, was " + value);
        }
        return value;
    }

    /**
     * One measurement: one JSON line of {@link BenchmarkMain}.
     * @param parameters the workload's parameters
     * @param metrics the figures
     * @param settings the system's setup
     */
    record Measurement(Map<String, Object> parameters, Map<String, Object> metrics, Map<String, Object> settings) {
    }

}
