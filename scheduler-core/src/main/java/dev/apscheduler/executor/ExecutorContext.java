package dev.apscheduler.executor;

import java.time.Clock;
import java.util.function.Consumer;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.TaskRegistry;

/**
 * What an executor receives when it starts: its alias, the scheduler's clock (for the misfire check and timings),
 * the task registry (tasks are resolved when a job runs) and the channel for execution events.
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
     * Creates a context for an executor used outside a scheduler (tests, tools).
     * @param alias the executor's alias
     * @param clock the clock
     * @param taskRegistry the tasks
     * @param listener receives the events
     * @return the context
     */
    static ExecutorContext of(String alias, Clock clock, TaskRegistry taskRegistry, Consumer<SchedulerEvent> listener) {
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

        };
    }

}
