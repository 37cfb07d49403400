package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.RunIds;
import org.jspecify.annotations.Nullable;

/**
 * Submits ad-hoc runs of registered tasks to the workers, Celery's {@code delay} and {@code apply_async}:
 * {@code tasks.delay("send-report", "weekly")} or
 * {@code tasks.applyAsync("send-report", List.of("weekly"), Map.of(), SubmitOptions.defaults().countdown(d))}. The
 * run is published (and confirmed by the broker) before the method returns; the returned {@link TaskResult} follows
 * it in the run history. The run's job id is the task's name.
 */
public final class AmqpTasks {

    /** The executor whose route is used when neither an executor nor a queue is chosen. */
    public static final String DEFAULT_EXECUTOR = "default";

    private final AmqpBroker broker;

    private final Supplier<HistoryStore> history;

    private final Supplier<Map<String, AmqpRoute>> routes;

    private final Clock clock;

    /**
     * Creates the API.
     * @param broker the broker access
     * @param history the run history, where workers record runs, looked up when a result is asked for
     * @param routes the {@code amqp} executors' routes by alias
     * @param clock the clock
     */
    public AmqpTasks(AmqpBroker broker, Supplier<HistoryStore> history, Supplier<Map<String, AmqpRoute>> routes,
            Clock clock) {
        this.broker = broker;
        this.history = history;
        this.routes = routes;
        this.clock = clock;
    }

    /**
     * Submits a run of a task at once on the default route (Celery's {@code delay}).
     * @param task the registered task name
     * @param args its positional arguments, JSON values
     * @return the run's handle
     */
    public TaskResult delay(String task, @Nullable Object... args) {
        return applyAsync(task, Arrays.asList(args), Map.of(), SubmitOptions.defaults());
    }

    /**
     * Submits a run of a task (Celery's {@code apply_async}).
     * @param task the registered task name
     * @param args positional arguments, JSON values
     * @param kwargs keyword arguments, JSON values
     * @param options when and where to run it
     * @return the run's handle
     * @throws dev.apscheduler.InvalidJobException if an argument is not a JSON value
     * @throws ConfigurationException if the chosen executor is not an {@code amqp} executor
     * @throws dev.apscheduler.SchedulerException if the broker does not take the run
     */
    public TaskResult applyAsync(String task, List<?> args, Map<String, ?> kwargs, SubmitOptions options) {
        AmqpRoute route = route(options);
        ZonedDateTime now = ZonedDateTime.now(this.clock);
        ZonedDateTime fireTime = (options.eta() != null) ? options.eta().atZone(this.clock.getZone()) : now;
        Job job = Job.builder()
            .id(task)
            .task(dev.apscheduler.job.TaskReference.named(task))
            .args(args)
            .kwargs(kwargs)
            .trigger(dev.apscheduler.trigger.DateTrigger.of(fireTime))
            .executor((options.executor() != null) ? options.executor() : DEFAULT_EXECUTOR)
            .misfireGraceTime(null)
            .timeout(options.timeout())
            .retryPolicy(options.retryPolicy())
            .build();
        String runId = RunIds.next();
        RunMessage message = RunMessage.of(job, runId, fireTime, 1, job.executor());
        if (options.eta() != null) {
            message = new RunMessage(message.runId(), message.jobId(), message.task(), message.args(),
                    message.kwargs(), message.fireTime(), options.eta(), 1, message.executor(),
                    message.misfireGraceTime(), message.timeout(), message.retryPolicy());
        }
        this.broker.publish(List.of(Map.entry(route, message)), AmqpBroker.DEFAULT_CONFIRM_TIMEOUT);
        return new TaskResult(runId, task, this.history.get(), this.clock);
    }

    /**
     * Returns the handle of a run submitted earlier, by its id: for polling it from any instance.
     * @param runId the run's id
     * @param task the task's name, for messages
     * @return the handle
     */
    public TaskResult result(String runId, String task) {
        return new TaskResult(runId, task, this.history.get(), this.clock);
    }

    private AmqpRoute route(SubmitOptions options) {
        if (options.queue() != null) {
            return AmqpRoute.queue(options.queue());
        }
        String alias = (options.executor() != null) ? options.executor() : DEFAULT_EXECUTOR;
        AmqpRoute route = this.routes.get().get(alias);
        if (route == null) {
            if (options.executor() == null) {
                return AmqpRoute.queue(AmqpRoute.DEFAULT_QUEUE);
            }
            throw new ConfigurationException("apscheduler.executors." + alias + ".type", "no amqp executor '" + alias
                    + "' is configured (amqp executors: " + this.routes.get().keySet() + ")");
        }
        return route;
    }

}
