package dev.apscheduler.benchmarks.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.benchmarks.runner.RunnerEnvironment;
import dev.apscheduler.benchmarks.workload.PeriodicWorkload;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.spring.boot.JobStoreStatus;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;
import dev.apscheduler.store.JobQuery;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The JPA store on PostgreSQL holding a million jobs. In a schema of its own (created empty, dropped at the end), with
 * the application (Boot's data source, Hibernate, the store's auto-configuration) already up:
 * <ol>
 * <li>the periodic workload ({@code --periodic} jobs firing every second for {@code --duration-s}, spread and
 * aligned) with only those jobs stored: the reference;</li>
 * <li>{@code --jobs} jobs written with {@code COPY} (encoded by the scheduler's codec: real jobs, next run times
 * spread over the coming hours, one in a hundred paused), then {@code VACUUM ANALYZE} as autovacuum would;</li>
 * <li>a new scheduler started on that table: the time from {@code start()} to the end of its first acquire step,
 * and the heap used then and after a full GC;</li>
 * <li>what monitoring asks: the store's counts, the job store snapshots of health and metrics, the endpoint's summary
 * (counts and the first 1,000 jobs) and pages of the dashboard, each the median of five;</li>
 * <li>the plans of the acquire query and of the counts ({@code EXPLAIN ANALYZE});</li>
 * <li>the same periodic workload among the million.</li>
 * </ol>
 * Options: {@code --jobs} (1000000), {@code --periodic} (1000), {@code --duration-s} (10), {@code --lead-s} (how
 * far ahead the workload's first fire time is, time enough to add its jobs one transaction each: 30), {@code --schema}
 * ({@code million_jobs}), {@code --postgres-url}, {@code --postgres-user}, {@code --postgres-password}. Run it with
 * {@code -Xmx512m}: the point is that it suffices. Progress goes to the standard error, the figures as one JSON line
 * to the standard output.
 */
public final class MillionJobs {

    private static final Set<String> OPTIONS = Set.of("jobs", "periodic", "duration-s", "lead-s", "schema",
            "postgres-url", "postgres-user", "postgres-password");

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");

    private static final int REPETITIONS = 5;

    private final Map<String, String> options;

    private final RunnerEnvironment environment;

    private final String schema;

    private final Map<String, Object> figures = new LinkedHashMap<>();

    private final Duration lead;

    private MillionJobs(Map<String, String> options) {
        this.options = options;
        RunnerEnvironment defaults = RunnerEnvironment.defaults();
        this.environment = new RunnerEnvironment(RunnerEnvironment.WORKERS,
                options.getOrDefault("postgres-url", defaults.postgresUrl()),
                options.getOrDefault("postgres-user", defaults.postgresUser()),
                options.getOrDefault("postgres-password", defaults.postgresPassword()), defaults.history());
        this.lead = Duration.ofSeconds(integer("lead-s", 30));
        this.schema = options.getOrDefault("schema", "million_jobs");
        if (!SCHEMA.matcher(this.schema).matches()) {
            throw new IllegalArgumentException("option --schema must match " + SCHEMA + ", was '" + this.schema + "'");
        }
    }

    /**
     * Runs the benchmark.
     * @param args {@code --name value} pairs
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!OPTIONS.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "': expected --name value with"
                        + " a name in " + OPTIONS);
            }
            options.put(name, args[i + 1]);
        }
        System.out.println(JsonMapper.builder().build().writeValueAsString(measure(options)));
        System.exit(0);
    }

    /**
     * Runs the benchmark and returns its figures: those of the standard output's line, with the store held at
     * {@code stored_<periodic>} and {@code stored_<jobs + periodic>}.
     * @param options the options, by name without {@code --}
     * @return the figures
     * @throws Exception if it fails
     */
    public static Map<String, Object> measure(Map<String, String> options) throws Exception {
        for (String name : options.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "', expected one of " + OPTIONS);
            }
        }
        MillionJobs benchmark = new MillionJobs(options);
        benchmark.run();
        return benchmark.figures;
    }

    private int integer(String name, int defaultValue) {
        String value = this.options.get(name);
        try {
            int parsed = (value != null) ? Integer.parseInt(value) : defaultValue;
            if (parsed < 1) {
                throw new NumberFormatException("not positive");
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("option --" + name + " must be a positive integer, was '" + value + "'");
        }
    }

    private void run() throws Exception {
        int jobs = integer("jobs", 1_000_000);
        int periodic = integer("periodic", 1_000);
        Duration duration = Duration.ofSeconds(integer("duration-s", 10));
        this.figures.put("jobs", jobs);
        this.figures.put("periodic_jobs", periodic);
        this.figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        this.figures.put("loadavg_before", loadAverage());
        executeOnServer("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE", "CREATE SCHEMA " + this.schema);
        try (ConfigurableApplicationContext application = application()) {
            JpaJobStoreFactory factory = application.getBean(JpaJobStoreFactory.class);
            DataSource dataSource = application.getBean(DataSource.class);
            measureWorkloads("stored_" + periodic, factory, periodic, duration, true);
            load(dataSource, jobs);
            measureWorkloads("stored_" + (jobs + periodic), factory, periodic, duration, false);
            explain(dataSource);
        }
        finally {
            executeOnServer("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
        }
        this.figures.put("loadavg_after", loadAverage());
        this.figures.put("java", Runtime.version().toString());
        this.figures.put("cores", Runtime.getRuntime().availableProcessors());
        this.figures.put("time", Instant.now().toString());
    }

    private ConfigurableApplicationContext application() {
        Map<String, Object> properties = new LinkedHashMap<>();
        String url = this.environment.postgresUrl();
        properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema);
        properties.put("spring.datasource.username", this.environment.postgresUser());
        properties.put("spring.datasource.password", this.environment.postgresPassword());
        properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(RunnerEnvironment.WORKERS + 3));
        properties.put("spring.jpa.hibernate.ddl-auto", "none");
        properties.put("spring.jpa.open-in-view", "false");
        properties.put("spring.main.banner-mode", "off");
        properties.put("apscheduler.jobstores.default.type", "jpa");
        properties.put("apscheduler.jpa.initialize-schema", "always");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        return new SpringApplicationBuilder(StoreApplication.class).web(WebApplicationType.NONE).properties(properties)
            .logStartupInfo(false).run();
    }

    private void load(DataSource dataSource, int jobs) throws SQLException {
        progress("writing " + jobs + " jobs with COPY");
        long start = System.nanoTime();
        // the first of them an hour from now, the others one every 50 ms after: none falls due during the run
        Instant first = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        long paused = new JobRowCopy(dataSource).copy(jobs, first, 50);
        this.figures.put("load_s", seconds(System.nanoTime() - start));
        this.figures.put("paused_jobs", paused);
        start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM ANALYZE apscheduler_jobs");
            this.figures.put("vacuum_analyze_s", seconds(System.nanoTime() - start));
            try (ResultSet sizes = statement.executeQuery("SELECT pg_table_size('apscheduler_jobs') / 1048576, "
                    + "pg_indexes_size('apscheduler_jobs') / 1048576")) {
                sizes.next();
                this.figures.put("table_mb", sizes.getLong(1));
                this.figures.put("indexes_mb", sizes.getLong(2));
            }
        }
        progress("written: " + this.figures);
    }

    /**
     * Starts a scheduler on the table as it is, measures its start, heap and monitoring calls, runs the periodic
     * workload spread and aligned, and shuts it down.
     */
    private void measureWorkloads(String label, JpaJobStoreFactory factory, int periodic, Duration duration,
            boolean warmUp) throws Exception {
        FirstAcquireProbe store = new FirstAcquireProbe(
                factory.create(ComponentOptions.empty("apscheduler.jobstores.default.")));
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .jobStore("default", store).executor("default", new ThreadPoolJobExecutor(RunnerEnvironment.WORKERS))
            .build();
        scheduler.taskRegistry().registerAction(JobRowCopy.TASK, (context) -> { });
        Map<String, Object> measured = new LinkedHashMap<>();
        try {
            progress(label + ": starting the scheduler");
            System.gc();
            long heapBefore = heapUsedMb();
            long start = System.nanoTime();
            scheduler.start();
            long returned = System.nanoTime();
            long acquired = store.awaitFirstAcquire(Duration.ofMinutes(5));
            measured.put("start_returned_ms", millis(returned - start));
            measured.put("start_to_first_acquire_ms", millis(acquired - start));
            measured.put("heap_before_start_mb", heapBefore);
            measured.put("heap_after_start_mb", heapUsedMb());
            System.gc();
            measured.put("heap_after_start_full_gc_mb", heapUsedMb());
            measured.put("job_counts_ms", timed(store::jobCounts));
            measured.put("job_counts", store.jobCounts().toString());
            measured.put("health_metrics_snapshot_ms", timed(scheduler::jobStores));
            measured.put("endpoint_summary_ms", timed(() -> JobStoreStatus.inspectAll(scheduler)));
            measured.put("endpoint_summary_jobs_listed",
                    JobStoreStatus.inspectAll(scheduler).get(0).listedJobs().map(List::size).orElse(-1));
            measured.put("dashboard_first_page_ms", timed(() -> scheduler.findJobs("default", JobQuery.firstPage())));
            measured.put("dashboard_paused_page_ms", timed(() -> scheduler.findJobs("default",
                    new JobQuery(null, true, null, false, 0, JobQuery.DEFAULT_LIMIT))));
            measured.put("dashboard_page_at_offset_10000_ms", timed(() -> scheduler.findJobs("default",
                    JobQuery.firstPage().window(10_000, JobQuery.DEFAULT_LIMIT))));
            if (warmUp) {
                progress(label + ": warm-up workload");
                periodic(scheduler, periodic, Duration.ofSeconds(3), true);
            }
            for (boolean spread : List.of(true, false)) {
                progress(label + ": periodic workload, " + (spread ? "spread" : "aligned"));
                measured.put("periodic_" + (spread ? "spread" : "aligned"),
                        periodic(scheduler, periodic, duration, spread));
            }
            System.gc();
            measured.put("heap_after_workloads_full_gc_mb", heapUsedMb());
        }
        finally {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
        progress(label + ": " + measured);
        this.figures.put(label, measured);
    }

    private Map<String, Object> periodic(BackgroundScheduler scheduler, int jobs, Duration duration, boolean spread)
            throws InterruptedException {
        try (RunningSchedulerRunner runner = new RunningSchedulerRunner(scheduler, Map.of())) {
            return new PeriodicWorkload(jobs, Duration.ofSeconds(1), duration, this.lead,
                    Duration.ofSeconds(2), spread).run(runner);
        }
    }

    /**
     * Prints the plans of the acquire query and of the counts, and keeps for each whether it scans the table.
     */
    private void explain(DataSource dataSource) throws SQLException {
        long now = Instant.now().toEpochMilli() * 1000;
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("acquire", "SELECT id, job_state FROM apscheduler_jobs WHERE next_run_time <= " + now
                + " AND restore_error IS NULL ORDER BY next_run_time, id LIMIT 100 FOR UPDATE SKIP LOCKED");
        queries.put("next_run_time", "SELECT MIN(next_run_time) FROM apscheduler_jobs WHERE restore_error IS NULL");
        queries.put("count_all", "SELECT COUNT(id) FROM apscheduler_jobs");
        queries.put("count_paused", "SELECT COUNT(id) FROM apscheduler_jobs WHERE next_run_time IS NULL");
        queries.put("count_unrestorable", "SELECT COUNT(id) FROM apscheduler_jobs WHERE restore_error IS NOT NULL");
        queries.put("former_single_count", "SELECT COUNT(id), SUM(CASE WHEN restore_error IS NULL AND "
                + "next_run_time IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN restore_error IS NOT NULL THEN 1 ELSE 0 "
                + "END) FROM apscheduler_jobs");
        Map<String, Object> plans = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (Map.Entry<String, String> query : queries.entrySet()) {
                List<String> plan = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query.getValue())) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
                progress("EXPLAIN ANALYZE " + query.getKey() + ":\n  " + String.join("\n  ", plan));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("seq_scan", plan.stream().anyMatch((line) -> line.contains("Seq Scan")));
                summary.put("sort", plan.stream().anyMatch((line) -> line.contains("Sort")));
                summary.put("nodes", plan.stream().map(String::strip).filter((line) -> !line.startsWith("Buffers")
                        && !line.startsWith("Planning") && !line.startsWith("Execution") && !line.startsWith("Filter")
                        && !line.startsWith("Index Cond") && !line.startsWith("Heap Fetches")
                        && !line.startsWith("Rows Removed")).map((line) -> line.replaceAll("\\s+\\(cost.*", ""))
                    .toList());
                plan.stream().filter((line) -> line.startsWith("Execution Time")).findFirst()
                    .ifPresent((line) -> summary.put("execution", line.substring("Execution Time: ".length())));
                plans.put(query.getKey(), summary);
            }
        }
        this.figures.put("plans", plans);
    }

    private static Map<String, Object> timed(Supplier<?> call) {
        double[] times = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            call.get();
            times[i] = millis(System.nanoTime() - start);
        }
        Arrays.sort(times);
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("median", times[REPETITIONS / 2]);
        timing.put("max", times[REPETITIONS - 1]);
        return timing;
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 10_000_000.0) / 100.0;
    }

    private void executeOnServer(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(this.environment.postgresUrl(),
                this.environment.postgresUser(), this.environment.postgresPassword());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void progress(String message) {
        System.err.println("[" + Instant.now() + "] " + message);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class })
    static class StoreApplication {

    }

}
