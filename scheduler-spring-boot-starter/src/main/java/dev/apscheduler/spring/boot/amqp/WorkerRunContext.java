package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run received by a worker executes in: the core's run logic (misfire check, timeout, log context, run
 * interceptors) reports to it, and it writes the run's records to the history at once, so that the run's state is
 * visible to every instance before the message is acknowledged. A failed attempt its retry policy retries is
 * published again for the next attempt, after the backoff, and recorded as {@link RunOutcome#RETRY}.
 */
final class WorkerRunContext implements ExecutorContext {

    private static final Logger logger = LoggerFactory.getLogger(WorkerRunContext.class);

    private final WorkerServices services;

    private final RunMessage message;

    private final AmqpRoute route;

    WorkerRunContext(WorkerServices services, RunMessage message, AmqpRoute route) {
        this.services = services;
        this.message = message;
        this.route = route;
    }

    @Override
    public String alias() {
        return this.message.executor();
    }

    @Override
    public Clock clock() {
        return this.services.clock();
    }

    @Override
    public TaskRegistry taskRegistry() {
        return this.services.tasks();
    }

    @Override
    public void dispatch(SchedulerEvent event) {
        this.services.events().accept(event);
    }

    @Override
    public JobRunInterceptor runInterceptor() {
        return this.services.interceptor();
    }

    @Override
    public String instanceName() {
        return this.services.workerName();
    }

    @Override
    public void record(Job job, RunRecord record) {
        save(this.services.history(), record);
    }

    static void save(HistoryStore history, RunRecord record) {
        try {
            history.save(List.of(record));
        }
        catch (RuntimeException ex) {
            logger.error("Could not record run '{}' ({}) in the run history", record.runId(), record.outcome(), ex);
        }
    }

    @Override
    public void failed(Job job, RunRecord record, Throwable error) {
        if (!job.retryPolicy().retries(record.attempt(), error)) {
            return;
        }
        Instant now = clock().instant();
        Instant eta = job.retryPolicy().retryAt(record.attempt(), now);
        RunMessage next = this.message.nextAttempt(eta);
        save(this.services.history(), record.ended(RunOutcome.RETRY, (record.finishedAt() != null)
                ? record.finishedAt() : now));
        try {
            this.services.broker().publish(List.of(Map.entry(this.route, next)), AmqpBroker.DEFAULT_CONFIRM_TIMEOUT);
            logger.info("Run '{}' of task '{}' failed on attempt {}; attempt {} is queued for {}", record.runId(),
                    record.task(), record.attempt(), next.attempt(), eta);
        }
        catch (RuntimeException ex) {
            logger.error("Run '{}' of task '{}' could not be queued for attempt {}", record.runId(), record.task(),
                    next.attempt(), ex);
            save(this.services.history(), record);
        }
    }

}
