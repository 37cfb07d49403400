package com.example.sample.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.trigger.DateTimes;
import dev.apscheduler.trigger.Triggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * APScheduler's job store example: every start sets a one-off {@code date} job, an alarm ten seconds later, in the
 * persistent default store. An alarm set just before the application stopped comes back at the next start, and rings
 * then if it is within its {@code misfire_grace_time}, or is reported missed.
 */
@Component
public class AlarmClock {

    static final Duration DELAY = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(AlarmClock.class);

    private final Scheduler scheduler;

    /**
     * Creates the alarm clock.
     * @param scheduler the scheduler that keeps the alarms
     */
    public AlarmClock(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Rings: the task of the alarms.
     * @param setAt when the alarm was set
     */
    @JobTask("alarm")
    public void alarm(String setAt) {
        logger.info("Alarm! This alarm was scheduled at {}.", setAt);
    }

    @EventListener(ApplicationReadyEvent.class)
    void setAlarm() {
        ZonedDateTime now = ZonedDateTime.now(this.scheduler.clock()).withZoneSameInstant(this.scheduler.timezone());
        Job alarm = this.scheduler.addJob(JobSpec.task("alarm").trigger(Triggers.date(now.plus(DELAY)))
            .args(DateTimes.format(now)));
        logger.info("Set an alarm (job '{}') for {}", alarm.id(), DateTimes.describe(now.plus(DELAY)));
    }

}
