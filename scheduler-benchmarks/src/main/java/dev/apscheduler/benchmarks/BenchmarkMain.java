package dev.apscheduler.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.benchmarks.runner.RunnerEnvironment;
import dev.apscheduler.benchmarks.runner.SchedulerRunner;
import dev.apscheduler.benchmarks.runner.Systems;
import dev.apscheduler.benchmarks.workload.OneShotWorkload;
import dev.apscheduler.benchmarks.workload.PeriodicWorkload;
import dev.apscheduler.benchmarks.workload.Workload;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark program: runs one workload against one system (after optional warm-up runs, each on a fresh
 * scheduler, and as many measured runs as asked) and prints one JSON line: system, workload, parameters, the
 * system's settings, the figures, and the machine's load average before and after.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.BenchmarkMain \
 *     --system apscheduler-memory --workload burst --jobs 10000
 * </pre>
 *
 * Options: {@code --system} (one of {@link Systems#names()}), {@code --workload} ({@code burst}, {@code periodic},
 * {@code sleepy}, or the store workloads {@code bulk-add}, {@code wakeup} and {@code million} of
 * {@link StoreWorkloads}, with {@code --batch-size}, {@code --changes}, {@code --warmup-changes} and
 * {@code --periodic}), {@code --jobs}, {@code --period-ms} (periodic, default 1000), {@code --duration-s} (periodic,
 * default 10), {@code --fire-times} (periodic: {@code aligned}, the default, or {@code spread}),
 * {@code --sleep-ms} (sleepy, default 10), {@code --lead-ms} (how far ahead jobs are due, default 2000),
 * {@code --settle-ms} (periodic: wait for late runs, default 2000), {@code --timeout-s} (default 300),
 * {@code --history} (where our scheduler keeps run records: {@code memory}, the default, {@code none} or {@code jpa}),
 * {@code --warmups} (default 1 for burst and sleepy, 0 for periodic), {@code --warmup-jobs} (the job count of
 * warm-up runs, default {@code --jobs}), {@code --warmup-duration-s} (the duration of periodic warm-up runs,
 * default {@code --duration-s}), {@code --measured} (how many measured runs follow the warm-up runs, each on a fresh
 * scheduler, default 1; more are combined into one line by {@link MeasuredRuns}), {@code --postgres-url},
 * {@code --postgres-user}, {@code --postgres-password}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs the benchmark described by the arguments.
     * @param args {@code --name value} pairs
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = BenchmarkArguments.parse(args);
        String system = arguments.required("system");
        RunnerEnvironment defaults = RunnerEnvironment.defaults();
        RunnerEnvironment environment = new RunnerEnvironment(RunnerEnvironment.WORKERS,
                arguments.optional("postgres-url").orElse(defaults.postgresUrl()),
                arguments.optional("postgres-user").orElse(defaults.postgresUser()),
                arguments.optional("postgres-password").orElse(defaults.postgresPassword()),
                arguments.optional("history").orElse(defaults.history()));
        String workloadName = arguments.required("workload");
        int measured = arguments.integer("measured", 1);
        if (measured < 1) {
            throw new IllegalArgumentException("option --measured must be >= 1, was " + measured);
        }
        if (StoreWorkloads.NAMES.contains(workloadName)) {
            if (arguments.optional("measured").isPresent()) {
                throw new IllegalArgumentException("option --measured applies to burst, periodic and sleepy, not to "
                        + workloadName);
            }
            String loadBefore = loadAverage();
            for (StoreWorkloads.Measurement measurement : StoreWorkloads.run(workloadName, system, arguments,
                    environment)) {
                System.out.println(line(system, workloadName, measurement,
                        StoreWorkloads.warmups(workloadName, arguments), loadBefore));
            }
            System.exit(0);
        }
        Workload workload = workload(arguments, environment, null, null);
        int warmups = arguments.integer("warmups", "periodic".equals(workload.name()) ? 0 : 1);
        Workload warmup = workload(arguments, environment,
                arguments.optional("warmup-jobs").map((jobs) -> arguments.integer("warmup-jobs", 0)).orElse(null),
                arguments.optional("warmup-duration-s").map((seconds) -> arguments.seconds("warmup-duration-s", 0))
                    .orElse(null));
        String loadBefore = loadAverage();
        for (int i = 0; i < warmups; i++) {
            run(system, environment, warmup);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("system", system);
        line.put("workload", workload.name());
        line.put("parameters", workload.parameters());
        List<Map<String, Object>> metrics = new ArrayList<>();
        Map<String, Object> settings = Map.of();
        for (int i = 0; i < measured; i++) {
            Result result = run(system, environment, workload);
            metrics.add(result.metrics());
            settings = result.settings();
        }
        line.put("metrics", MeasuredRuns.combine(metrics));
        line.put("settings", settings);
        line.put("warmups", warmups);
        line.put("java", Runtime.version().toString());
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("loadavg_before", loadBefore);
        line.put("loadavg_after", loadAverage());
        line.put("time", Instant.now().toString());
        System.out.println(JsonMapper.builder().build().writeValueAsString(line));
        // Some systems leave non-daemon threads behind after shutdown; the figures are printed, so end here.
        System.exit(0);
    }

    /**
     * Renders one measurement of a store workload as a JSON line in the format of the other workloads.
     * @param system the system's name
     * @param workload the workload's name
     * @param measurement the parameters, figures and settings
     * @param warmups the unmeasured runs (or changes) before it
     * @param loadBefore the load average before the run
     * @return the line
     */
    static String line(String system, String workload, StoreWorkloads.Measurement measurement, int warmups,
            String loadBefore) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("system", system);
        line.put("workload", workload);
        line.put("parameters", measurement.parameters());
        line.put("metrics", measurement.metrics());
        line.put("settings", measurement.settings());
        line.put("warmups", warmups);
        line.put("java", Runtime.version().toString());
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("loadavg_before", loadBefore);
        line.put("loadavg_after", loadAverage());
        line.put("time", Instant.now().toString());
        return JsonMapper.builder().build().writeValueAsString(line);
    }

    private static Workload workload(BenchmarkArguments arguments, RunnerEnvironment environment,
            @Nullable Integer jobs, @Nullable Duration duration) {
        String name = arguments.required("workload");
        int defaultJobs = "burst".equals(name) ? 10_000 : 1000;
        int count = (jobs != null) ? jobs : arguments.integer("jobs", defaultJobs);
        Duration lead = arguments.millis("lead-ms", 2000);
        Duration timeout = arguments.seconds("timeout-s", 300);
        return switch (name) {
            case "burst" -> OneShotWorkload.burst(count, lead, timeout);
            case "sleepy" -> OneShotWorkload.sleepy(count, arguments.millis("sleep-ms", 10), environment.workers(),
                    lead, timeout);
            case "periodic" -> new PeriodicWorkload(count, arguments.millis("period-ms", 1000),
                    (duration != null) ? duration : arguments.seconds("duration-s", 10), lead,
                    arguments.millis("settle-ms", 2000),
                    arguments.optional("fire-times").map(BenchmarkMain::spread).orElse(false));
            default -> throw new IllegalArgumentException("unknown workload '" + name
                    + "', expected burst, periodic or sleepy");
        };
    }

    private static boolean spread(String fireTimes) {
        return switch (fireTimes) {
            case "spread" -> true;
            case "aligned" -> false;
            default -> throw new IllegalArgumentException("option --fire-times must be spread or aligned, was '"
                    + fireTimes + "'");
        };
    }

    private static Result run(String system, RunnerEnvironment environment, Workload workload)
            throws InterruptedException {
        try (SchedulerRunner runner = Systems.create(system, environment)) {
            Map<String, Object> metrics = workload.run(runner);
            return new Result(metrics, runner.settings());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    private record Result(Map<String, Object> metrics, Map<String, Object> settings) {
    }

}
