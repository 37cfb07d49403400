package dev.apscheduler.job;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a job runs: the name of a registered task (resolved when the job runs, so it survives any job store), or,
 * for jobs kept in memory only, an inline task.
 */
public final class TaskReference {

    private final String name;

    private final @Nullable Task inlineTask;

    private TaskReference(String name, @Nullable Task inlineTask) {
        this.name = name;
        this.inlineTask = inlineTask;
    }

    /**
     * Refers to the task registered under {@code name}.
     * @param name the task name
     * @return the reference
     */
    public static TaskReference named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank, was '" + name + "'");
        }
        return new TaskReference(name, null);
    }

    /**
     * Refers to code given inline; such a job can only live in a non-persistent store.
     * @param task the code
     * @param description how the code is named in logs, events and the job's default name
     * @return the reference
     */
    public static TaskReference inline(Task task, String description) {
        return new TaskReference(Objects.requireNonNull(description, "description"), Objects.requireNonNull(task));
    }

    /**
     * Refers to a {@link Runnable} given inline, described after its class.
     * @param runnable the code
     * @return the reference
     */
    public static TaskReference inline(Runnable runnable) {
        return inline(Task.of(runnable), describe(runnable));
    }

    /**
     * Returns the task name, or the description of an inline task.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * Tells whether this is inline code rather than a registered task's name.
     * @return whether the task is inline
     */
    public boolean isInline() {
        return this.inlineTask != null;
    }

    /**
     * Returns the inline code.
     * @return the inline task, or empty for a reference by name
     */
    public Optional<Task> inlineTask() {
        return Optional.ofNullable(this.inlineTask);
    }

    /**
     * Describes inline code after its class, as APScheduler names a job after its function: a lambda in
     * {@code com.example.Reports} becomes {@code Reports.<lambda>}.
     * @param code the inline code
     * @return the description
     */
    public static String describe(Object code) {
        String className = code.getClass().getName();
        int lambda = className.indexOf("$$Lambda");
        String base = (lambda >= 0) ? className.substring(0, lambda) : className;
        String simple = base.substring(base.lastIndexOf('.') + 1);
        return (lambda >= 0) ? simple + ".<lambda>" : simple;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof TaskReference that && this.name.equals(that.name)
                && this.inlineTask == that.inlineTask;
    }

    @Override
    public int hashCode() {
        return this.name.hashCode();
    }

    @Override
    public String toString() {
        return isInline() ? "inline " + this.name : this.name;
    }

}
