package dev.apscheduler.benchmarks.scale;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.benchmarks.runner.JobBody;
import dev.apscheduler.benchmarks.runner.SchedulerRunner;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.IntervalTrigger;
import dev.apscheduler.trigger.Triggers;

/**
 * A workload's view of a scheduler that is already running on the store under test, as the other runners set theirs
 * up (a registered task, {@code interval} jobs with the default job options, one-shot jobs that run however late):
 * held by pausing it, released by resuming it, and closed by removing the workload's jobs, so that the jobs stored
 * beforehand stay for the next workload.
 */
final class RunningSchedulerRunner implements SchedulerRunner {

    static final String TASK = "benchmark";

    private final BackgroundScheduler scheduler;

    private final Map<String, Object> settings;

    private final List<String> added = new ArrayList<>();

    /**
     * Pauses the scheduler and registers the workload's task (once per scheduler).
     */
    RunningSchedulerRunner(BackgroundScheduler scheduler, Map<String, Object> settings) {
        this.scheduler = scheduler;
        this.settings = new LinkedHashMap<>(settings);
        if (scheduler.taskRegistry().find(TASK).isEmpty()) {
            scheduler.taskRegistry().registerAction(TASK,
                    (context) -> running.run(context.scheduledFireTime().toInstant()));
        }
        scheduler.pause();
    }

    // what the task runs: the body of the workload under way (one at a time in the program)
    private static volatile JobBody running = (scheduledTime) -> { };

    @Override
    public Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void scheduleOnce(int count, Instant at, JobBody body) {
        use(body);
        DateTrigger trigger = Triggers.date(at.atZone(ZoneOffset.UTC));
        for (int i = 0; i < count; i++) {
            add(JobSpec.task(TASK).id("once-" + i).trigger(trigger).misfireGraceTime(null));
        }
    }

    @Override
    public void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body) {
        use(body);
        Map<Instant, IntervalTrigger> triggers = new HashMap<>();
        for (int i = 0; i < firstFireTimes.size(); i++) {
            IntervalTrigger trigger = triggers.computeIfAbsent(firstFireTimes.get(i),
                    (start) -> Triggers.interval().every(period).startDate(start.atZone(ZoneOffset.UTC)).build());
            add(JobSpec.task(TASK).id("periodic-" + i).trigger(trigger));
        }
    }

    private static void use(JobBody body) {
        running = body;
    }

    private void add(JobSpecBuilder spec) {
        String id = this.scheduler.addJob(spec).id();
        this.added.add(id);
    }

    @Override
    public void release() {
        this.scheduler.resume();
    }

    @Override
    public void close() {
        this.scheduler.pause();
        running = (scheduledTime) -> { };
        for (String id : this.added) {
            this.scheduler.removeJob(id);
        }
        this.added.clear();
    }

}
