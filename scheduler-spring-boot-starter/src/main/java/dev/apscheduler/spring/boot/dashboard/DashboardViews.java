package dev.apscheduler.spring.boot.dashboard;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.trigger.TriggerDescription;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the dashboard's endpoints: jobs as a row of the table or in full, runs with their outcome,
 * duration and error. Argument values are not shown in rows; the job page shows them only to users who may write,
 * as the actuator endpoint sanitises them.
 */
final class DashboardViews {

    static final int NEXT_FIRE_TIMES = 10;

    private DashboardViews() {
    }

    static Map<String, @Nullable Object> row(Job job, Set<String> failing) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("id", job.id());
        row.put("name", job.name());
        row.put("task", job.task().name());
        row.put("jobstore", job.jobstore());
        row.put("executor", job.executor());
        row.put("trigger", describe(job));
        row.put("triggerWords", TriggerWords.describe(job.trigger()));
        row.put("nextRunTime", job.nextRunTime().map(ZonedDateTime::toOffsetDateTime).orElse(null));
        row.put("paused", job.isPaused());
        row.put("failing", failing.contains(job.id()));
        return row;
    }

    static Map<String, @Nullable Object> details(Job job, Set<String> failing, boolean showArguments) {
        Map<String, @Nullable Object> details = row(job, failing);
        TriggerDescription trigger = TriggerDescription.of(job.trigger());
        details.put("triggerAlias", trigger.alias());
        details.put("triggerParameters", trigger.parameters());
        details.put("nextFireTimes", nextFireTimes(job).stream().map(ZonedDateTime::toOffsetDateTime).toList());
        Map<String, @Nullable Object> options = new LinkedHashMap<>();
        options.put("misfire_grace_time", job.misfireGraceTime().map((grace) -> grace.toMillis() / 1000.0)
            .orElse(null));
        options.put("coalesce", job.coalesce());
        options.put("max_instances", job.maxInstances());
        options.put("max_instances_scope", job.maxInstancesScope().value());
        options.put("max_attempts", job.retryPolicy().maxAttempts());
        options.put("timeout", job.timeout().map((limit) -> limit.toMillis() / 1000.0).orElse(null));
        details.put("options", options);
        details.put("args", showArguments ? job.args() : (job.args().isEmpty() ? List.of() : "******"));
        details.put("kwargs", showArguments ? job.kwargs() : (job.kwargs().isEmpty() ? Map.of() : "******"));
        return details;
    }

    private static String describe(Job job) {
        TriggerDescription trigger = TriggerDescription.of(job.trigger());
        return (trigger.description() != null) ? trigger.description() : trigger.alias();
    }

    /**
     * Lists a job's fire times from its next run time on, as the scheduler computes them one after another.
     */
    static List<ZonedDateTime> nextFireTimes(Job job) {
        List<ZonedDateTime> times = new ArrayList<>(NEXT_FIRE_TIMES);
        ZonedDateTime next = job.nextRunTime().orElse(null);
        while (next != null && times.size() < NEXT_FIRE_TIMES) {
            times.add(next);
            try {
                next = job.trigger().nextFireTime(next, next).orElse(null);
            }
            catch (RuntimeException ex) {
                // an application's own trigger that fails: the times known so far
                break;
            }
        }
        return times;
    }

    static Map<String, Object> runs(RunPage page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("runs", page.runs().stream().map(DashboardViews::run).toList());
        view.put("page", page.page());
        view.put("size", page.size());
        view.put("total", page.total());
        return view;
    }

    static Map<String, @Nullable Object> run(RunRecord run) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("runId", run.runId());
        view.put("jobId", run.jobId());
        view.put("jobstore", run.jobstore());
        view.put("executor", run.executor());
        view.put("task", run.task());
        view.put("scheduledAt", run.scheduledAt());
        view.put("attempt", run.attempt());
        view.put("startedAt", run.startedAt());
        view.put("finishedAt", run.finishedAt());
        view.put("durationMillis", run.duration().map((duration) -> duration.toMillis()).orElse(null));
        view.put("outcome", run.outcome().name());
        view.put("failure", run.outcome().isFailure());
        view.put("instance", run.instance());
        view.put("errorType", run.errorType());
        view.put("errorMessage", run.errorMessage());
        view.put("stackTrace", run.stackTrace());
        return view;
    }

}
