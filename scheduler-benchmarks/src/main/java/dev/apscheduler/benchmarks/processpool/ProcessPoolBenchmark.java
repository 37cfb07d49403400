package dev.apscheduler.benchmarks.processpool;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.apscheduler.benchmarks.processpool.app.BenchmarkWorkerApplication;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.executor.AbstractJobExecutor;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.executor.process.ProcessPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.trigger.DateTrigger;
import org.jspecify.annotations.Nullable;

/**
 * The process pool's figures, printed as a Markdown table: how long a worker takes to start (plain Java, and the
 * Spring Boot application in worker mode), measured as the first run on a lazily started pool; the time per run of
 * an empty task on a warm worker, next to the thread pool's; and four CPU-bound runs on one and on two workers.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.processpool.ProcessPoolBenchmark
 * </pre>
 */
public final class ProcessPoolBenchmark {

    private static final AtomicInteger IDS = new AtomicInteger();

    private ProcessPoolBenchmark() {
    }

    /**
     * Runs every measurement once.
     * @param args {@code --quick} for fewer repetitions
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && "--quick".equals(args[0]);
        int starts = quick ? 2 : 5;
        int roundTrips = quick ? 500 : 3000;
        long spin = calibrateSpin();
        List<String> rows = new ArrayList<>();
        rows.add(row("worker start, plain Java (first run on a lazy pool)", millis(startTimes(null, starts))));
        rows.add(row("worker start, Spring Boot app in worker mode (first run)",
                millis(startTimes(BenchmarkWorkerApplication.class.getName(), Math.max(2, starts / 2)))));
        double process = roundTrip(ProcessPoolJobExecutor.builder().maxWorkers(1).build(), roundTrips);
        double thread = roundTrip(new ThreadPoolJobExecutor(1), roundTrips);
        rows.add(row("warm run of an empty task, process pool (ms/run)", format(process)));
        rows.add(row("warm run of an empty task, thread pool (ms/run)", format(thread)));
        rows.add(row("round-trip overhead of the process pool (ms/run)", format(process - thread)));
        double one = cpuBound(1, spin);
        double two = cpuBound(2, spin);
        rows.add(row("4 CPU-bound runs (~1 s each), 1 worker (s)", format(one / 1000)));
        rows.add(row("4 CPU-bound runs (~1 s each), 2 workers (s)", format(two / 1000)));
        rows.add(row("speed-up, 2 workers over 1", format(one / two)));
        StringBuilder table = new StringBuilder("| measurement | value |\n|---|---:|\n");
        rows.forEach((row) -> table.append(row).append('\n'));
        System.out.print(table);
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |";
    }

    private static String millis(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f, n=%d)", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static long calibrateSpin() {
        long iterations = 20_000_000L;
        BenchmarkWorkerTasks.spin(iterations);
        long start = System.nanoTime();
        BenchmarkWorkerTasks.spin(iterations);
        double nanosPerIteration = (double) (System.nanoTime() - start) / iterations;
        return (long) (TimeUnit.SECONDS.toNanos(1) / nanosPerIteration);
    }

    private static List<Double> startTimes(@Nullable String mainClass, int repetitions) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            ProcessPoolJobExecutor executor = ProcessPoolJobExecutor.builder().maxWorkers(1).eager(false)
                .mainClass(mainClass).startTimeout(Duration.ofMinutes(5)).build();
            Runs runs = new Runs(executor);
            long start = System.nanoTime();
            runs.runAll("noop", 1, 0L);
            times.add((System.nanoTime() - start) / 1e6);
            executor.shutdown(Duration.ofSeconds(30));
        }
        return times;
    }

    private static double roundTrip(AbstractJobExecutor executor, int count) throws Exception {
        Runs runs = new Runs(executor);
        for (int i = 0; i < count / 5 + 1; i++) {
            runs.runAll("noop", 1, 0L);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runs.runAll("noop", 1, 0L);
        }
        double perRun = (System.nanoTime() - start) / 1e6 / count;
        executor.shutdown(Duration.ofSeconds(30));
        return perRun;
    }

    private static double cpuBound(int workers, long spin) throws Exception {
        ProcessPoolJobExecutor executor = ProcessPoolJobExecutor.builder().maxWorkers(workers).build();
        Runs runs = new Runs(executor);
        runs.runAll("spin", workers, spin / 4);
        long start = System.nanoTime();
        runs.runAll("spin", 4, spin);
        double elapsed = (System.nanoTime() - start) / 1e6;
        executor.shutdown(Duration.ofSeconds(30));
        return elapsed;
    }

    /**
     * Submits jobs to a started executor and waits for their execution events.
     */
    private static final class Runs {

        private final AbstractJobExecutor executor;

        private volatile CountDownLatch latch = new CountDownLatch(0);

        private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

        Runs(AbstractJobExecutor executor) {
            this.executor = executor;
            TaskRegistry tasks = new TaskRegistry();
            BenchmarkWorkerTasks.register(tasks);
            executor.start(ExecutorContext.of("bench", Clock.systemUTC(), tasks, (event) -> {
                if (event instanceof JobExecutionEvent execution) {
                    if (execution.code() != EventCodes.JOB_EXECUTED) {
                        Throwable error = execution.exception();
                        this.failure.compareAndSet(null, (error != null) ? error
                                : new IllegalStateException("event " + execution.code() + " for " + execution.jobId()));
                    }
                    this.latch.countDown();
                }
            }));
        }

        void runAll(String task, int count, long argument) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(count);
            this.latch = done;
            for (int i = 0; i < count; i++) {
                ZonedDateTime runTime = ZonedDateTime.now(Clock.systemUTC());
                Job job = Job.builder().id("bench-" + IDS.incrementAndGet()).task(TaskReference.named(task))
                    .args("spin".equals(task) ? List.of(argument) : List.of()).trigger(DateTrigger.of(runTime))
                    .nextRunTime(runTime).misfireGraceTime(null).build();
                this.executor.submit(job, List.of(runTime));
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("runs of " + task + " did not end within 10 minutes");
            }
            Throwable error = this.failure.get();
            if (error != null) {
                throw new IllegalStateException("a run of " + task + " failed", error);
            }
        }

    }

}
