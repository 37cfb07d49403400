package dev.apscheduler.spring.boot.actuate;

import java.time.ZonedDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apscheduler.job.Job;
import dev.apscheduler.trigger.TriggerDescription;
import org.jspecify.annotations.Nullable;

/**
 * A job in the scheduler's summary. A job whose trigger fails to describe itself (an application's own trigger with
 * a bug) is listed with {@code error} saying so, never failing the summary of every other job.
 *
 * @param id the job's id
 * @param name its name
 * @param task the name of the task it runs
 * @param trigger its trigger, described as APScheduler prints it, for example {@code cron[hour='3']}, or
 * {@code null} when it cannot describe itself
 * @param nextRunTime when it runs next, or {@code null} when paused
 * @param paused whether it is paused
 * @param jobstore the alias of its store
 * @param executor the alias of its executor
 * @param error why the job cannot be shown completely, or {@code null} (then left out)
 */
public record JobSummaryDescriptor(String id, String name, String task, @Nullable String trigger,
        @Nullable ZonedDateTime nextRunTime, boolean paused, String jobstore, String executor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String error) {

    static JobSummaryDescriptor of(Job job) {
        TriggerDescription trigger = TriggerDescription.of(job.trigger());
        return new JobSummaryDescriptor(job.id(), job.name(), job.task().name(), trigger.description(),
                job.nextRunTime().orElse(null), job.isPaused(), job.jobstore(), job.executor(), trigger.error());
    }

}
