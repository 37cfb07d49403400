package dev.apscheduler.benchmarks.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a sorted array of latenesses, reported in milliseconds with microsecond resolution.
 */
final class Lateness {

    private Lateness() {
    }

    /**
     * Summarises lateness samples.
     * @param sortedMicros the samples, sorted
     * @return {@code lateness_ms_p50}, {@code _p99}, {@code _max} and the number of early starts
     */
    static Map<String, Object> summary(long[] sortedMicros) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lateness_ms_p50", millis(percentile(sortedMicros, 50)));
        summary.put("lateness_ms_p99", millis(percentile(sortedMicros, 99)));
        summary.put("lateness_ms_max", millis((sortedMicros.length > 0) ? sortedMicros[sortedMicros.length - 1] : 0));
        long early = 0;
        for (long sample : sortedMicros) {
            if (sample >= 0) {
                break;
            }
            early++;
        }
        summary.put("early_starts", early);
        return summary;
    }

    /**
     * Returns the nearest-rank percentile.
     * @param sorted the sorted samples
     * @param percent the percentile, 1 to 100
     * @return the sample, or 0 when there are none
     */
    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Converts microseconds to milliseconds rounded to three decimals.
     * @param micros the microseconds
     * @return the milliseconds
     */
    static double millis(long micros) {
        return micros / 1000.0;
    }

}
