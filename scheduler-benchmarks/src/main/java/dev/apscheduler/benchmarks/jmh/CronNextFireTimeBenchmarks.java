package dev.apscheduler.benchmarks.jmh;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.trigger.CronTrigger;
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
import org.springframework.scheduling.support.CronExpression;

/**
 * The time it takes to compute the next fire time of a cron schedule after a given time: ours
 * ({@link CronTrigger#nextFireTime}, strictly after the previous fire time), Spring's {@link CronExpression#next} and
 * Quartz's {@link org.quartz.CronExpression#getNextValidTimeAfter}, on the same schedules written in each syntax
 * ({@link EquivalentCron}). Start times are spread at random over four years so that no result is cached and every
 * month, weekday and DST change is met.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CronNextFireTimeBenchmarks {

    private static final int STARTS = 1024;

    /** The schedule, by {@link EquivalentCron} constant name. */
    @Param({ "EVERY_MINUTE", "EVERY_5_MINUTES", "WEEKDAYS_0930", "BUSINESS_HOURS", "MONTHLY", "LEAP_DAY" })
    public String schedule;

    /** The time zone the schedule follows. */
    @Param({ "UTC", "Europe/Berlin" })
    public String zone;

    private final ZonedDateTime[] starts = new ZonedDateTime[STARTS];

    private final Date[] startDates = new Date[STARTS];

    private CronTrigger ours;

    private CronExpression spring;

    private org.quartz.CronExpression quartz;

    private int next;

    /**
     * Parses the schedule in each syntax and draws the start times.
     * @throws ParseException if Quartz rejects its expression
     */
    @Setup
    public void setUp() throws ParseException {
        EquivalentCron cron = EquivalentCron.named(this.schedule);
        ZoneId zoneId = ZoneId.of(this.zone);
        this.ours = Triggers.crontab(cron.crontab(), zoneId);
        this.spring = CronExpression.parse(cron.spring());
        this.quartz = new org.quartz.CronExpression(cron.quartz());
        this.quartz.setTimeZone(TimeZone.getTimeZone(zoneId));
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2029-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < STARTS; i++) {
            Instant start = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1000) * 1_000_000L);
            this.starts[i] = start.atZone(zoneId);
            this.startDates[i] = Date.from(start);
        }
    }

    private int nextIndex() {
        this.next = (this.next + 1) & (STARTS - 1);
        return this.next;
    }

    /**
     * Ours: the next fire time strictly after a previous fire time, as the scheduler asks for it.
     * @return the fire time
     */
    @Benchmark
    public Optional<ZonedDateTime> ours() {
        ZonedDateTime start = this.starts[nextIndex()];
        return this.ours.nextFireTime(start, start);
    }

    /**
     * Spring's {@code CronExpression.next}.
     * @return the fire time
     */
    @Benchmark
    public ZonedDateTime spring() {
        return this.spring.next(this.starts[nextIndex()]);
    }

    /**
     * Quartz's {@code CronExpression.getNextValidTimeAfter}.
     * @return the fire time
     */
    @Benchmark
    public Date quartz() {
        return this.quartz.getNextValidTimeAfter(this.startDates[nextIndex()]);
    }

}
