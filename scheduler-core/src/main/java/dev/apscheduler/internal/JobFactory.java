package dev.apscheduler.internal;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobBuilder;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link JobSpec} into a {@link Job}, as APScheduler's {@code add_job} and {@code _real_add_job} do: a random
 * id, the trigger built from its alias in the scheduler's zone (none: run once, now), unset options from the job
 * defaults, and the next run time from the trigger unless one was given.
 */
final class JobFactory {

    private JobFactory() {
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Builds the trigger given by alias and parameters, or returns the one given as an object, or {@code null}
     * when none was given.
     */
    static @Nullable Trigger trigger(JobSpec spec, SchedulerCore core) {
        if (spec.trigger().isPresent()) {
            return spec.trigger().get();
        }
        return spec.triggerAlias()
            .map((alias) -> core.factories()
                .triggerRegistry()
                .create(alias, spec.triggerParameters(), core.timezone(), core.clock()))
            .orElse(null);
    }

    static Job create(JobSpec spec, String id, @Nullable Trigger trigger, List<JobChanges> changes,
            JobDefaults defaults, ZonedDateTime now) {
        JobBuilder builder = Job.builder()
            .id(id)
            .task(spec.taskReference())
            .args(spec.args())
            .kwargs(spec.kwargs())
            .trigger((trigger != null) ? trigger : DateTrigger.of(now))
            .executor(spec.executor())
            .jobstore(spec.jobstore());
        JobDefaults options = spec.options().resolve(defaults);
        builder.misfireGraceTime(options.misfireGraceTime())
            .coalesce(options.coalesce())
            .maxInstances(options.maxInstances())
            .nextRunTime(spec.nextRunTime().orElse(null));
        spec.name().ifPresent(builder::name);
        spec.options().retryPolicy().ifPresent(builder::retryPolicy);
        spec.options().timeout().ifPresent(builder::timeout);
        spec.options().maxInstancesScope().ifPresent(builder::maxInstancesScope);
        Job job = builder.build();
        boolean nextRunTimeGiven = spec.nextRunTimeGiven();
        for (JobChanges change : changes) {
            job = change.applyTo(job);
            nextRunTimeGiven |= change.changesNextRunTime();
        }
        if (!nextRunTimeGiven) {
            job = job.withNextRunTime(job.trigger().nextFireTime(null, now).orElse(null));
        }
        return job;
    }

}
