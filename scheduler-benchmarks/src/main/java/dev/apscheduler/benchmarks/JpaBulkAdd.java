package dev.apscheduler.benchmarks;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.benchmarks.runner.JpaInstances;
import dev.apscheduler.benchmarks.runner.RunnerEnvironment;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStoreInfo;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures how many jobs per second a scheduler adds to the {@code jpa} store on the machine's PostgreSQL server:
 * {@code addJobs} of many jobs (an hourly {@code interval} trigger each) in batches of each given
 * {@code batch_size}, and, for comparison, {@code addJob} one job at a time. Every measurement runs on a new schema
 * with a new application context, after an unmeasured warm-up on a schema of its own; the specifications are built
 * before the clock starts. Prints one JSON line per measurement.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.JpaBulkAdd \
 *     [jobs [batch-sizes [one-by-one-jobs [postgres-url]]]]
 * </pre>
 *
 * Defaults: 100,000 jobs, batch sizes {@code 100,500,1000,2000}, 10,000 jobs added one by one.
 */
public final class JpaBulkAdd {

    private static final String TASK = "benchmark";

    private static final String SCHEMA = RunnerEnvironment.schema("bulk");

    private static final IntervalTrigger HOURLY = Triggers.interval().hours(1).build();

    private JpaBulkAdd() {
    }

    /**
     * Runs the measurements.
     * @param args the number of jobs added in batches, the batch sizes (comma-separated), the number of jobs added
     * one by one (0 for none), the JDBC URL of the PostgreSQL database
     * @throws Exception if the database cannot be reached
     */
    public static void main(String[] args) throws Exception {
        int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
        int[] batchSizes = Arrays.stream(((args.length > 1) ? args[1] : "100,500,1000,2000").split(","))
            .mapToInt((size) -> Integer.parseInt(size.trim())).toArray();
        int oneByOne = (args.length > 2) ? Integer.parseInt(args[2]) : 10_000;
        RunnerEnvironment defaults = RunnerEnvironment.defaults();
        RunnerEnvironment environment = new RunnerEnvironment(defaults.workers(),
                (args.length > 3) ? args[3] : defaults.postgresUrl(), defaults.postgresUser(),
                defaults.postgresPassword(), "none");
        for (int batchSize : batchSizes) {
            measure(environment, Math.min(jobs, 20_000), batchSize, false);
            print(measure(environment, jobs, batchSize, false));
        }
        if (oneByOne > 0) {
            measure(environment, Math.min(oneByOne, 2_000), 1, true);
            print(measure(environment, oneByOne, 1, true));
        }
        // Hibernate and the pools may leave non-daemon threads behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static Map<String, Object> measure(RunnerEnvironment environment, int jobs, int batchSize,
            boolean oneByOne) {
        List<JobSpec> specs = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            specs.add(JobSpec.task(TASK).id("bulk-" + i).trigger(HOURLY).build());
        }
        try (JpaInstances instances = JpaInstances.postgres(environment, SCHEMA, 1)) {
            BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
                .jobStoreFactory(instances.factory(0)).historyStore(null).build();
            scheduler.addJobStore("jpa", "default", Map.of("batch_size", batchSize));
            scheduler.taskRegistry().registerAction(TASK, (context) -> { });
            scheduler.start(true);
            try {
                String loadBefore = WakeupLatency.loadAverage();
                long start = System.nanoTime();
                if (oneByOne) {
                    specs.forEach(scheduler::addJob);
                }
                else {
                    scheduler.addJobs(specs);
                }
                long elapsed = System.nanoTime() - start;
                long stored = scheduler.jobStore("default").flatMap(JobStoreInfo::counts).map(JobCounts::total)
                    .orElse(0L);
                if (stored != jobs) {
                    throw new IllegalStateException("expected " + jobs + " jobs stored, found " + stored);
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("system", "apscheduler-jpa-postgres");
                line.put("workload", oneByOne ? "add-one-by-one" : "add-in-batches");
                line.put("jobs", jobs);
                if (!oneByOne) {
                    line.put("batch_size", batchSize);
                }
                line.put("seconds", Math.round(elapsed / 1e6) / 1000.0);
                line.put("jobs_per_s", Math.round(jobs / (elapsed / 1e9)));
                line.put("store", instances.description());
                line.put("loadavg_before", loadBefore);
                line.put("loadavg_after", WakeupLatency.loadAverage());
                return line;
            }
            finally {
                scheduler.shutdown(false);
            }
        }
    }

    private static void print(Map<String, Object> line) {
        System.out.println(JsonMapper.builder().build().writeValueAsString(line));
    }

}
