package com.example.sample.jobs;

import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.spring.boot.SchedulerApplicationEvent;
import dev.apscheduler.trigger.DateTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * APScheduler's {@code scheduler.add_listener(listener, EVENT_JOB_ERROR | EVENT_JOB_MISSED | ...)} as Spring event
 * listeners: the scheduler's events arrive as {@link SchedulerApplicationEvent}s, typed by the core event, and a
 * condition on the code name picks the kind.
 */
@Component
public class SchedulerEventLog {

    private static final Logger logger = LoggerFactory.getLogger(SchedulerEventLog.class);

    @EventListener(condition = "#event.codeName == 'JOB_MISSED'")
    void missed(SchedulerApplicationEvent<JobExecutionEvent> event) {
        JobExecutionEvent missed = event.getEvent();
        logger.warn("Event JOB_MISSED: job '{}' did not run at {}: it was later than its misfire_grace_time",
                missed.jobId(), DateTimes.describe(missed.scheduledRunTime()));
    }

    @EventListener(condition = "#event.codeName == 'JOB_ERROR'")
    void failed(SchedulerApplicationEvent<JobExecutionEvent> event) {
        JobExecutionEvent failed = event.getEvent();
        logger.warn("Event JOB_ERROR: job '{}' failed after {} ms: {}", failed.jobId(), failed.duration().toMillis(),
                failed.exceptionIfAny().map(Throwable::getMessage).orElse("(no exception)"));
    }

    @EventListener(condition = "#event.codeName == 'JOB_MAX_INSTANCES'")
    void dropped(SchedulerApplicationEvent<JobSubmissionEvent> event) {
        JobSubmissionEvent dropped = event.getEvent();
        logger.warn("Event JOB_MAX_INSTANCES: job '{}' is still running; its run at {} was dropped", dropped.jobId(),
                dropped.scheduledRunTimes().isEmpty() ? "?"
                        : DateTimes.describe(dropped.scheduledRunTimes().get(dropped.scheduledRunTimes().size() - 1)));
    }

}
