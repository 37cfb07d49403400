package dev.apscheduler.spring.boot.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * The workers seen recently: listens to the workers' heartbeats on an exclusive, auto-deleted queue bound to their
 * fanout exchange, and lists the workers whose last heartbeat is at most {@code seenWithin} old.
 */
public final class WorkerDirectory implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(WorkerDirectory.class);

    private final AmqpBroker broker;

    private final Clock clock;

    private final Duration seenWithin;

    private final Map<String, WorkerInfo> workers = new ConcurrentHashMap<>();

    private @Nullable SimpleMessageListenerContainer container;

    private volatile boolean running;

    /**
     * Creates the directory.
     * @param broker the broker access
     * @param clock the clock heartbeats are timed with
     * @param seenWithin how recent a worker's last heartbeat must be for it to be listed
     */
    public WorkerDirectory(AmqpBroker broker, Clock clock, Duration seenWithin) {
        this.broker = broker;
        this.clock = clock;
        this.seenWithin = seenWithin;
    }

    /**
     * Lists the workers whose last heartbeat is recent, by name.
     * @return the workers
     */
    public List<WorkerInfo> recentWorkers() {
        Instant since = this.clock.instant().minus(this.seenWithin);
        return this.workers.values()
            .stream()
            .filter((worker) -> worker.lastSeen() != null && !worker.lastSeen().isBefore(since))
            .sorted(Comparator.comparing(WorkerInfo::name))
            .toList();
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        AnonymousQueue queue = new AnonymousQueue();
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.broker.connectionFactory());
        RabbitAdmin admin = new RabbitAdmin(this.broker.connectionFactory());
        FanoutExchange exchange = new FanoutExchange(WorkerHeartbeats.EXCHANGE, true, false);
        try {
            admin.declareExchange(exchange);
            admin.declareQueue(queue);
            admin.declareBinding(BindingBuilder.bind(queue).to(exchange));
        }
        catch (RuntimeException ex) {
            logger.warn("Cannot listen to worker heartbeats yet: {}", ex.getMessage());
        }
        // the queue is exclusive and goes with the connection: declare it again whenever the container reconnects
        admin.setIgnoreDeclarationExceptions(true);
        container.setAmqpAdmin(admin);
        container.setQueues(queue);
        container.setMissingQueuesFatal(false);
        container.setMessageListener((message) -> {
            try {
                WorkerInfo worker = WorkerHeartbeats.read(message.getBody());
                this.workers.put(worker.name(), worker.seenAt(this.clock.instant()));
            }
            catch (RuntimeException ex) {
                logger.debug("Ignoring a heartbeat that cannot be read: {}", ex.getMessage());
            }
        });
        container.setBeanName("apscheduler-worker-directory");
        container.afterPropertiesSet();
        container.start();
        this.container = container;
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        SimpleMessageListenerContainer container = this.container;
        if (container != null) {
            container.stop();
            container.destroy();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

}
