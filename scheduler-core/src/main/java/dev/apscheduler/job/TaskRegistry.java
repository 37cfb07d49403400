package dev.apscheduler.job;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;

/**
 * The named tasks jobs refer to. Thread-safe: tasks may be registered while the scheduler runs, and a job whose task
 * is registered late runs from its next fire time on.
 */
public final class TaskRegistry {

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    /**
     * Registers a task.
     * @param name the name jobs use to refer to it
     * @param task the code
     * @return this registry
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    public TaskRegistry register(String name, Task task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank, was '" + name + "'");
        }
        if (this.tasks.putIfAbsent(name, task) != null) {
            throw new IllegalArgumentException("a task named '" + name + "' is already registered");
        }
        return this;
    }

    /**
     * Registers a {@link Runnable} as a task.
     * @param name the name jobs use to refer to it
     * @param runnable the code
     * @return this registry
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    public TaskRegistry register(String name, Runnable runnable) {
        return register(name, Task.of(runnable));
    }

    /**
     * Registers an action: a task that uses its context and returns nothing, for example
     * {@code registerAction("send-report", (context) -> reports.send(context.kwarg("to").orElse("everyone")))}.
     * @param name the name jobs use to refer to it
     * @param action the code
     * @return this registry
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    public TaskRegistry registerAction(String name, Task.Action action) {
        return register(name, Task.of(action));
    }

    /**
     * Registers a {@link Callable} as a task; its result becomes the {@code JOB_EXECUTED} event's return value.
     * @param name the name jobs use to refer to it
     * @param callable the code
     * @return this registry
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    public TaskRegistry registerCallable(String name, Callable<?> callable) {
        return register(name, Task.of(callable));
    }

    /**
     * Removes a task; jobs that refer to it fail with an unknown-task error until it is registered again.
     * @param name the task name
     * @return whether a task was registered under that name
     */
    public boolean unregister(String name) {
        return this.tasks.remove(name) != null;
    }

    /**
     * Finds a task.
     * @param name the task name
     * @return the task, or empty when none is registered under that name
     */
    public Optional<Task> find(String name) {
        return Optional.ofNullable(this.tasks.get(name));
    }

    /**
     * Returns the registered names.
     * @return the names, sorted
     */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(this.tasks.keySet()));
    }

}
