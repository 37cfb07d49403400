package dev.apscheduler.spring.boot.jpa;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.trigger.Triggers;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the JPA job store with the background scheduler on the local PostgreSQL (or the database given as
 * {@code -Dbenchmark.database=H2|POSTGRESQL|MARIADB}), 10 worker threads and a trivial task:
 * <ol>
 * <li>burst: 10,000 one-shot jobs due at the same instant; executions per second;</li>
 * <li>steady: 1,000 jobs each firing every second for 30 seconds; how late each run starts (p50, p99, max), once
 * with the jobs' fire times spread over the second and once with all of them at the same instant.</li>
 * </ol>
 * Jobs are inserted with JDBC before the scheduler starts, so only the scheduler's work is measured. Run it as the
 * README describes; pass {@code burst}, {@code spread} or {@code aligned} to run one scenario only. Each scenario
 * first runs once unmeasured, so that the figures are those of a warmed-up JVM.
 */
public final class JpaStoreBenchmark {

    private static final int WORKERS = 10;

    private final ConcurrentLinkedQueue<Long> latenessMicros = new ConcurrentLinkedQueue<>();

    private final AtomicLong lastFinish = new AtomicLong();

    private volatile CountDownLatch done = new CountDownLatch(0);

    private volatile TimedJobStore store;

    /**
     * Runs the scenarios named in {@code args}, or all of them.
     * @param args scenario names: {@code burst}, {@code spread}, {@code aligned}
     * @throws Exception if a scenario fails
     */
    public static void main(String[] args) throws Exception {
        TestDatabase database = TestDatabase.valueOf(System.getProperty("benchmark.database", "POSTGRESQL"));
        List<String> scenarios = (args.length > 0) ? Arrays.asList(args) : List.of("burst", "spread", "aligned");
        try (ConfigurableApplicationContext context = StoreApplications.start(database,
                Map.of("logging.level.dev.apscheduler", "warn", "logging.level.org.hibernate", "warn"))) {
            JpaStoreBenchmark benchmark = new JpaStoreBenchmark();
            for (String scenario : scenarios) {
                switch (scenario) {
                    case "burst" -> {
                        benchmark.burst(context, 10_000, "warm-up");
                        for (int round = 1; round <= 3; round++) {
                            benchmark.burst(context, 10_000, "round " + round);
                        }
                    }
                    case "spread", "aligned" -> {
                        benchmark.steady(context, 1_000, 5, scenario.equals("spread"), "warm-up");
                        benchmark.steady(context, 1_000, 30, scenario.equals("spread"), "measured");
                    }
                    default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
                }
            }
        }
    }

    private void burst(ConfigurableApplicationContext context, int jobs, String round) throws Exception {
        ZonedDateTime due = Instant.now().plusSeconds(3).atZone(ZoneOffset.UTC);
        insert(context, jobs, (i) -> Job.builder().id("burst-" + i).task(TaskReference.named("bench"))
            .trigger(Triggers.date(due)).misfireGraceTime(null).nextRunTime(due).build());
        this.done = new CountDownLatch(jobs);
        BackgroundScheduler scheduler = start(context);
        try {
            if (!this.done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("burst did not finish: " + this.done.getCount() + " left");
            }
        }
        finally {
            scheduler.shutdown(true);
        }
        double seconds = (this.lastFinish.get() - micros(due.toInstant())) / 1e6;
        long[] late = drainLateness();
        System.out.println("  store calls: " + this.store.report());
        System.out.printf("burst (" + round + "): %,d one-shot jobs due at once ran in %.3f s from their due time: "
                + "%,.0f executions/s (first start %.1f ms late, last %.1f ms late)%n", jobs, seconds, jobs / seconds,
                late[0] / 1e3, late[late.length - 1] / 1e3);
    }

    private void steady(ConfigurableApplicationContext context, int jobs, int seconds, boolean spread, String round)
            throws Exception {
        ZonedDateTime base = Instant.now().plusSeconds(3).atZone(ZoneOffset.UTC);
        ZonedDateTime end = base.plusSeconds(seconds - 1);
        insert(context, jobs, (i) -> {
            ZonedDateTime start = spread ? base.plusNanos(1_000_000_000L * i / jobs) : base;
            return Job.builder().id("steady-" + i).task(TaskReference.named("bench"))
                .trigger(Triggers.interval().seconds(1).startDate(start).endDate(end.plusNanos(999_999_999)).build())
                .misfireGraceTime(null).nextRunTime(start).build();
        });
        this.done = new CountDownLatch(jobs * seconds);
        BackgroundScheduler scheduler = start(context);
        try {
            if (!this.done.await(seconds + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("steady run did not finish: " + this.done.getCount() + " left");
            }
        }
        finally {
            scheduler.shutdown(true);
        }
        long[] late = drainLateness();
        System.out.println("  store calls: " + this.store.report());
        System.out.printf("steady (%s, " + round + "): %,d jobs every second for %d s, %,d runs: lateness p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", spread ? "fire times spread over the second" : "all fire times aligned",
                jobs, seconds, late.length, percentile(late, 50) / 1e3, percentile(late, 99) / 1e3,
                late[late.length - 1] / 1e3);
    }

    private BackgroundScheduler start(ConfigurableApplicationContext context) {
        TaskRegistry tasks = new TaskRegistry().registerAction("bench", (job) -> {
            long now = micros(Instant.now());
            this.latenessMicros.add(now - micros(job.scheduledFireTime().toInstant()));
            this.lastFinish.accumulateAndGet(micros(Instant.now()), Math::max);
            this.done.countDown();
        });
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
            .jobStore("default", this.store = new TimedJobStore(StoreApplications.store(context)))
            .executor("default", new ThreadPoolJobExecutor(WORKERS))
            .build();
        scheduler.start();
        return scheduler;
    }

    private static void insert(ConfigurableApplicationContext context, int count, IntFunction<Job> job) {
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(job.apply(i));
        }
        StoreApplications.replaceJobs(context, jobs);
    }

    private long[] drainLateness() {
        long[] late = this.latenessMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        this.latenessMicros.clear();
        this.lastFinish.set(0);
        return late;
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long micros(Instant instant) {
        return JobRows.floorMicros(instant);
    }

    private JpaStoreBenchmark() {
    }


}
