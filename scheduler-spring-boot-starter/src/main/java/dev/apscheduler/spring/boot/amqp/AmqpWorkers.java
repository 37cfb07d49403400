package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.TaskRegistry;

/**
 * Creates {@link AmqpWorker}s.
 */
public final class AmqpWorkers {

    private AmqpWorkers() {
    }

    /**
     * Creates a worker, not yet started.
     * @param broker the broker access
     * @param tasks the tasks it runs, by name
     * @param history the run history it records runs in (the result backend)
     * @param name its name, in run records and heartbeats
     * @param queues the queues it consumes
     * @param concurrency how many consumers, each running one task at a time
     * @param prefetch how many unacknowledged messages each consumer may hold
     * @param heartbeatInterval how often it announces itself
     * @param interceptor what wraps each run (observations, log context)
     * @return the worker
     */
    public static AmqpWorker create(AmqpBroker broker, TaskRegistry tasks, HistoryStore history, String name,
            List<AmqpRoute> queues, int concurrency, int prefetch, Duration heartbeatInterval,
            JobRunInterceptor interceptor) {
        WorkerServices services = new WorkerServices(broker, tasks, history, Clock.systemUTC(), name, (event) -> {
        }, interceptor);
        return new AmqpWorker(services, queues, concurrency, prefetch, heartbeatInterval);
    }

}
