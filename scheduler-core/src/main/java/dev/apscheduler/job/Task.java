package dev.apscheduler.job;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * A piece of code a job runs: registered under a name in the {@link TaskRegistry}, so that stored jobs refer to it by
 * name only and no code travels through a job store.
 *
 * <p>The return value becomes the {@code JOB_EXECUTED} event's return value; an exception becomes the
 * {@code JOB_ERROR} event's exception.
 */
@FunctionalInterface
public interface Task {

    /**
     * Runs the task once.
     * @param context the job, its arguments and the scheduled fire time of this run
     * @return a result for the {@code JOB_EXECUTED} event, or {@code null}
     * @throws Exception any failure, reported in a {@code JOB_ERROR} event
     */
    @Nullable Object run(JobContext context) throws Exception;

    /**
     * Adapts an {@link Action}, which uses the context and returns nothing.
     * @param action the code
     * @return the task
     */
    static Task of(Action action) {
        return (context) -> {
            action.run(context);
            return null;
        };
    }

    /**
     * Adapts a {@link Runnable}, which ignores the context and returns nothing.
     * @param runnable the code to run
     * @return the task
     */
    static Task of(Runnable runnable) {
        return (context) -> {
            runnable.run();
            return null;
        };
    }

    /**
     * Adapts a {@link Callable}, which ignores the context; its result becomes the event's return value.
     * @param callable the code to run
     * @return the task
     */
    static Task of(Callable<?> callable) {
        return (context) -> callable.call();
    }

    /**
     * A task that returns nothing: the common case, which a lambda for {@link Task} cannot express when its body
     * is a call to a {@code void} method.
     */
    @FunctionalInterface
    interface Action {

        /**
         * Runs the action once.
         * @param context the job, its arguments and the scheduled fire time of this run
         * @throws Exception any failure, reported in a {@code JOB_ERROR} event
         */
        void run(JobContext context) throws Exception;

    }

}
