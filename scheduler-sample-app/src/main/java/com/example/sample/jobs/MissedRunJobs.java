package com.example.sample.jobs;

import java.time.Duration;
import java.time.Instant;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two jobs in the persistent store that show what happens to runs missed while the application was stopped. Both run
 * every 20 seconds; stop the application for a minute or two and start it again:
 * <ul>
 * <li>{@code every-missed-run} does not coalesce: each missed run is run, one after the other, if it is at most a
 * minute late ({@code misfire_grace_time=60}); older ones are reported missed.</li>
 * <li>{@code latest-missed-run} coalesces: the missed runs are rolled into one, run however late
 * ({@code misfire_grace_time=None}).</li>
 * </ul>
 */
@Component
public class MissedRunJobs {

    private static final Logger logger = LoggerFactory.getLogger(MissedRunJobs.class);

    /**
     * Runs once for every missed run that is at most a minute late.
     * @param context the run's context
     */
    @ScheduledJob(id = "every-missed-run", seconds = "20", coalesce = "false", misfireGraceTime = "60s")
    @JobTask("every-missed-run")
    public void everyMissedRun(JobContext context) {
        log(context);
    }

    /**
     * Runs once for all its missed runs, however late.
     * @param context the run's context
     */
    @ScheduledJob(id = "latest-missed-run", seconds = "20", coalesce = "true", misfireGraceTime = "none")
    @JobTask("latest-missed-run")
    public void latestMissedRun(JobContext context) {
        log(context);
    }

    private static void log(JobContext context) {
        Duration late = Duration.between(context.scheduledFireTime().toInstant(), Instant.now());
        logger.info("{}: run scheduled for {} started {} s late", context.jobId(),
                context.scheduledFireTime().toLocalTime(), late.toSeconds());
    }

}
