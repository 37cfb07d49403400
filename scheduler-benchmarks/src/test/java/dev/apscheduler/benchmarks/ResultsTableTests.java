package dev.apscheduler.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The report of the benchmark matrix: the run workloads' tables as they were, and the store workloads (bulk add,
 * cross-instance wake-up, large store) in tables of their own, with the medians across repetitions.
 */
class ResultsTableTests {

    private static final String HEADER = "Produced by the script.";

    @Test
    void runWorkloadsKeepTheirTablesAndNoStoreTableAppearsWithoutStoreRuns() {
        List<Map<String, Object>> runs = List.of(burst("apscheduler-memory", 1000.0), burst("quartz-ram", 500.0));

        String report = ResultsTable.render(runs, HEADER);

        assertThat(report).contains("## burst (jobs=10000)\n\n| system | throughput (jobs/s) | runs |\n|---|---:|---:|\n"
                + "| apscheduler-memory | 1,000 | 1 |\n| quartz-ram | 500 | 1 |\n");
        assertThat(report).doesNotContain("Bulk add", "Cross-instance wake-up", "Large store");
        assertThat(ResultsTable.readmeSection(runs, HEADER))
            .isEqualTo(ResultsTable.compact(runs) + "\n" + HEADER + "\n");
    }

    @Test
    void bulkAddRowsShowTheMedianPerSystemAndBatchSize() {
        List<Map<String, Object>> runs = List.of(burst("apscheduler-memory", 1000.0),
                bulkAdd("apscheduler-jpa-postgres", 500, 30_000, 0.67),
                bulkAdd("apscheduler-jpa-postgres", 500, 20_000, 1.0),
                bulkAdd("apscheduler-jpa-postgres", 500, 40_000, 0.5),
                bulkAdd("apscheduler-jpa-postgres", 1, 1_500, 1.33), bulkAdd("quartz-jdbc-postgres", 500, 5_000, 4.0));

        String report = ResultsTable.render(runs, HEADER);

        assertThat(report).contains("## Bulk add (PostgreSQL)\n\n");
        assertThat(report).contains("| system | adds | jobs | jobs/s | seconds | runs |\n|---|---|---|---:|---:|---:|\n"
                + "| apscheduler-jpa-postgres | batches of 500 | 20,000 | 30,000 | 0.67 | 3 |\n"
                + "| apscheduler-jpa-postgres | one by one | 20,000 | 1,500 | 1.33 | 1 |\n"
                + "| quartz-jdbc-postgres | batches of 500 | 20,000 | 5,000 | 4.00 | 1 |\n");
        assertThat(report).contains("- **quartz-jdbc-postgres**: add=scheduleJobs\n");
        // the JPA rows were run with different settings: a line for each
        assertThat(report).contains("- **apscheduler-jpa-postgres** (batches of 500, 20,000): add=addJobs in batches\n"
                + "- **apscheduler-jpa-postgres** (one by one, 20,000): add=addJob\n");
        assertThat(report).contains("add=addJob\n- **quartz-jdbc-postgres**: add=scheduleJobs\n\n## Settings of each "
                + "system\n");
        // the run workloads' tables and settings do not take the store runs in
        assertThat(report).doesNotContain("## bulk-add (");
        assertThat(report.substring(report.indexOf("## Settings of each system")))
            .doesNotContain("quartz-jdbc-postgres");
    }

    @Test
    void wakeupRowsSayWhatWasTimedAndHowTheOtherInstanceLearnsOfTheChange() {
        List<Map<String, Object>> runs = List.of(
                wakeup("apscheduler-jpa-postgres", "addJob committed on one instance to the job starting on the other",
                        "LISTEN/NOTIFY", 2.6, 8.3),
                wakeup("db-scheduler-postgres", "a job due now added on one instance to its start on the other",
                        "polling: pollingInterval=1000 ms", 512.4, 990.0),
                wakeup("apscheduler-redis", "a change made through one store instance to the other instance's "
                        + "wake-up callback", "Redis pub/sub", 0.4, 1.2));

        String report = ResultsTable.render(runs, HEADER);

        assertThat(report).contains("## Cross-instance wake-up\n\n");
        assertThat(report).contains("| system | timed to | how the other instance learns of it | changes | p50 ms "
                + "| p90 ms | p99 ms | max ms | runs |\n|---|---|---|---|---:|---:|---:|---:|---:|\n"
                + "| apscheduler-jpa-postgres | job start | LISTEN/NOTIFY | 100 | 2.6 | 4.2 | 8.3 | 9.0 | 1 |\n"
                + "| db-scheduler-postgres | job start | polling: pollingInterval=1000 ms | 100 | 512.4 | 4.2 | 990.0 "
                + "| 9.0 | 1 |\n"
                + "| apscheduler-redis | store's wake-up callback | Redis pub/sub | 100 | 0.4 | 4.2 | 1.2 | 9.0 | 1 |\n");
    }

    @Test
    void largeStoreRowsPairTheSmallAndTheLargeStore() {
        List<Map<String, Object>> runs = List.of(million(1000, 340.0, null), million(1_001_000, 16.1, 9.6));

        String report = ResultsTable.render(runs, HEADER);

        assertThat(report).contains("## Large store (1M jobs)\n\n");
        assertThat(report).contains("Quartz is not in this table");
        assertThat(report).contains("| system | jobs stored | start → first acquire (ms) | heap after start (MB) "
                + "| jobCounts (ms) | spread p50 / p99 (ms) | aligned p50 / p99 (ms) | missed | COPY (s) | runs |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                + "| apscheduler-jpa-postgres | 1,000 | 340.0 | 21 | 2.2 | 0.4 / 5.4 | 1.8 / 5.8 | 0 | | 1 |\n"
                + "| apscheduler-jpa-postgres | 1,001,000 | 16.1 | 21 | 2.2 | 0.4 / 5.4 | 1.8 / 5.8 | 0 | 9.6 | 1 |\n");
    }

    @Test
    void theReadmeSectionHoldsTheStoreTablesBetweenTheCompactTableAndTheHeader() {
        List<Map<String, Object>> runs = List.of(burst("apscheduler-memory", 1000.0),
                bulkAdd("apscheduler-jpa-postgres", 500, 30_000, 0.67));

        String section = ResultsTable.readmeSection(runs, HEADER);

        assertThat(section).startsWith(ResultsTable.compact(runs) + "\n**Bulk add (PostgreSQL)**\n\n");
        assertThat(section).endsWith("\n\n" + HEADER + "\n");
        assertThat(ResultsTable.compact(runs)).doesNotContain("bulk-add");
        String readme = "# Title\n" + ResultsTable.START + "\nold\n" + ResultsTable.END + "\nafter\n";
        assertThat(ResultsTable.splice(readme, section))
            .isEqualTo("# Title\n" + ResultsTable.START + "\n" + section + ResultsTable.END + "\nafter\n");
    }

    @Test
    void aStoreRunWithoutItsParameterIsRejectedByName() {
        Map<String, Object> run = bulkAdd("quartz-jdbc-postgres", 500, 5_000, 4.0);
        run.put("parameters", Map.of("jobs", 20_000));

        assertThatIllegalArgumentException().isThrownBy(() -> ResultsTable.render(List.of(run), HEADER))
            .withMessageContaining("'batch_size'");
    }

    @Test
    void runsOfSeveralMeasuredBurstsEachShowHowManyTheyCombine() {
        List<Map<String, Object>> runs = List.of(measuredBurst("spring-tpts", 3_000_000.0, 21),
                measuredBurst("spring-tpts", 2_000_000.0, 21), measuredBurst("spring-tpts", 2_500_000.0, 21),
                burst("quartz-ram", 500.0));

        String report = ResultsTable.render(runs, HEADER);

        assertThat(report).contains("| spring-tpts | 2,500,000 | 3 × 21 |\n| quartz-ram | 500 | 1 |\n");
        assertThat(report).contains("its figures are the medians of its runs");
        assertThat(ResultsTable.compact(runs))
            .contains("| burst 10,000, median of 21 per JVM | spring-tpts | 2,500,000 |")
            .contains("| burst 10,000 | quartz-ram | 500 |");
    }

    private static Map<String, Object> measuredBurst(String system, double throughput, int measured) {
        return run(system, "burst", Map.of("jobs", 10_000, "lead_ms", 1000),
                Map.of("throughput_per_s", throughput, "measured_runs", measured), Map.of("threads", 10));
    }

    private static Map<String, Object> burst(String system, double throughput) {
        return run(system, "burst", Map.of("jobs", 10_000, "lead_ms", 1000), Map.of("throughput_per_s", throughput),
                Map.of("threads", 10));
    }

    private static Map<String, Object> bulkAdd(String system, int batchSize, long jobsPerSecond, double seconds) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jobs", 20_000);
        parameters.put("batch_size", batchSize);
        return run(system, "bulk-add", parameters, Map.of("jobs_per_s", jobsPerSecond, "seconds", seconds),
                Map.of("add", system.startsWith("quartz") ? "scheduleJobs"
                        : (batchSize == 1) ? "addJob" : "addJobs in batches"));
    }

    private static Map<String, Object> wakeup(String system, String measured, String wakeup, double p50, double p99) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("changes", 100);
        metrics.put("latency_ms_p50", p50);
        metrics.put("latency_ms_p90", 4.2);
        metrics.put("latency_ms_p99", p99);
        metrics.put("latency_ms_max", 9.0);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("measured", measured);
        settings.put("wakeup", wakeup);
        return run(system, "wakeup", Map.of("changes", 100, "warmup_changes", 10), metrics, settings);
    }

    private static Map<String, Object> million(int stored, double firstAcquire, @Nullable Double copySeconds) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("start_to_first_acquire_ms", firstAcquire);
        metrics.put("heap_after_start_full_gc_mb", 21);
        metrics.put("job_counts_ms", 2.2);
        metrics.put("spread_lateness_ms_p50", 0.37);
        metrics.put("spread_lateness_ms_p99", 5.37);
        metrics.put("aligned_lateness_ms_p50", 1.76);
        metrics.put("aligned_lateness_ms_p99", 5.83);
        metrics.put("missed_runs", 0);
        if (copySeconds != null) {
            metrics.put("load_s", copySeconds);
        }
        return run("apscheduler-jpa-postgres", "million",
                Map.of("stored_jobs", stored, "periodic_jobs", 1000, "period_ms", 1000, "duration_s", 10), metrics,
                Map.of("store", "jpa on PostgreSQL"));
    }

    private static Map<String, Object> run(String system, String workload, Map<String, Object> parameters,
            Map<String, Object> metrics, Map<String, Object> settings) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("system", system);
        run.put("workload", workload);
        run.put("parameters", parameters);
        run.put("metrics", metrics);
        run.put("settings", settings);
        run.put("warmups", 1);
        run.put("java", "17");
        run.put("cores", 2);
        run.put("loadavg_before", "0.50 0.40 0.30 1/100 1");
        run.put("loadavg_after", "0.60 0.40 0.30 1/100 2");
        run.put("time", "2026-12-04T18:00:00Z");
        return run;
    }

}
