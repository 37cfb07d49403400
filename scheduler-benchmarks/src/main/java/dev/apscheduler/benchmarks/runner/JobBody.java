package dev.apscheduler.benchmarks.runner;

import java.time.Instant;

/**
 * What every benchmarked job runs, whatever the scheduler: it is told the time the scheduler meant it to start, and
 * measures its lateness against the wall clock at once.
 */
@FunctionalInterface
public interface JobBody {

    /**
     * Runs one execution.
     * @param scheduledTime the fire time this execution belongs to, as the scheduler knows it
     */
    void run(Instant scheduledTime);

}
