package dev.apscheduler.executor;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one of a scheduler's executors, as {@code Scheduler.executors()} gives it, without the executor
 * itself.
 *
 * @param alias the executor's alias
 * @param type the executor's type, for example {@code threadpool}
 * @param maxWorkers how many runs may execute at once, or {@code null} when unbounded
 * @param activeCount how many submissions are running or queued
 * @param timedOutRunning how many runs timed out yet still run, their task having ignored the interruption
 */
public record ExecutorInfo(String alias, String type, @Nullable Integer maxWorkers, int activeCount,
        int timedOutRunning) {

    /**
     * Takes a snapshot of an executor.
     * @param alias its alias
     * @param executor the executor
     * @return the snapshot
     */
    public static ExecutorInfo of(String alias, JobExecutor executor) {
        int maxWorkers = executor.maxWorkers();
        return new ExecutorInfo(alias, executor.type(), (maxWorkers != Integer.MAX_VALUE) ? maxWorkers : null,
                executor.activeCount(), executor.timedOutRunning());
    }

    /**
     * Returns the executor's bound on concurrent runs.
     * @return the bound, or empty when unbounded
     */
    public Optional<Integer> workerLimit() {
        return Optional.ofNullable(this.maxWorkers);
    }

}
