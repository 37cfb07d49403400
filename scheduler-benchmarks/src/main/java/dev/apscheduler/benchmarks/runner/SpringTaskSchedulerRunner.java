package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Spring's {@link ThreadPoolTaskScheduler} (a {@code ScheduledThreadPoolExecutor}) with
 * {@link RunnerEnvironment#workers()} threads: no store, no job identity, no misfire handling. It cannot be held, so
 * jobs are scheduled straight into its queue and {@link #release()} does nothing; the workloads schedule them far
 * enough ahead. A periodic job uses {@code scheduleAtFixedRate}, whose n-th run is due at start + n periods.
 */
public class SpringTaskSchedulerRunner implements SchedulerRunner {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    private final Map<String, Object> settings = new LinkedHashMap<>();

    /**
     * Creates and initialises the scheduler.
     * @param environment the worker count
     */
    public SpringTaskSchedulerRunner(RunnerEnvironment environment) {
        this.scheduler.setPoolSize(environment.workers());
        this.scheduler.setThreadNamePrefix("spring-tpts-");
        this.scheduler.initialize();
        this.settings.put("scheduler", "ThreadPoolTaskScheduler, spring-context " + Versions.of("spring-framework"));
        this.settings.put("pool_size", environment.workers());
        this.settings.put("store", "none (in-memory delay queue)");
        this.settings.put("periodic", "scheduleAtFixedRate");
    }

    @Override
    public Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void scheduleOnce(int count, Instant at, JobBody body) {
        Runnable run = () -> body.run(at);
        for (int i = 0; i < count; i++) {
            this.scheduler.schedule(run, at);
        }
    }

    @Override
    public void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body) {
        for (Instant start : firstFireTimes) {
            AtomicLong runs = new AtomicLong();
            this.scheduler.scheduleAtFixedRate(() -> body.run(start.plus(period.multipliedBy(runs.getAndIncrement()))),
                    start, period);
        }
    }

    @Override
    public void release() {
    }

    @Override
    public void close() {
        this.scheduler.shutdown();
    }

}
