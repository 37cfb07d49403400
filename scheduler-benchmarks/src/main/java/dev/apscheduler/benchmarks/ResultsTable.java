package dev.apscheduler.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON lines of {@link BenchmarkMain} (several repetitions of each system and workload) into a Markdown
 * report: one table per workload with the median of every figure across repetitions, then each system's settings
 * and the machine's load while the runs were taken.
 *
 * <pre>
 * java -cp benchmarks.jar dev.apscheduler.benchmarks.ResultsTable results.jsonl RESULTS.md "header" [README.md]
 * </pre>
 *
 * With a README given, the text between its {@value #START} and {@value #END} lines is replaced by one compact
 * table of every scenario and the header, so that the README shows the figures the script just produced.
 */
public final class ResultsTable {

    private static final List<Column> COLUMNS = List.of(
            new Column("throughput (jobs/s)", "throughput_per_s", 0),
            new Column("drain (ms)", "drain_ms", 1),
            new Column("drain / ideal", "drain_over_ideal", 2),
            new Column("lateness p50 (ms)", "lateness_ms_p50", 1),
            new Column("lateness p99 (ms)", "lateness_ms_p99", 1),
            new Column("lateness max (ms)", "lateness_ms_max", 1),
            new Column("missed runs", "missed_runs", 0),
            new Column("extra runs", "extra_runs", 0),
            new Column("load (jobs/s)", "load_jobs_per_s", 0));

    /** The workloads of {@link StoreWorkloads}, rendered in tables of their own. */
    static final List<String> STORE_WORKLOADS = List.of("bulk-add", "wakeup", "million");

    private static final String BULK_ADD_TEXT = "Jobs added to an empty store on the same PostgreSQL, none due during "
            + "the run (an hourly trigger), timed from the first add to the last one's return, after an unmeasured "
            + "smaller run; each run on a new schema. *batches*: the system's batch call (ours `addJobs`, Quartz "
            + "`scheduleJobs(Map, false)`, db-scheduler `scheduleBatch`); *one by one*: a call per job (`addJob`, "
            + "`scheduleJob`, `schedule`).";

    private static final String WAKEUP_TEXT = "Two instances on one database: a job due now added on the one that "
            + "runs nothing, timed from the add's return (its commit) to the job's start on the other; each change "
            + "once the previous one started. Ours is woken by the database's notification; Quartz and db-scheduler "
            + "find the job at their next poll (each change made at a random point of the polling cycle). Redis and "
            + "ZooKeeper rows time the store's wake-up callback on the other instance instead of a job start (add, "
            + "pause and remove in turn).";

    private static final String MILLION_TEXT = "Our `jpa` store on PostgreSQL with a million jobs written with "
            + "`COPY` (real jobs encoded by the scheduler's codec, next run times an hour ahead and later, one in a "
            + "hundred paused) against the same store with only the periodic workload's jobs (same JVM: the small "
            + "store's start includes the first scheduler's class loading). *start → first acquire*: from `start()` "
            + "to the end of the first acquire step; *heap*: used after start and a full GC; then the periodic "
            + "workload (its jobs every second, spread and aligned fire times) among them. db-scheduler: the same "
            + "periodic workload on its table with and without a million idle executions written with `COPY` "
            + "(lateness only: its start returns at once and polls later). Quartz is not in this table: its tables "
            + "(a job detail with a serialized job data map, a trigger and a simple trigger per job) would need a "
            + "loader of their own, which the matrix does not have.";

    static final String START = "<!-- benchmark-results:start -->";

    static final String END = "<!-- benchmark-results:end -->";

    private ResultsTable() {
    }

    /**
     * Writes the report.
     * @param args the JSON lines file, the Markdown file to write, and optionally a line of text for the header
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ResultsTable <results.jsonl> <report.md> [header] [README.md]");
        }
        List<Map<String, Object>> runs = read(Path.of(args[0]));
        String header = (args.length > 2) ? args[2] : "";
        Files.writeString(Path.of(args[1]), render(runs, header));
        if (args.length > 3) {
            Path readme = Path.of(args[3]);
            Files.writeString(readme, splice(Files.readString(readme), readmeSection(runs, header)));
        }
    }

    /**
     * Renders the README's section: the compact table of the run workloads, the store workloads' tables, the header.
     * @param runs the parsed JSON lines
     * @param header the line naming the script, repetitions and load
     * @return the section's text
     */
    static String readmeSection(List<Map<String, Object>> runs, String header) {
        StringBuilder out = new StringBuilder(compact(runs));
        storeTables(out, runs, "**", "**");
        return out.append('\n').append(header).append('\n').toString();
    }

    /**
     * Replaces the text between the start and end marker lines.
     * @param document the document holding both markers
     * @param content the new text between them
     * @return the document with the new text
     */
    static String splice(String document, String content) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the README has no " + START + " ... " + END + " section");
        }
        return document.substring(0, start + START.length()) + "\n" + content + document.substring(end);
    }

    /**
     * Renders one table with a row per scenario and system: the figures each workload is about.
     * @param runs the parsed JSON lines
     * @return the table
     */
    @SuppressWarnings("unchecked")
    static String compact(List<Map<String, Object>> runs) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (Map<String, Object> run : runRuns(runs)) {
            rows.computeIfAbsent(label(run) + "|" + run.get("system"), (key) -> new ArrayList<>()).add(run);
        }
        List<Column> columns = List.of(new Column("jobs/s", "throughput_per_s", 0),
                new Column("drain / ideal", "drain_over_ideal", 2), new Column("p50 ms", "lateness_ms_p50", 1),
                new Column("p99 ms", "lateness_ms_p99", 1), new Column("max ms", "lateness_ms_max", 1),
                new Column("missed", "missed_runs", 0));
        StringBuilder out = new StringBuilder("| workload | system |");
        columns.forEach((column) -> out.append(' ').append(column.title()).append(" |"));
        out.append("\n|---|---|");
        columns.forEach((column) -> out.append("---:|"));
        out.append('\n');
        rows.forEach((key, group) -> {
            String[] parts = key.split("\\|", 2);
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
            columns.forEach((column) -> {
                String value = medianOf(group, column);
                out.append(value.isEmpty() ? "" : " " + value).append(" |");
            });
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * Names a run's scenario briefly, for the compact table: {@code burst 10,000}, {@code periodic 1,000 x 1 s,
     * spread}, {@code sleepy 1,000 x 10 ms}, with {@code cold JVM} when no warm-up run came first.
     */
    @SuppressWarnings("unchecked")
    private static String label(Map<String, Object> run) {
        Map<String, Object> parameters = parameters(run);
        String jobs = format(((Number) Objects.requireNonNull(parameters.get("jobs"), "jobs")).doubleValue(), 0);
        String label = switch (String.valueOf(run.get("workload"))) {
            case "periodic" -> "periodic " + jobs + " × " + parameters.get("period_ms") + " ms, "
                    + parameters.get("fire_times");
            case "sleepy" -> "sleepy " + jobs + " × " + parameters.get("sleep_ms") + " ms";
            default -> run.get("workload") + " " + jobs;
        };
        boolean cold = run.get("warmups") instanceof Number warmups && warmups.intValue() == 0;
        int measured = measuredRuns(run);
        return label + (cold ? ", cold JVM" : "") + ((measured > 1) ? ", median of " + measured + " per JVM" : "");
    }

    /** How many measured runs a line combines ({@link MeasuredRuns}): 1 for a line of a single run. */
    private static int measuredRuns(Map<String, Object> run) {
        return (metrics(run).get("measured_runs") instanceof Number measured) ? measured.intValue() : 1;
    }

    private static String medianOf(List<Map<String, Object>> runs, Column column) {
        List<Double> values = runs.stream().map((run) -> metrics(run).get(column.key()))
            .filter(Number.class::isInstance).map((value) -> ((Number) value).doubleValue()).toList();
        return values.isEmpty() ? "" : format(median(values), column.decimals());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> read(Path file) throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("{")) {
                runs.add(mapper.readValue(line, Map.class));
            }
        }
        return runs;
    }

    /**
     * Renders runs as Markdown.
     * @param runs the parsed JSON lines
     * @param header text put under the title
     * @return the report
     */
    @SuppressWarnings("unchecked")
    static String render(List<Map<String, Object>> runs, String header) {
        Map<String, Map<String, List<Map<String, Object>>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> run : runRuns(runs)) {
            String scenario = scenario(run);
            groups.computeIfAbsent(scenario, (key) -> new LinkedHashMap<>())
                .computeIfAbsent((String) run.get("system"), (key) -> new ArrayList<>()).add(run);
        }
        StringBuilder out = new StringBuilder("# Benchmark results\n\n");
        if (!header.isBlank()) {
            out.append(header).append("\n\n");
        }
        out.append("Each figure is the median of the repetitions (their number is in the last column). Lateness is a "
                + "job's start minus its scheduled time. Where a repetition measured several runs in its JVM (\"3 × "
                + "21\": three JVMs of 21 measured runs each), its figures are the medians of its runs.\n\n");
        groups.forEach((scenario, bySystem) -> table(out, scenario, bySystem));
        storeTables(out, runs, "## ", "");
        if (!out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
        settings(out, runRuns(runs));
        machine(out, runs);
        return out.toString();
    }

    private static List<Map<String, Object>> runRuns(List<Map<String, Object>> runs) {
        return runs.stream().filter((run) -> !STORE_WORKLOADS.contains(String.valueOf(run.get("workload")))).toList();
    }

    /**
     * Renders a table for each store workload present (bulk add, cross-instance wake-up, large store), each with its
     * conditions and the settings of each system.
     */
    private static void storeTables(StringBuilder out, List<Map<String, Object>> runs, String titleStart,
            String titleEnd) {
        storeTable(out, runs, "bulk-add", titleStart + "Bulk add (PostgreSQL)" + titleEnd, BULK_ADD_TEXT,
                (run) -> List.of(batches(run), format(number(parameters(run), "jobs"), 0)), List.of("adds", "jobs"),
                List.of(new Column("jobs/s", "jobs_per_s", 0), new Column("seconds", "seconds", 2)));
        storeTable(out, runs, "wakeup", titleStart + "Cross-instance wake-up" + titleEnd, WAKEUP_TEXT,
                (run) -> List.of(timedTo(run), String.valueOf(settings(run).getOrDefault("wakeup", "")),
                        format(number(parameters(run), "changes"), 0)),
                List.of("timed to", "how the other instance learns of it", "changes"),
                List.of(new Column("p50 ms", "latency_ms_p50", 1), new Column("p90 ms", "latency_ms_p90", 1),
                        new Column("p99 ms", "latency_ms_p99", 1), new Column("max ms", "latency_ms_max", 1)));
        storeTable(out, runs, "million", titleStart + "Large store (1M jobs)" + titleEnd, MILLION_TEXT,
                (run) -> List.of(format(number(parameters(run), "stored_jobs"), 0)), List.of("jobs stored"),
                List.of(new Column("start → first acquire (ms)", "start_to_first_acquire_ms", 1),
                        new Column("heap after start (MB)", "heap_after_start_full_gc_mb", 0),
                        new Column("jobCounts (ms)", "job_counts_ms", 1),
                        new Column("spread p50 / p99 (ms)", "spread_lateness_ms_p50", 1),
                        new Column("", "spread_lateness_ms_p99", 1),
                        new Column("aligned p50 / p99 (ms)", "aligned_lateness_ms_p50", 1),
                        new Column("", "aligned_lateness_ms_p99", 1), new Column("missed", "missed_runs", 0),
                        new Column("COPY (s)", "load_s", 1)));
    }

    private static void storeTable(StringBuilder out, List<Map<String, Object>> runs, String workload, String title,
            String text, Function<Map<String, Object>, List<String>> key, List<String> keyTitles,
            List<Column> columns) {
        Map<List<String>, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (Map<String, Object> run : runs) {
            if (workload.equals(run.get("workload"))) {
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(run.get("system")));
                row.addAll(key.apply(run));
                rows.computeIfAbsent(row, (ignored) -> new ArrayList<>()).add(run);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append("\n\n").append(text).append("\n\n| system |");
        keyTitles.forEach((name) -> out.append(' ').append(name).append(" |"));
        // a title-less column continues the one before it: "p50 / p99"
        List<List<Column>> merged = new ArrayList<>();
        for (Column column : columns) {
            if (column.title().isEmpty() && !merged.isEmpty()) {
                merged.get(merged.size() - 1).add(column);
            }
            else {
                merged.add(new ArrayList<>(List.of(column)));
            }
        }
        merged.forEach((group) -> out.append(' ').append(group.get(0).title()).append(" |"));
        out.append(" runs |\n|---|");
        keyTitles.forEach((name) -> out.append("---|"));
        merged.forEach((group) -> out.append("---:|"));
        out.append("---:|\n");
        rows.forEach((row, group) -> {
            out.append("| ").append(String.join(" | ", row)).append(" |");
            merged.forEach((columnGroup) -> {
                List<String> values = columnGroup.stream().map((column) -> medianOf(group, column)).toList();
                String value = values.stream().allMatch(String::isEmpty) ? "" : String.join(" / ", values);
                out.append(value.isEmpty() ? "" : " " + value).append(" |");
            });
            out.append(' ').append(group.size()).append(" |\n");
        });
        out.append("\nSettings:\n\n");
        // one line per system, or per row where a system's rows were run with different settings
        Map<String, Long> variants = rows.entrySet().stream().map((row) -> row.getKey().get(0) + "\u0000"
                + settings(row.getValue().get(0))).distinct()
            .collect(Collectors.groupingBy((variant) -> variant.substring(0, variant.indexOf('\u0000')),
                    Collectors.counting()));
        Map<String, Map<String, Object>> bySystem = new LinkedHashMap<>();
        rows.forEach((row, group) -> {
            String system = row.get(0);
            String label = "**" + system + "**" + ((variants.getOrDefault(system, 1L) > 1)
                    ? " (" + String.join(", ", row.subList(1, row.size())) + ")" : "");
            bySystem.putIfAbsent(label, settings(group.get(0)));
        });
        bySystem.forEach((label, settings) -> out.append("- ").append(label).append(": ")
            .append(settings.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("; ")))
            .append('\n'));
    }

    private static String batches(Map<String, Object> run) {
        double batchSize = number(parameters(run), "batch_size");
        return (batchSize == 1) ? "one by one" : "batches of " + format(batchSize, 0);
    }

    private static String timedTo(Map<String, Object> run) {
        return String.valueOf(settings(run).getOrDefault("measured", "")).contains("wake-up callback")
                ? "store's wake-up callback" : "job start";
    }

    private static double number(Map<String, Object> values, String key) {
        if (values.get(key) instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("expected a number for '" + key + "', found " + values.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Map<String, Object> run) {
        return (run.get("settings") instanceof Map<?, ?> settings) ? (Map<String, Object>) settings : Map.of();
    }

    private static void table(StringBuilder out, String scenario, Map<String, List<Map<String, Object>>> bySystem) {
        List<Column> columns = COLUMNS.stream()
            .filter((column) -> bySystem.values().stream().flatMap(List::stream)
                .anyMatch((run) -> metrics(run).get(column.key()) instanceof Number))
            .toList();
        out.append("## ").append(scenario).append("\n\n| system |");
        columns.forEach((column) -> out.append(' ').append(column.title()).append(" |"));
        out.append(" runs |\n|---|");
        columns.forEach((column) -> out.append("---:|"));
        out.append("---:|\n");
        bySystem.forEach((system, runs) -> {
            out.append("| ").append(system).append(" | ");
            columns.forEach((column) -> out.append(medianOf(runs, column)).append(" | "));
            long failed = runs.stream().filter((run) -> Boolean.TRUE.equals(metrics(run).get("timed_out"))).count();
            int measured = runs.stream().mapToInt(ResultsTable::measuredRuns).max().orElse(1);
            out.append(runs.size()).append((measured > 1) ? " × " + measured : "")
                .append((failed > 0) ? " (" + failed + " timed out)" : "").append(" |\n");
        });
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void settings(StringBuilder out, List<Map<String, Object>> runs) {
        out.append("## Settings of each system\n\n");
        Map<String, Map<String, Object>> bySystem = new LinkedHashMap<>();
        runs.forEach((run) -> bySystem.putIfAbsent((String) run.get("system"),
                (Map<String, Object>) run.get("settings")));
        bySystem.forEach((system, settings) -> out.append("- **").append(system).append("**: ")
            .append(settings.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("; ")))
            .append('\n'));
        out.append('\n');
    }

    private static void machine(StringBuilder out, List<Map<String, Object>> runs) {
        out.append("## Machine\n\n");
        runs.stream().map((run) -> run.get("java") + ", " + run.get("cores") + " cores").distinct()
            .forEach((line) -> out.append("- Java ").append(line).append('\n'));
        List<Double> loads = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            loads.add(oneMinuteLoad(run.get("loadavg_before")));
            loads.add(oneMinuteLoad(run.get("loadavg_after")));
        }
        List<Double> known = loads.stream().filter(Objects::nonNull).sorted().toList();
        if (!known.isEmpty()) {
            out.append(String.format(Locale.ROOT, "- 1-minute load average around the runs: min %.2f, median %.2f, "
                    + "max %.2f%n", known.get(0), median(known), known.get(known.size() - 1)));
        }
        runs.stream().map((run) -> (String) run.get("time")).filter(Objects::nonNull).min(Comparator.naturalOrder())
            .ifPresent((first) -> out.append("- runs from ").append(first).append(" to ")
                .append(runs.stream().map((run) -> (String) run.get("time")).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(first))
                .append('\n'));
    }

    private static @Nullable Double oneMinuteLoad(@Nullable Object loadavg) {
        if (loadavg instanceof String text && !text.isBlank()) {
            try {
                return Double.valueOf(text.split(" ")[0]);
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metrics(Map<String, Object> run) {
        return (Map<String, Object>) Objects.requireNonNull(run.get("metrics"), "metrics");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Map<String, Object> run) {
        return (Map<String, Object>) Objects.requireNonNull(run.get("parameters"), "parameters");
    }

    /**
     * Names a run's scenario: workload and parameters, and whether the JVM was cold (no warm-up run before).
     */
    @SuppressWarnings("unchecked")
    private static String scenario(Map<String, Object> run) {
        Map<String, Object> parameters = parameters(run);
        String described = parameters.entrySet().stream().filter((entry) -> !entry.getKey().equals("lead_ms"))
            .map((entry) -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ", "(", ")"));
        boolean cold = run.get("warmups") instanceof Number warmups && warmups.intValue() == 0;
        return run.get("workload") + " " + described + (cold ? " cold JVM" : "");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(double value, int decimals) {
        if (decimals == 0) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private record Column(String title, String key, int decimals) {
    }

}
