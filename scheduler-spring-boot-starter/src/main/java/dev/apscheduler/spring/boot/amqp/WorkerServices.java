package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.util.function.Consumer;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.TaskRegistry;

/**
 * What a worker's runs need: the broker (for retries), the tasks, the history, the clock, the worker's name, where
 * run events go and what wraps each run.
 */
record WorkerServices(AmqpBroker broker, TaskRegistry tasks, HistoryStore history, Clock clock, String workerName,
        Consumer<SchedulerEvent> events, JobRunInterceptor interceptor) {
}
