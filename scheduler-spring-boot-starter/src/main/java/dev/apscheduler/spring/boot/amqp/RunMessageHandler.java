package dev.apscheduler.spring.boot.amqp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import dev.apscheduler.UnknownTaskException;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.JobExecutor.Submission;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Handles each run message a worker receives: a poison message (unreadable body, unknown task) is rejected to the
 * dead-letter queue with a FAILURE record; a run the history already has done (or revoked) is acknowledged without
 * running again; a run whose {@code eta} lies ahead is held, unacknowledged, until then; any other runs at once on
 * the consumer's thread through the core's run logic, and is acknowledged only when it has finished and its outcome
 * is recorded (acks late), so that a worker that dies mid-run leaves its run to be redelivered.
 */
final class RunMessageHandler implements ChannelAwareMessageListener {

    private static final Logger logger = LoggerFactory.getLogger(RunMessageHandler.class);

    /** A run due this close to now starts at once rather than being held. */
    private static final Duration HOLD_THRESHOLD = Duration.ofMillis(5);

    private final WorkerServices services;

    private final ScheduledExecutorService held;

    RunMessageHandler(WorkerServices services, ScheduledExecutorService held) {
        this.services = services;
        this.held = held;
    }

    @Override
    public void onMessage(Message message, @Nullable Channel channel) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("run messages need manual acknowledgement on their channel");
        }
        AmqpStatistics statistics = this.services.broker().statistics();
        MessageProperties properties = message.getMessageProperties();
        long tag = properties.getDeliveryTag();
        statistics.addConsumed();
        if (Boolean.TRUE.equals(properties.getRedelivered())) {
            statistics.addRedelivered();
        }
        String queue = properties.getConsumerQueue();
        AmqpRoute route = AmqpRoute.queue((queue != null) ? queue : "unknown");
        RunMessage run;
        try {
            run = RunMessage.fromJson(message.getBody());
        }
        catch (InvalidRunMessageException ex) {
            deadLetter(message, channel, route, null, ex);
            return;
        }
        if (this.services.tasks().find(run.task()).isEmpty()) {
            deadLetter(message, channel, route, run, new UnknownTaskException(run.jobId(), run.task(),
                    this.services.tasks().names()));
            return;
        }
        if (alreadyHandled(run)) {
            statistics.addDuplicate();
            ack(channel, tag);
            return;
        }
        Instant now = this.services.clock().instant();
        if (run.eta() != null && Duration.between(now, run.eta()).compareTo(HOLD_THRESHOLD) > 0) {
            long delay = Duration.between(now, run.eta()).toNanos();
            this.held.schedule(() -> runAndAck(run, route, channel, tag), delay, TimeUnit.NANOSECONDS);
            return;
        }
        runAndAck(run, route, channel, tag);
    }

    private void runAndAck(RunMessage run, AmqpRoute route, Channel channel, long tag) {
        try {
            if (alreadyHandled(run)) {
                this.services.broker().statistics().addDuplicate();
            }
            else {
                execute(run, route);
            }
            ack(channel, tag);
        }
        catch (IOException | RuntimeException ex) {
            // not acknowledged: the broker delivers the run again once this channel closes
            logger.error("Run '{}' of task '{}' could not be acknowledged", run.runId(), run.task(), ex);
        }
    }

    private void execute(RunMessage run, AmqpRoute route) {
        Job job;
        try {
            job = run.toJob();
        }
        catch (RuntimeException ex) {
            RunRecord record = RunRecord.running(run.runId(), run.jobId(), "default", run.executor(), run.task(),
                    run.fireTime().toInstant(), run.attempt(), null, this.services.workerName());
            WorkerRunContext.save(this.services.history(), record.failed(RunOutcome.ERROR,
                    this.services.clock().instant(), ex));
            return;
        }
        DirectJobExecutor executor = new DirectJobExecutor();
        WorkerRunContext context = new WorkerRunContext(this.services, run, route);
        executor.start(context);
        try {
            executor.submit(new Submission(job, List.of(run.fireTime()), run.attempt(), List.of(run.runId())));
        }
        finally {
            context.flush();
        }
    }

    /**
     * Tells whether the history shows this attempt already over (done, retried, revoked), so it must not run again.
     */
    private boolean alreadyHandled(RunMessage run) {
        Optional<RunRecord> recorded;
        try {
            recorded = this.services.history().findRun(run.runId());
        }
        catch (RuntimeException ex) {
            logger.warn("Could not look up run '{}' in the run history; running it", run.runId(), ex);
            return false;
        }
        if (recorded.isEmpty()) {
            return false;
        }
        RunRecord record = recorded.get();
        if (record.outcome() == RunOutcome.CANCELLED) {
            return true;
        }
        return record.attempt() > run.attempt()
                || (record.attempt() == run.attempt() && record.outcome() != RunOutcome.RUNNING);
    }

    private void deadLetter(Message message, Channel channel, AmqpRoute route, @Nullable RunMessage run,
            RuntimeException reason) throws IOException {
        MessageProperties properties = message.getMessageProperties();
        String runId = (run != null) ? run.runId() : properties.getMessageId();
        logger.error("Rejecting message {} on queue '{}' to '{}': {}", (runId != null) ? runId : "without id",
                route.queue(), route.deadLetterQueue(), reason.getMessage());
        if (runId != null) {
            Instant now = this.services.clock().instant();
            RunRecord record = (run != null)
                    ? RunRecord.running(runId, run.jobId(), "default", run.executor(), run.task(),
                            run.fireTime().toInstant(), run.attempt(), null, this.services.workerName())
                    : RunRecord.running(runId, header(properties, "job_id", header(properties, "task", "unknown")),
                            "default", route.queue(), header(properties, "task", "unknown"), now, 1, null,
                            this.services.workerName());
            WorkerRunContext.save(this.services.history(), record.failed(RunOutcome.ERROR, now, reason));
        }
        channel.basicReject(properties.getDeliveryTag(), false);
        this.services.broker().statistics().addDeadLettered();
    }

    private static String header(MessageProperties properties, String name, String otherwise) {
        Object value = properties.getHeaders().get(name);
        return (value != null) ? value.toString() : otherwise;
    }

    private void ack(Channel channel, long tag) throws IOException {
        channel.basicAck(tag, false);
        this.services.broker().statistics().addAcked();
    }

}
