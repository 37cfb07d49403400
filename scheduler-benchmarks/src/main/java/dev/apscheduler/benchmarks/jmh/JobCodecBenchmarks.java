package dev.apscheduler.benchmarks.jmh;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the persistent stores' job JSON ({@link JobCodec}): a job written as a store writes it on every add,
 * update and acquire step, and read back as a store restores it. Jobs as an application adds them: an hourly
 * {@code interval} job (the bulk add's), a weekday {@code cron} job in a zone of its own with keyword arguments,
 * and a one-shot {@code date} job with positional arguments.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JobCodecBenchmarks {

    private static final ZonedDateTime START = ZonedDateTime.of(2030, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    /** The job's trigger: {@code interval}, {@code cron} or {@code date}. */
    @Param({ "interval", "cron", "date" })
    public String trigger;

    private final JobCodec codec = new JobCodec(ZoneOffset.UTC, Clock.systemUTC());

    private Job job;

    private String json;

    /**
     * Builds the job and its JSON.
     */
    @Setup
    public void setUp() {
        Trigger trigger = switch (this.trigger) {
            case "interval" -> Triggers.interval().hours(1).startDate(START).build();
            case "cron" -> Triggers.cron().dayOfWeek("mon-fri").hour("9").minute("30")
                .timezone(ZoneId.of("Europe/Helsinki")).build();
            case "date" -> Triggers.date(START.plusDays(1));
            default -> throw new IllegalArgumentException("unknown trigger '" + this.trigger + "'");
        };
        this.job = Job.builder().id("job-" + this.trigger).name("Job " + this.trigger)
            .task(TaskReference.named("send-report")).args(List.of("ops", 3))
            .kwargs(Map.of("to", "ops@example.com", "retries", 3)).trigger(trigger).executor("default")
            .jobstore("default").misfireGraceTime(Duration.ofSeconds(1)).nextRunTime(START.plusHours(1)).build();
        this.json = this.codec.encode(this.job);
    }

    /**
     * Writes the job as JSON.
     * @return the text
     */
    @Benchmark
    public String encode() {
        return this.codec.encode(this.job);
    }

    /**
     * Restores the job from its JSON.
     * @return the job
     */
    @Benchmark
    public Job decode() {
        return this.codec.decode(this.json, "default");
    }

}
