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

/**
 * Measures how many jobs per second a scheduler adds to the {@code jpa} store on the machine's PostgreSQL server:
 * {@code addJobs} of many jobs (an hourly {@code interval} trigger each) in batches of each given
 * {@code batch_size}, and, for comparison, {@code addJob} one job at a time. Every measurement runs on a new schema
 * with a new application context, after an unmeasured warm-up on a schema of its own; the specifications are built
 * before the clock starts. Prints one JSON line per measurement, as {@link BenchmarkMain} does for
 * {@code --workload bulk-add} (which the benchmark matrix runs, with Quartz and db-scheduler beside it).
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
            measure(environment, Math.min(jobs, 20_000), batchSize);
            print(environment, jobs, batchSize);
        }
        if (oneByOne > 0) {
            measure(environment, Math.min(oneByOne, 2_000), 1);
            print(environment, oneByOne, 1);
        }
        // Hibernate and the pools may leave non-daemon threads behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static void print(RunnerEnvironment environment, int jobs, int batchSize) {
        String loadBefore = WakeupLatency.loadAverage();
        StoreWorkloads.Measurement measurement = measure(environment, jobs, batchSize);
        System.out.println(BenchmarkMain.line("apscheduler-jpa-postgres", "bulk-add", measurement, 1, loadBefore));
    }

    /**
     * Adds hourly jobs to a new schema, in batches with {@code addJobs} or one by one with {@code addJob}.
     * @param environment where the server is
     * @param jobs how many jobs
     * @param batchSize the store's {@code batch_size}, 1 for {@code addJob} one by one
     * @return the figures ({@code jobs_per_s}, {@code seconds}) and the setup
     */
    static StoreWorkloads.Measurement measure(RunnerEnvironment environment, int jobs, int batchSize) {
        boolean oneByOne = batchSize == 1;
        List<JobSpec> specs = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            specs.add(JobSpec.task(TASK).id("bulk-" + i).trigger(HOURLY).build());
        }
        try (JpaInstances instances = JpaInstances.postgres(environment, SCHEMA, 1)) {
            BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
                .jobStoreFactory(instances.factory(0)).historyStore(null).build();
            scheduler.addJobStore("jpa", "default", Map.of("batch_size", oneByOne ? 500 : batchSize));
            scheduler.taskRegistry().registerAction(TASK, (context) -> { });
            scheduler.start(true);
            try {
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
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("store", instances.description());
                settings.put("add", oneByOne ? "addJob one by one (a transaction each)"
                        : "addJobs, store option batch_size=" + batchSize + " (a transaction per batch)");
                settings.put("jobs", "an hourly interval trigger each, the scheduler started paused");
                return StoreWorkloads.bulkAdd(jobs, batchSize, elapsed, settings);
            }
            finally {
                scheduler.shutdown(false);
            }
        }
    }

}
