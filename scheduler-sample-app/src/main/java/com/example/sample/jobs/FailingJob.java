package com.example.sample.jobs;

import java.util.concurrent.atomic.AtomicLong;

import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import org.springframework.stereotype.Component;

/**
 * A job whose every other run fails, as a job calling an unreliable service does: the failures are {@code JOB_ERROR}
 * events (see {@link SchedulerEventLog}), the actuator endpoint's last execution, and the
 * {@code apscheduler.job.executions} meter with {@code outcome=ERROR}. It coalesces the runs missed while the
 * application was stopped into one.
 */
@Component
public class FailingJob {

    private final AtomicLong runs = new AtomicLong();

    /**
     * Synchronises the inventory, failing every other time.
     * @return how many runs have been made
     */
    @ScheduledJob(id = "inventory-sync", seconds = "15", coalesce = "true")
    @JobTask("sync-inventory")
    public long syncInventory() {
        long run = this.runs.incrementAndGet();
        if (run % 2 == 1) {
            throw new IllegalStateException("upstream inventory service timed out (run " + run + ")");
        }
        return run;
    }

}
