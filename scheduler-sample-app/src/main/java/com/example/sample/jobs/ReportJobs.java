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
 * Reports on the two-worker {@code reports} executor: a cron job, and the {@code send-report} task that the job
 * declared in {@code application.yml} (and jobs added over REST) run.
 */
@Component
public class ReportJobs {

    private static final Logger logger = LoggerFactory.getLogger(ReportJobs.class);

    /**
     * A cron job, {@code add_job(report, 'cron', minute='*')}: at second 0 of every minute.
     * @param context the run's context
     */
    @ScheduledJob(id = "minutely-report", trigger = "cron", minute = "*", executor = "reports")
    @JobTask("minutely-report")
    public void minutelyReport(JobContext context) {
        logger.info("Cron: the report for the minute of {} is ready", context.scheduledFireTime().toLocalTime());
    }

    /**
     * Sends a report: the task of jobs declared without code.
     * @param recipient who gets the report
     * @param context the run's context
     * @return what was done, for the job-executed event
     */
    @JobTask("send-report")
    public String sendReport(String recipient, JobContext context) {
        Duration late = Duration.between(context.scheduledFireTime().toInstant(), Instant.now());
        logger.info("Sending the report to {} (job '{}', scheduled for {}, started {} ms late)", recipient,
                context.jobId(), context.scheduledFireTime(), late.toMillis());
        return "report sent to " + recipient;
    }

}
