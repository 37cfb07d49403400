package dev.apscheduler.benchmarks.jmh;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own cost per due job, without threads or the wall clock: a {@link ManualScheduler} (memory store,
 * {@code direct} executor) holds {@value #JOBS} interval jobs due every second, and each operation moves its clock
 * one second on, so that the loop claims every job, decides its run, reschedules it, submits it and runs it on the
 * calling thread. The score is per job: the part of the periodic workload's lateness that is the scheduler's work.
 * With the memory run history (the default) it includes writing each run's record, which a scheduler's own thread
 * does after the runs; {@code none} leaves it out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProcessDueJobsBenchmarks {

    private static final int JOBS = 1000;

    /** Whether a listener receives every event, as a metrics or history listener would. */
    @Param({ "false", "true" })
    public boolean listener;

    /** The run history: the default, in memory, or none. */
    @Param({ "memory", "none" })
    public String history;

    private ManualScheduler scheduler;

    private long runs;

    /**
     * Starts the scheduler with the jobs.
     */
    @Setup
    public void start() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        ManualScheduler.Builder builder = ManualScheduler.builder().clock(MutableClock.at(start))
            .timezone(ZoneOffset.UTC);
        switch (this.history) {
            case "memory" -> {
                // the builder's default
            }
            case "none" -> builder.historyStore(null);
            default -> throw new IllegalArgumentException("parameter history must be memory or none, was '"
                    + this.history + "'");
        }
        this.scheduler = builder.build();
        this.scheduler.taskRegistry().register("count", () -> this.runs++);
        if (this.listener) {
            this.scheduler.addListener((event) -> this.runs++);
        }
        this.scheduler.start();
        IntervalTrigger trigger = Triggers.interval().seconds(1).startDate(start.plusSeconds(1).atZone(ZoneOffset.UTC))
            .build();
        for (int i = 0; i < JOBS; i++) {
            this.scheduler.addJob(JobSpec.task("count").id("job-" + i).trigger(trigger));
        }
    }

    /**
     * Stops the scheduler.
     */
    @TearDown
    public void stop() {
        this.scheduler.shutdown(false);
    }

    /**
     * Moves the clock one second on: every job is due once.
     * @return when the loop would wake next
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public Optional<Instant> runEveryJobOnce() {
        return this.scheduler.jump(Duration.ofSeconds(1));
    }

}
