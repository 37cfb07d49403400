package dev.apscheduler.spring.boot;

import java.util.Objects;

import dev.apscheduler.job.Task;

/**
 * A task declared by the application (for example by {@code @JobTask}), registered in the scheduler's task registry
 * under its name before the scheduler starts.
 *
 * @param name the name jobs use to refer to the task
 * @param task the code
 * @param source where the task was declared
 */
public record DeclaredTask(String name, Task task, DeclarationSource source) {

    /**
     * Creates the declaration.
     * @param name the name jobs use to refer to the task
     * @param task the code
     * @param source where the task was declared
     */
    public DeclaredTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
    }

}
