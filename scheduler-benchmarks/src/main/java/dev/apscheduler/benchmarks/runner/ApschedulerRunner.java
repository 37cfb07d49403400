package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;
import org.jspecify.annotations.Nullable;

/**
 * Our {@link BackgroundScheduler} on the real clock with a given job store and a {@code threadpool} executor of
 * {@link RunnerEnvironment#workers()} workers. Jobs run a registered task (as jobs in a persistent store must), one
 * job per one-shot run ({@code date} trigger, {@code misfire_grace_time} none) or per periodic job ({@code interval}
 * trigger, default job options). Held by starting the scheduler paused; released by resuming it.
 */
public final class ApschedulerRunner implements SchedulerRunner {

    private static final String TASK = "benchmark";

    private final BackgroundScheduler scheduler;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private final AutoCloseable resources;

    private volatile JobBody body = (scheduledTime) -> { };

    /**
     * Creates and starts (paused) the scheduler.
     * @param environment the worker count
     * @param store the job store, registered as {@code default}
     * @param storeSettings how the store is set up, for the output
     * @param history the run history for {@code --history jpa}, or {@code null}
     * @param resources what to close after the scheduler (a database schema, ...)
     */
    public ApschedulerRunner(RunnerEnvironment environment, JobStore store, Map<String, Object> storeSettings,
            @Nullable HistoryStore history, AutoCloseable resources) {
        this.resources = resources;
        BackgroundScheduler.Builder builder = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .jobStore("default", store).executor("default", new ThreadPoolJobExecutor(environment.workers()));
        if ("none".equals(environment.history())) {
            builder.historyStore(null);
        }
        else if ("jpa".equals(environment.history())) {
            builder.historyStore(Objects.requireNonNull(history, "--history jpa needs a JPA history store"));
        }
        this.scheduler = builder.build();
        this.scheduler.taskRegistry().registerAction(TASK,
                (context) -> this.body.run(context.scheduledFireTime().toInstant()));
        this.settings.put("scheduler", "BackgroundScheduler");
        this.settings.put("executor", "threadpool, max_workers=" + environment.workers());
        this.settings.putAll(storeSettings);
        this.settings.putIfAbsent("history", environment.history());
        this.settings.put("history", environment.history());
        this.settings.put("job_defaults", "coalesce=true, max_instances=1, misfire_grace_time=1s "
                + "(one-shot jobs: misfire_grace_time=None)");
        this.scheduler.start(true);
    }

    @Override
    public Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void scheduleOnce(int count, Instant at, JobBody body) {
        this.body = body;
        DateTrigger trigger = Triggers.date(at.atZone(ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            this.scheduler.addJob(JobSpec.task(TASK).id("once-" + i).trigger(trigger).misfireGraceTime(null));
        }
    }

    @Override
    public void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body) {
        this.body = body;
        Map<Instant, IntervalTrigger> triggers = new HashMap<>();
        for (int i = 0; i < firstFireTimes.size(); i++) {
            IntervalTrigger trigger = triggers.computeIfAbsent(firstFireTimes.get(i),
                    (start) -> Triggers.interval().every(period).startDate(start.atZone(ZoneOffset.UTC)).build());
            this.scheduler.addJob(JobSpec.task(TASK).id("periodic-" + i).trigger(trigger));
        }
    }

    @Override
    public void release() {
        this.scheduler.resume();
    }

    @Override
    public void close() {
        this.scheduler.shutdown(Duration.ofSeconds(5));
        try {
            this.resources.close();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not release the resources of " + this.settings, ex);
        }
    }

}
