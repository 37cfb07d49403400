package dev.apscheduler.benchmarks.jmh;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code addJob} into the memory job store of a running scheduler: building the job from its
 * specification (id, trigger, defaults, first run time), storing it, publishing {@code JOB_ADDED} and waking the
 * loop. Each iteration starts from a new, empty scheduler; jobs are due far in the future so the loop never runs
 * one. {@code manual} is the test scheduler (its wake-up only counts), {@code background} the real one, whose loop
 * thread is woken by every add.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddJobBenchmarks {

    private static final ZonedDateTime FAR_FUTURE = ZonedDateTime.of(2100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** The scheduler implementation: {@code manual} or {@code background}. */
    @Param({ "manual", "background" })
    public String scheduler;

    private final DateTrigger date = Triggers.date(FAR_FUTURE);

    private final IntervalTrigger interval = Triggers.interval().hours(1).startDate(FAR_FUTURE).build();

    private Scheduler running;

    private long count;

    /**
     * Starts an empty scheduler for the iteration.
     */
    @Setup(Level.Iteration)
    public void start() {
        this.running = "manual".equals(this.scheduler) ? ManualScheduler.builder().timezone(ZoneOffset.UTC).build()
                : BackgroundScheduler.builder().timezone(ZoneOffset.UTC).build();
        this.running.taskRegistry().register("noop", () -> { });
        this.running.start();
    }

    /**
     * Stops the iteration's scheduler, dropping its jobs.
     */
    @TearDown(Level.Iteration)
    public void stop() {
        this.running.shutdown(false);
    }

    /**
     * Adds a one-shot job with a generated id.
     * @return the job
     */
    @Benchmark
    public Job dateJob() {
        return this.running.addJob(JobSpec.task("noop").trigger(this.date));
    }

    /**
     * Adds an interval job with a given id.
     * @return the job
     */
    @Benchmark
    public Job intervalJobWithId() {
        return this.running.addJob(JobSpec.task("noop").id("job-" + (this.count++)).trigger(this.interval));
    }

}
