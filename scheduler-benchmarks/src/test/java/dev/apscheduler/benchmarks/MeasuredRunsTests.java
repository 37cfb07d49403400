package dev.apscheduler.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Several measured runs of a workload in one JVM, combined into one line's figures.
 */
class MeasuredRunsTests {

    @Test
    void oneRunIsReportedAsItIs() {
        Map<String, Object> run = burst(4.2, 2_380_952L, false);

        assertThat(MeasuredRuns.combine(List.of(run))).isSameAs(run);
    }

    @Test
    void eachFigureIsTheMedianOfTheRunsAndTheDrainsAreKeptInOrder() {
        List<Map<String, Object>> runs = List.of(burst(9.0, 1_111_111L, false), burst(4.0, 2_500_000L, false),
                burst(5.0, 2_000_000L, false), burst(30.0, 333_333L, false), burst(4.5, 2_222_222L, false));

        Map<String, Object> combined = MeasuredRuns.combine(runs);

        assertThat(combined).containsEntry("drain_ms", 5.0).containsEntry("throughput_per_s", 2_000_000L)
            .containsEntry("lateness_ms_p99", 4.0).containsEntry("completed", 10_000L)
            .containsEntry("timed_out", false).containsEntry("measured_runs", 5)
            .containsEntry("drain_ms_runs", List.of(9.0, 4.0, 5.0, 30.0, 4.5));
        // the figures keep the order of a single run's, followed by the two about the runs
        assertThat(combined.keySet()).startsWith("completed", "timed_out", "drain_ms", "throughput_per_s")
            .endsWith("measured_runs", "drain_ms_runs");
    }

    @Test
    void anEvenNumberOfRunsTakesTheMeanOfTheMiddleTwoAndWholeFiguresStayWhole() {
        List<Map<String, Object>> runs = List.of(burst(4.0, 2_500_000L, false), burst(6.0, 1_666_667L, false),
                burst(5.0, 2_000_000L, false), burst(8.0, 1_250_000L, false));

        Map<String, Object> combined = MeasuredRuns.combine(runs);

        assertThat(combined).containsEntry("drain_ms", 5.5).containsEntry("throughput_per_s", 1_833_334L);
    }

    @Test
    void aFlagIsSetWhenAnyRunSetItAndARunWithoutADrainLeavesAGapInTheDrains() {
        Map<String, Object> timedOut = burst(0.0, 0L, true);
        timedOut.remove("drain_ms");
        timedOut.remove("throughput_per_s");
        List<Map<String, Object>> runs = List.of(burst(4.0, 2_500_000L, false), timedOut,
                burst(6.0, 1_666_667L, false));

        Map<String, Object> combined = MeasuredRuns.combine(runs);

        assertThat(combined).containsEntry("timed_out", true).containsEntry("drain_ms", 5.0)
            .containsEntry("drain_ms_runs", Arrays.asList(4.0, null, 6.0));
    }

    @Test
    void aFigureNoRunHasAValueForIsLeftOut() {
        Map<String, Object> first = burst(4.0, 2_500_000L, false);
        first.put("note", null);
        Map<String, Object> second = burst(6.0, 1_666_667L, false);
        second.put("note", null);

        assertThat(MeasuredRuns.combine(List.of(first, second))).doesNotContainKey("note")
            .containsEntry("drain_ms", 5.0);
    }

    @Test
    void noRunOrAFigureOfAnotherKindIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> MeasuredRuns.combine(List.of()))
            .withMessage("no measured run to combine");
        Map<String, Object> odd = burst(5.0, 2_000_000L, false);
        odd.put("note", "slow");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> MeasuredRuns.combine(List.of(burst(4.0, 2_500_000L, false), odd)))
            .withMessage("figure 'note' is neither a number nor a flag: slow");
        Map<String, Object> flagged = burst(5.0, 2_000_000L, false);
        flagged.put("drain_ms", true);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> MeasuredRuns.combine(List.of(burst(4.0, 2_500_000L, false), flagged)))
            .withMessage("figure 'drain_ms' is a number in some runs and a flag in others");
    }

    @Test
    void theBenchmarkRefusesNoMeasuredRunAndMeasuredRunsOfAStoreWorkload() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchmarkMain.main(new String[] {"--system", "spring-tpts", "--workload", "burst",
                "--measured", "0"}))
            .withMessage("option --measured must be >= 1, was 0");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> BenchmarkMain.main(new String[] {"--system", "apscheduler-jpa-postgres", "--workload",
                "bulk-add", "--measured", "3"}))
            .withMessage("option --measured applies to burst, periodic and sleepy, not to bulk-add");
    }

    private static Map<String, Object> burst(double drainMillis, long throughput, boolean timedOut) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("completed", 10_000);
        metrics.put("timed_out", timedOut);
        metrics.put("drain_ms", drainMillis);
        metrics.put("throughput_per_s", throughput);
        metrics.put("lateness_ms_p99", drainMillis - 1);
        return metrics;
    }

}
