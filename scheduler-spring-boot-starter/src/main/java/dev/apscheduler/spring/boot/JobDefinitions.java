package dev.apscheduler.spring.boot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.apscheduler.Scheduler;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.trigger.Trigger;

/**
 * Tells whether a stored job still has the definition its declaration gives it: the same task, arguments, trigger
 * (alias and parameters) and options, its retry policy and timeout included. Only its schedule state may differ: the
 * next run time, the retries waiting and whether its trigger has finished (a job kept for its retries only).
 *
 * <p>A trigger declared without a {@code start_date} gets one when it is built (an interval's first run is one
 * interval after "now"), so its stored parameters never equal a fresh build. The declaration is therefore built
 * anchored at the stored trigger's {@code start_date}: if that gives the stored trigger, nothing but time has passed.
 */
final class JobDefinitions {

    private JobDefinitions() {
    }

    static boolean sameDefinition(Job stored, JobSpec declared, Scheduler scheduler) {
        if (stored.task().isInline() || !stored.task().equals(declared.taskReference())) {
            return false;
        }
        Trigger trigger;
        try {
            trigger = anchoredTrigger(stored.trigger(), declared, scheduler);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        JobDefaults defaults = scheduler.jobDefaults();
        Job expected = Job.builder()
            .id(stored.id())
            .name(declared.name().orElse(declared.taskReference().name()))
            .task(declared.taskReference())
            .args(declared.args())
            .kwargs(declared.kwargs())
            .trigger(trigger)
            .executor(declared.executor())
            .jobstore(stored.jobstore())
            .misfireGraceTime(declared.misfireGraceTimeGiven() ? declared.misfireGraceTime().orElse(null)
                    : defaults.misfireGraceTime())
            .coalesce(declared.coalesce().orElse(defaults.coalesce()))
            .maxInstances(declared.maxInstances().orElse(defaults.maxInstances()))
            .maxInstancesScope(declared.maxInstancesScope().orElse(MaxInstancesScope.DEFAULT))
            .retryPolicy(declared.options().retryPolicy().orElse(RetryPolicy.NONE))
            .timeout(declared.options().timeout().orElse(null))
            .nextRunTime(stored.nextRunTime().orElse(null))
            .pendingRetries(stored.pendingRetries())
            .triggerFinished(stored.triggerFinished())
            .build();
        return expected.equals(stored);
    }

    private static Trigger anchoredTrigger(Trigger stored, JobSpec declared, Scheduler scheduler) {
        String alias = declared.triggerAlias().orElseThrow();
        Map<String, Object> parameters = new LinkedHashMap<>(declared.triggerParameters());
        boolean startGiven = parameters.keySet()
            .stream()
            .anyMatch((name) -> ConfigValues.canonical(name).equals("start_date"));
        Object storedStart = stored.parameters().get("start_date");
        if (!startGiven && storedStart != null && stored.alias().equals(alias.trim().toLowerCase(Locale.ROOT))) {
            parameters.put("start_date", storedStart);
        }
        return scheduler.triggerRegistry().create(alias, parameters, scheduler.timezone(), scheduler.clock());
    }

}
