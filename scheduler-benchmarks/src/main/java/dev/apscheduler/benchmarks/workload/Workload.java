package dev.apscheduler.benchmarks.workload;

import java.util.Map;

import dev.apscheduler.benchmarks.runner.SchedulerRunner;

/**
 * One measured scenario, run against a freshly created {@link SchedulerRunner} which the caller closes afterwards.
 */
public interface Workload {

    /**
     * Returns the workload's name: {@code burst}, {@code periodic} or {@code sleepy}.
     * @return the name
     */
    String name();

    /**
     * Returns the workload's parameters, as printed beside its figures.
     * @return the parameters, by name
     */
    Map<String, Object> parameters();

    /**
     * Loads the jobs into the runner, releases it and measures.
     * @param runner the system under test, held back
     * @return the figures, by name
     * @throws InterruptedException if interrupted while waiting for the jobs
     */
    Map<String, Object> run(SchedulerRunner runner) throws InterruptedException;

}
