package dev.apscheduler.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Several measured runs of one workload in one JVM ({@code --measured}), each on a fresh scheduler, combined into the
 * figures of one: a burst lasts a few milliseconds, and one burst's drain depends on where the threads happened to
 * be (the matrix's tables take the median of the repetitions, one JVM each, which with one burst per JVM left single
 * outliers deciding them). Each figure is the median over the runs that report it, the same figure of every run
 * alike; a flag ({@code timed_out}, {@code load_overran}) is set when any run set it. The drains of every run are
 * kept in order ({@code drain_ms_runs}), and {@code measured_runs} says how many there were.
 */
final class MeasuredRuns {

    private MeasuredRuns() {
    }

    /**
     * Combines the metrics of the measured runs.
     * @param runs each run's metrics, in the order run: at least one
     * @return the metrics of one run when there was one, otherwise the combined figures
     */
    static Map<String, Object> combine(List<Map<String, Object>> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no measured run to combine");
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Map<String, Object> combined = new LinkedHashMap<>();
        for (Map<String, Object> run : runs) {
            for (String key : run.keySet()) {
                combined.computeIfAbsent(key, (name) -> combine(name, runs));
            }
        }
        combined.put("measured_runs", runs.size());
        List<Object> drains = new ArrayList<>();
        runs.forEach((run) -> drains.add(run.get("drain_ms")));
        if (drains.stream().anyMatch((drain) -> drain != null)) {
            combined.put("drain_ms_runs", drains);
        }
        return combined;
    }

    /** The figure over the runs, or {@code null} (left out) when no run has a value for it. */
    private static @Nullable Object combine(String key, List<Map<String, Object>> runs) {
        List<Double> numbers = new ArrayList<>();
        boolean integral = true;
        boolean flags = false;
        boolean anyTrue = false;
        for (Map<String, Object> run : runs) {
            Object value = run.get(key);
            if (value instanceof Number number) {
                numbers.add(number.doubleValue());
                integral &= !(value instanceof Double || value instanceof Float);
            }
            else if (value instanceof Boolean flag) {
                flags = true;
                anyTrue |= flag;
            }
            else if (value != null) {
                throw new IllegalArgumentException("figure '" + key + "' is neither a number nor a flag: " + value);
            }
        }
        if (!numbers.isEmpty() && flags) {
            throw new IllegalArgumentException("figure '" + key + "' is a number in some runs and a flag in others");
        }
        if (numbers.isEmpty()) {
            return flags ? (Object) anyTrue : null;
        }
        double median = ResultsTable.median(numbers);
        return integral ? (Object) Math.round(median) : (Object) median;
    }

}
