package dev.apscheduler.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The jobs and tasks the application declares, from every source ({@code @ScheduledJob}, {@code @JobTask},
 * {@code apscheduler.jobs.*}), collected while the context is refreshed. Job ids and task names must be unique
 * across all sources: a second declaration of either fails, naming both places.
 *
 * <p>Declarations made after the scheduler was prepared (a bean created lazily later on) are handed to the
 * {@link Listener} at once. Thread-safe.
 */
public final class JobDeclarations {

    private final Map<String, DeclaredTask> tasks = new LinkedHashMap<>();

    private final Map<String, DeclaredJob> jobs = new LinkedHashMap<>();

    private @Nullable Listener listener;

    /**
     * Declares a task.
     * @param task the task
     * @throws RuntimeException from {@link DeclarationSource#invalid} if another task has the same name
     */
    public void addTask(DeclaredTask task) {
        Listener current;
        synchronized (this) {
            DeclaredTask existing = this.tasks.get(task.name());
            if (existing != null) {
                throw task.source().invalid("task", "task name '" + task.name() + "' is also declared by "
                        + existing.source().description(), null);
            }
            this.tasks.put(task.name(), task);
            current = this.listener;
        }
        if (current != null) {
            current.taskDeclared(task);
        }
    }

    /**
     * Declares a job.
     * @param job the job
     * @throws RuntimeException from {@link DeclarationSource#invalid} if another job has the same id
     */
    public void addJob(DeclaredJob job) {
        Listener current;
        synchronized (this) {
            DeclaredJob existing = this.jobs.get(job.id());
            if (existing != null) {
                throw job.source().invalid("id", "job id '" + job.id() + "' is also declared by "
                        + existing.source().description(), null);
            }
            this.jobs.put(job.id(), job);
            current = this.listener;
        }
        if (current != null) {
            current.jobDeclared(job);
        }
    }

    /**
     * Returns the tasks declared so far.
     * @return the tasks, in the order they were declared
     */
    public synchronized List<DeclaredTask> tasks() {
        return List.copyOf(this.tasks.values());
    }

    /**
     * Returns the jobs declared so far.
     * @return the jobs, in the order they were declared
     */
    public synchronized List<DeclaredJob> jobs() {
        return List.copyOf(this.jobs.values());
    }

    /**
     * Sets who handles declarations made from now on.
     * @param listener the listener
     */
    public synchronized void setListener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Handles declarations made after the scheduler was prepared.
     */
    public interface Listener {

        /**
         * Handles a task declared late.
         * @param task the task
         */
        void taskDeclared(DeclaredTask task);

        /**
         * Handles a job declared late.
         * @param job the job
         */
        void jobDeclared(DeclaredJob job);

    }

}
