package dev.apscheduler.benchmarks.jmh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.RunIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory run history's cost per record saved, as its writer thread pays it in a steady state: {@value #JOBS}
 * jobs, each already holding the most records the store keeps per job, and each operation saving one new record per
 * job (a second of the periodic workload), so that every record saved drops its job's oldest. Records are made
 * before they are saved: the score is the store's work alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryHistoryBenchmarks {

    private static final int JOBS = 1000;

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    /** How many records the store keeps per job: its default, and a tenth of it. */
    @Param({ "100", "10" })
    public int maxRunsPerJob;

    private MemoryHistoryStore store;

    private long second;

    private List<RunRecord> next;

    /**
     * Fills the store: every job at its bound.
     */
    @Setup
    public void fill() {
        this.store = new MemoryHistoryStore(this.maxRunsPerJob);
        for (int i = 0; i < this.maxRunsPerJob; i++) {
            this.store.save(nextSecond());
        }
    }

    /**
     * Makes the next second's records, outside the time measured (an operation saves 1,000 records, long enough for
     * a setup per invocation).
     */
    @Setup(Level.Invocation)
    public void makeRecords() {
        this.next = nextSecond();
    }

    /**
     * Saves one new record per job.
     * @return the store
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public MemoryHistoryStore saveOneRecordPerJob() {
        this.store.save(this.next);
        return this.store;
    }

    private List<RunRecord> nextSecond() {
        Instant scheduledAt = START.plusSeconds(this.second++);
        List<RunRecord> records = new ArrayList<>(JOBS);
        for (int job = 0; job < JOBS; job++) {
            records.add(RunRecord.running(RunIds.next(), "job-" + job, "default", "default", "count", scheduledAt, 1,
                    scheduledAt, "host-1").ended(RunOutcome.SUCCESS, scheduledAt));
        }
        return records;
    }

}
