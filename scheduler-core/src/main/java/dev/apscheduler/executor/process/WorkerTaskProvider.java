package dev.apscheduler.executor.process;

import dev.apscheduler.job.TaskRegistry;

/**
 * Supplies the tasks a plain-Java worker process runs, found with {@link java.util.ServiceLoader}: list the
 * implementations in {@code META-INF/services/dev.apscheduler.executor.process.WorkerTaskProvider}. A worker calls
 * every provider once at startup and runs a job by looking its task name up in the registry they filled; register the
 * same names the scheduler's jobs refer to. (A Spring Boot application needs no provider: its workers start the
 * application itself and run its {@code @JobTask} and {@code @ScheduledJob} bean methods.)
 */
@FunctionalInterface
public interface WorkerTaskProvider {

    /**
     * Registers this provider's tasks.
     * @param registry the worker's registry
     */
    void registerTasks(TaskRegistry registry);

}
