package com.example.sample.jobs;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A job that takes longer than its interval: with {@code max_instances=1} the run due while the previous one is still
 * working is dropped, a {@code JOB_MAX_INSTANCES} event (see {@link SchedulerEventLog}) and the
 * {@code apscheduler.job.dropped} meter. It coalesces the runs missed while the application was stopped into one.
 */
@Component
public class SlowExportJob {

    static final Duration WORK = Duration.ofSeconds(8);

    private static final Logger logger = LoggerFactory.getLogger(SlowExportJob.class);

    /** Opened when the application stops, so that a running export does not hold the shutdown up. */
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * Exports for eight seconds, every five seconds.
     */
    @ScheduledJob(id = "slow-export", seconds = "5", maxInstances = "1", coalesce = "true")
    @JobTask("export")
    public void export() {
        logger.info("Exporting: this takes {} s, longer than the job's interval", WORK.toSeconds());
        try {
            this.closing.await(WORK.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends a running export: the context is closing, which it announces before it stops the scheduler (and waits for
     * running jobs).
     */
    @EventListener(ContextClosedEvent.class)
    void stopExporting() {
        this.closing.countDown();
    }

}
