package dev.apscheduler.executor;

import java.time.Clock;
import java.util.function.Consumer;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.TaskRegistry;

/**
 * What an executor receives when it starts: its alias, the scheduler's clock (for the misfire check and timings),
 * the task registry (tasks are resolved when a job runs), the channel for execution events and the interceptor that
 * wraps each run.
 */
public interface ExecutorContext {

    /**
     * Returns the alias the executor is registered under.
     * @return the alias
     */
    String alias();

    /**
     * Returns the scheduler's clock.
     * @return the clock
     */
    Clock clock();

    /**
     * Returns the registry jobs' task names are resolved in.
     * @return the registry
     */
    TaskRegistry taskRegistry();

    /**
     * Publishes an event to the scheduler's listeners; never throws.
     * @param event the event
     */
    void dispatch(SchedulerEvent event);

    /**
     * Returns what wraps every run of a task on the thread that runs it: the scheduler's registered
     * {@link JobRunInterceptor}s, chained.
     * @return the interceptor, {@link JobRunInterceptor#none()} by default
     */
    default JobRunInterceptor runInterceptor() {
        return JobRunInterceptor.none();
    }

    /**
     * Creates a context for an executor used outside a scheduler (tests, tools).
     * @param alias the executor's alias
     * @param clock the clock
     * @param taskRegistry the tasks
     * @param listener receives the events
     * @return the context
     */
    static ExecutorContext of(String alias, Clock clock, TaskRegistry taskRegistry, Consumer<SchedulerEvent> listener) {
        return of(alias, clock, taskRegistry, listener, JobRunInterceptor.none());
    }

    /**
     * Creates a context whose runs are wrapped by an interceptor.
     * @param alias the executor's alias
     * @param clock the clock
     * @param taskRegistry the tasks
     * @param listener receives the events
     * @param runInterceptor wraps every run of a task
     * @return the context
     */
    static ExecutorContext of(String alias, Clock clock, TaskRegistry taskRegistry, Consumer<SchedulerEvent> listener,
            JobRunInterceptor runInterceptor) {
        return new ExecutorContext() {

            @Override
            public String alias() {
                return alias;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public TaskRegistry taskRegistry() {
                return taskRegistry;
            }

            @Override
            public void dispatch(SchedulerEvent event) {
                listener.accept(event);
            }

            @Override
            public JobRunInterceptor runInterceptor() {
                return runInterceptor;
            }

        };
    }

}
