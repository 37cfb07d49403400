package dev.apscheduler.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStoreContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the wake-up latency programs share ({@link RedisWakeupLatency}, {@link ZooKeeperWakeupLatency},
 * {@link JpaWakeupLatency}): a series of changes made through one instance, each timed until another instance hears
 * of it (its store's wake-up callback, or a job starting on it), after unmeasured warm-up changes; the percentiles
 * printed as one JSON line with the machine's load average.
 */
final class WakeupLatency {

    private static final long TIMEOUT_SECONDS = 5;

    private final BlockingQueue<Long> heard = new LinkedBlockingQueue<>();

    /**
     * Records that the listening instance heard of the latest change now; callable from any thread.
     */
    void heard() {
        this.heard.offer(System.nanoTime());
    }

    /**
     * Returns a store context for the listening instance whose wake-up records that it heard of a change.
     * @return the context, alias {@code default}, UTC
     */
    JobStoreContext listeningContext() {
        return new Listening(this);
    }

    /**
     * Makes the changes one after the other, each once the previous one was heard, and times them.
     * @param warmups the unmeasured changes first
     * @param changes the measured changes
     * @param change makes change {@code i} (negative for warm-ups) and returns when it was made, in
     * {@link System#nanoTime()}
     * @return the latencies in nanoseconds, sorted
     * @throws Exception if a change fails or the wait is interrupted; {@link IllegalStateException} if a change is
     * not heard within 5 s
     */
    long[] measure(int warmups, int changes, Change change) throws Exception {
        return measure(warmups, changes, Duration.ZERO, change);
    }

    /**
     * Makes the changes one after the other, each after a random pause once the previous one was heard, and times
     * them. With a polling listener, a change made as soon as the previous one was heard would fall just after a
     * poll every time; a pause drawn evenly from zero to the polling interval spreads the changes over its cycle.
     * @param warmups the unmeasured changes first
     * @param changes the measured changes
     * @param maxPause the longest pause before a change ({@link Duration#ZERO} for none)
     * @param change makes change {@code i} (negative for warm-ups) and returns when it was made, in
     * {@link System#nanoTime()}
     * @return the latencies in nanoseconds, sorted
     * @throws Exception if a change fails or the wait is interrupted; {@link IllegalStateException} if a change is
     * not heard within 5 s
     */
    long[] measure(int warmups, int changes, Duration maxPause, Change change) throws Exception {
        long[] latencies = new long[changes];
        for (int i = -warmups; i < changes; i++) {
            if (!maxPause.isZero()) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(maxPause.toMillis() + 1));
            }
            this.heard.clear();
            long start = change.make(i);
            Long at = this.heard.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("change " + i + " was not heard within " + TIMEOUT_SECONDS + " s");
            }
            if (i >= 0) {
                latencies[i] = at - start;
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /**
     * Prints one JSON line: the given fields, then the number of changes, p50, p90, p99 and the maximum in
     * milliseconds, and the load average.
     * @param sorted the latencies in nanoseconds, sorted
     * @param fields what was measured, as name and value pairs ({@code system}, {@code workload}, settings)
     */
    static void print(long[] sorted, String... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(fields[i], fields[i + 1]);
        }
        line.putAll(summary(sorted));
        line.put("loadavg", loadAverage());
        System.out.println(JsonMapper.builder().build().writeValueAsString(line));
    }

    /**
     * Summarizes latencies: the number of changes, p50, p90, p99 and the maximum in milliseconds.
     * @param sorted the latencies in nanoseconds, sorted, at least one
     * @return the figures, named as in the JSON lines
     */
    static Map<String, Object> summary(long[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no latencies to summarize");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("changes", sorted.length);
        summary.put("latency_ms_p50", millis(sorted, 0.50));
        summary.put("latency_ms_p90", millis(sorted, 0.90));
        summary.put("latency_ms_p99", millis(sorted, 0.99));
        summary.put("latency_ms_max", round(sorted[sorted.length - 1] / 1e6));
        return summary;
    }

    private static double millis(long[] sorted, double quantile) {
        return round(sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    /**
     * Reads the machine's load average, for the output.
     * @return the first three fields of {@code /proc/loadavg}, or {@code unknown}
     */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.copyOf(fields, Math.min(3, fields.length)));
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    /**
     * The outcome of a measurement.
     * @param sorted the latencies in nanoseconds, sorted
     * @param settings what was measured and how the instances were set up, for the output
     */
    record Measured(long[] sorted, Map<String, Object> settings) {
    }

    /**
     * One change made through the changing instance.
     */
    @FunctionalInterface
    interface Change {

        /**
         * Makes change {@code i}.
         * @param i the change's number, negative for warm-ups
         * @return when the change was made, in {@link System#nanoTime()}
         * @throws Exception if it fails
         */
        long make(int i) throws Exception;

    }

    /**
     * The listening instance's store context: its wake-up records that the change was heard.
     */
    private static final class Listening implements JobStoreContext {

        private final JobStoreContext base = JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC);

        private final WakeupLatency latency;

        Listening(WakeupLatency latency) {
            this.latency = latency;
        }

        @Override
        public String alias() {
            return this.base.alias();
        }

        @Override
        public Clock clock() {
            return this.base.clock();
        }

        @Override
        public ZoneId timezone() {
            return this.base.timezone();
        }

        @Override
        public JobCodec codec() {
            return this.base.codec();
        }

        @Override
        public void reportUnrestorableJob(JobRestoreException failure) {
            this.base.reportUnrestorableJob(failure);
        }

        @Override
        public void wakeup() {
            this.latency.heard();
        }

    }

}
