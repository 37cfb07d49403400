package dev.apscheduler.spring.boot.actuate;

import dev.apscheduler.executor.ExecutorInfo;
import org.jspecify.annotations.Nullable;

/**
 * An executor as the endpoint shows it.
 *
 * @param type the executor's type, for example {@code threadpool}
 * @param maxWorkers how many runs may execute at once, or {@code null} when unbounded
 * @param active how many submissions are running or queued
 * @param timedOutRunning how many runs timed out yet still run, their task having ignored the interruption
 */
public record ExecutorDescriptor(String type, @Nullable Integer maxWorkers, int active, int timedOutRunning) {

    static ExecutorDescriptor of(ExecutorInfo executor) {
        return new ExecutorDescriptor(executor.type(), executor.maxWorkers(), executor.activeCount(),
                executor.timedOutRunning());
    }

}
