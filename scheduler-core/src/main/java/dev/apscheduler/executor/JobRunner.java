package dev.apscheduler.executor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.UnknownTaskException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.trigger.DateTimes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * APScheduler's {@code run_job}: runs a job's run times in order, each checked against the misfire grace time at
 * the moment it is about to start, so time spent queueing counts as lateness. Each run that starts goes through the
 * context's {@link JobRunInterceptor}.
 */
final class JobRunner {

    private final ExecutorContext context;

    private final Logger logger;

    JobRunner(ExecutorContext context, Logger logger) {
        this.context = context;
        this.logger = logger;
    }

    List<SchedulerEvent> run(Job job, List<ZonedDateTime> runTimes, List<String> runIds) {
        List<SchedulerEvent> events = new ArrayList<>(runTimes.size());
        for (int i = 0; i < runTimes.size(); i++) {
            events.add(runOnce(job, runTimes.get(i), runIds.get(i)));
        }
        return events;
    }

    private JobExecutionEvent runOnce(Job job, ZonedDateTime runTime, String runId) {
        Clock clock = this.context.clock();
        Instant now = clock.instant();
        Duration late = Duration.between(runTime.toInstant(), now);
        Duration grace = job.misfireGraceTime().orElse(null);
        if (grace != null && late.compareTo(grace) > 0) {
            this.logger.warn("Run time of job \"{}\" was missed by {}", job, late);
            return event(EventCodes.JOB_MISSED, job, runId, runTime, now, Duration.ZERO, null, null);
        }
        if (this.logger.isInfoEnabled()) {
            // Formatting the run time costs more than a short job; only pay for it when the line is written.
            this.logger.info("Running job \"{}\" (scheduled at {})", job, DateTimes.describe(runTime));
        }
        String previousJobId = MDC.get(JobContext.MDC_JOB_ID);
        String previousRunId = MDC.get(JobContext.MDC_RUN_ID);
        MDC.put(JobContext.MDC_JOB_ID, job.id());
        MDC.put(JobContext.MDC_RUN_ID, runId);
        try {
            Task task = resolve(job);
            JobContext jobContext = new JobContext(job.id(), runId, job.name(), job.task().name(), runTime,
                    job.args(), job.kwargs(), job.jobstore(), this.context.alias());
            Object result = this.context.runInterceptor().intercept(jobContext, task);
            this.logger.info("Job \"{}\" executed successfully", job);
            return event(EventCodes.JOB_EXECUTED, job, runId, runTime, now, Duration.between(now, clock.instant()),
                    result, null);
        }
        catch (Throwable ex) {
            if (ex instanceof VirtualMachineError error) {
                throw error;
            }
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            this.logger.error("Job \"{}\" raised an exception", job, ex);
            return event(EventCodes.JOB_ERROR, job, runId, runTime, now, Duration.between(now, clock.instant()), null,
                    ex);
        }
        finally {
            restore(JobContext.MDC_JOB_ID, previousJobId);
            restore(JobContext.MDC_RUN_ID, previousRunId);
        }
    }

    private Task resolve(Job job) {
        TaskRegistry registry = this.context.taskRegistry();
        return job.task().inlineTask()
            .or(() -> registry.find(job.task().name()))
            .orElseThrow(() -> new UnknownTaskException(job.id(), job.task().name(), registry.names()));
    }

    private JobExecutionEvent event(int code, Job job, String runId, ZonedDateTime runTime, Instant start,
            Duration duration, @Nullable Object result, @Nullable Throwable exception) {
        return new JobExecutionEvent(code, job.id(), runId, job.jobstore(), this.context.alias(), job.task().name(),
                runTime, start, duration, result, exception);
    }

    // a run on the caller's thread (the direct executor) leaves the caller's log context as it found it
    private static void restore(String key, @Nullable String value) {
        if (value != null) {
            MDC.put(key, value);
        }
        else {
            MDC.remove(key);
        }
    }

}
