package com.example.sample.jobs;

import java.time.LocalDateTime;

import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * APScheduler's first example ({@code scheduler.add_job(tick, 'interval', seconds=2)}): the time, every two seconds,
 * with the thread that ran it, so that the log shows the thread pool at work. Kept in the in-memory store: a tick
 * has nothing to catch up on after a restart.
 */
@Component
public class TickJob {

    private static final Logger logger = LoggerFactory.getLogger(TickJob.class);

    /**
     * Logs the time and the thread. Also the task {@code tick}, for more ticks added over REST.
     */
    @ScheduledJob(id = "tick", seconds = "2", jobstore = "memory")
    @JobTask("tick")
    public void tick() {
        Thread thread = Thread.currentThread();
        logger.info("Tick! The time is: {} (thread id {}, {})", LocalDateTime.now(), thread.getId(), thread.getName());
    }

}
