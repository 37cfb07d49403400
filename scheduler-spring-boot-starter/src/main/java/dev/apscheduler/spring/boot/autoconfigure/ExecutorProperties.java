package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * One executor of {@code apscheduler.executors.<alias>}: its type and size.
 */
public class ExecutorProperties {

    /**
     * Executor type: 'threadpool', 'virtual' (Java 21+) or 'direct' (runs jobs on the scheduler's thread).
     */
    private String type = ThreadPoolJobExecutor.TYPE;

    /**
     * Largest number of jobs the executor runs at once (thread pools; 10 when not set).
     */
    private @Nullable Integer maxWorkers;

    /**
     * Returns the executor type.
     * @return the type
     */
    public String getType() {
        return this.type;
    }

    /**
     * Sets the executor type.
     * @param type the type, for example {@code threadpool}
     */
    public void setType(String type) {
        this.type = type;
    }

    /**
     * Returns the largest number of jobs the executor runs at once.
     * @return the number, or {@code null} for the type's default
     */
    public @Nullable Integer getMaxWorkers() {
        return this.maxWorkers;
    }

    /**
     * Sets the largest number of jobs the executor runs at once.
     * @param maxWorkers the number, or {@code null} for the type's default
     */
    public void setMaxWorkers(@Nullable Integer maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

}
