package dev.apscheduler.spring.boot.context;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * Applies a Spring {@link TaskDecorator} to job runs, as Boot's {@code ThreadPoolTaskExecutorBuilder} applies one to
 * the tasks of its executor: {@link TaskDecorator#decorate(Runnable) decorate} is called on the thread that hands the
 * run to its executor, so that the decorator captures that thread's context (a security context, a
 * {@code ContextPropagatingTaskDecorator}'s context snapshot), and the decorated runnable runs the task on the worker
 * thread. Runs that fall due by their trigger are handed over by the scheduler's own thread; a run now
 * ({@code runJob}) by the caller's thread.
 *
 * <p>The task's result and exception are the run's, as without the decorator. A decorator that does not run the
 * runnable it was given fails the run, naming the decorator.
 */
public class TaskDecoratorJobRunInterceptor implements JobRunInterceptor {

    private final TaskDecorator decorator;

    /**
     * Creates the interceptor.
     * @param decorator the decorator, for example a {@code CompositeTaskDecorator} of the application's ones
     */
    public TaskDecoratorJobRunInterceptor(TaskDecorator decorator) {
        Assert.notNull(decorator, "'decorator' must not be null");
        this.decorator = decorator;
    }

    /**
     * Runs a run the executor did not capture on its submitting thread: decorated on the worker thread.
     */
    @Override
    public @Nullable Object intercept(JobContext context, Task task) throws Exception {
        return capture().intercept(context, task);
    }

    @Override
    public JobRunInterceptor capture() {
        DecoratedRun run = new DecoratedRun(this.decorator);
        Runnable decorated = this.decorator.decorate(run);
        Assert.state(decorated != null, () -> "TaskDecorator " + this.decorator + " returned null");
        return (context, task) -> run.runThrough(decorated, context, task);
    }

    /**
     * The runnable handed to the decorator: runs the task it is given just before the decorated runnable runs, and
     * keeps its result or exception for the run.
     */
    private static final class DecoratedRun implements Runnable {

        private final TaskDecorator decorator;

        private @Nullable JobContext context;

        private @Nullable Task task;

        private @Nullable Object result;

        private @Nullable Exception failure;

        private boolean ran;

        DecoratedRun(TaskDecorator decorator) {
            this.decorator = decorator;
        }

        @Nullable Object runThrough(Runnable decorated, JobContext context, Task task) throws Exception {
            this.context = context;
            this.task = task;
            this.result = null;
            this.failure = null;
            this.ran = false;
            decorated.run();
            if (!this.ran) {
                throw new IllegalStateException("TaskDecorator " + this.decorator + " did not run job '"
                        + context.jobId() + "'");
            }
            if (this.failure != null) {
                throw this.failure;
            }
            return this.result;
        }

        @Override
        public void run() {
            Task task = this.task;
            JobContext context = this.context;
            if (task == null || context == null) {
                throw new IllegalStateException("TaskDecorator " + this.decorator + " ran a job run out of turn");
            }
            this.ran = true;
            try {
                this.result = task.run(context);
            }
            catch (Exception ex) {
                this.failure = ex;
            }
        }

    }

}
