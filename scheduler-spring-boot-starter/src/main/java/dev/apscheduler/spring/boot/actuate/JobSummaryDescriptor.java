package dev.apscheduler.spring.boot.actuate;

import java.time.ZonedDateTime;

import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;

/**
 * A job in the scheduler's summary.
 *
 * @param id the job's id
 * @param name its name
 * @param task the name of the task it runs
 * @param trigger its trigger, described as APScheduler prints it, for example {@code cron[hour='3']}
 * @param nextRunTime when it runs next, or {@code null} when paused
 * @param paused whether it is paused
 * @param jobstore the alias of its store
 * @param executor the alias of its executor
 */
public record JobSummaryDescriptor(String id, String name, String task, String trigger,
        @Nullable ZonedDateTime nextRunTime, boolean paused, String jobstore, String executor) {

    static JobSummaryDescriptor of(Job job) {
        return new JobSummaryDescriptor(job.id(), job.name(), job.task().name(), job.trigger().describe(),
                job.nextRunTime().orElse(null), job.isPaused(), job.jobstore(), job.executor());
    }

}
