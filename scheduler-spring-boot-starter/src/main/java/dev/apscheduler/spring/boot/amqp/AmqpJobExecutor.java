package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.RunIds;
import org.jspecify.annotations.Nullable;

/**
 * The {@code amqp} executor (also {@code celery}): runs nothing itself, but publishes each run to RabbitMQ as a
 * persistent message, with publisher confirms, for the workers that consume its queue. A submission is accepted
 * once the broker has confirmed its messages; a broker that cannot be reached or does not confirm makes the
 * submission fail, which the scheduler reports like any refused submission.
 *
 * <p>Runs happen on the workers, which record them in the run history; {@code max_instances} is not enforced across
 * workers (as with Celery), and {@link #activeCount()} counts nothing here.
 */
public final class AmqpJobExecutor implements JobExecutor {

    /** This executor's type name. */
    public static final String TYPE = "amqp";

    private final AmqpBroker broker;

    private final AmqpRoute route;

    private final Duration confirmTimeout;

    private volatile @Nullable ExecutorContext context;

    private volatile boolean shutdown;

    /**
     * Creates an executor.
     * @param broker the broker access
     * @param route where runs are published
     * @param confirmTimeout how long a publish waits for the broker's confirms
     */
    public AmqpJobExecutor(AmqpBroker broker, AmqpRoute route, Duration confirmTimeout) {
        this.broker = broker;
        this.route = route;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Returns where this executor publishes its runs.
     * @return the route
     */
    public AmqpRoute route() {
        return this.route;
    }

    @Override
    public void start(ExecutorContext context) {
        this.context = context;
        this.shutdown = false;
        try {
            this.broker.declare(this.route);
        }
        catch (SchedulerException ex) {
            // the broker may come up later: the queue is declared again with the first publish
        }
    }

    @Override
    public void submit(Job job, List<ZonedDateTime> runTimes) {
        submit(new Submission(job, runTimes));
    }

    @Override
    public void submit(Submission submission) {
        submitAll(List.of(submission), (refused, ex) -> {
            throw ex;
        });
    }

    @Override
    public void submitAll(List<Submission> submissions, BiConsumer<Submission, RuntimeException> refused) {
        ExecutorContext context = context();
        if (this.shutdown) {
            SchedulerException ex = new SchedulerException("Executor '" + context.alias() + "' is shut down");
            submissions.forEach((submission) -> refused.accept(submission, ex));
            return;
        }
        List<Map.Entry<AmqpRoute, RunMessage>> messages = new ArrayList<>();
        List<List<String>> runIds = new ArrayList<>(submissions.size());
        for (Submission submission : submissions) {
            List<String> ids = submission.runIds().isEmpty() ? RunIds.next(submission.runTimes().size())
                    : submission.runIds();
            runIds.add(ids);
            for (int i = 0; i < ids.size(); i++) {
                messages.add(Map.entry(this.route, RunMessage.of(submission.job(), ids.get(i),
                        submission.runTimes().get(i), submission.attempt(), context.alias())));
            }
        }
        try {
            this.broker.publish(messages, this.confirmTimeout);
        }
        catch (RuntimeException ex) {
            submissions.forEach((submission) -> refused.accept(submission, ex));
            return;
        }
        for (int i = 0; i < submissions.size(); i++) {
            Job job = submissions.get(i).job();
            context.dispatch(new JobSubmissionEvent(EventCodes.JOB_SUBMITTED, job.id(), job.jobstore(),
                    context.alias(), job.task().name(), submissions.get(i).runTimes(), runIds.get(i)));
        }
    }

    private ExecutorContext context() {
        ExecutorContext context = this.context;
        if (context == null) {
            throw new SchedulerException("Executor " + TYPE + " has not been started");
        }
        return context;
    }

    @Override
    public boolean shutdown(Duration timeout) {
        this.shutdown = true;
        return true;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int maxWorkers() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int activeCount() {
        return 0;
    }

    @Override
    public int runningInstances(String jobId) {
        return 0;
    }

    @Override
    public String toString() {
        return "AmqpJobExecutor[queue=" + this.route.queue() + ", exchange='" + this.route.exchange()
                + "', routingKey=" + this.route.routingKey() + "]";
    }

}
