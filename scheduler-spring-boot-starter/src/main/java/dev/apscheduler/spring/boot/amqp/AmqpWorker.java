package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * The worker role: consumes run messages from its queues with manual acknowledgement, {@code concurrency} consumers
 * each allowed {@code prefetch} unacknowledged messages, runs each by its task name (see {@link RunMessageHandler}),
 * and announces itself on the workers' fanout exchange every heartbeat interval so that schedulers can list it.
 * The listener container reconnects by itself when the broker connection drops; unacknowledged runs are redelivered
 * by the broker.
 */
public final class AmqpWorker implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(AmqpWorker.class);

    private final WorkerServices services;

    private final List<AmqpRoute> queues;

    private final int concurrency;

    private final int prefetch;

    private final Duration heartbeatInterval;

    private @Nullable SimpleMessageListenerContainer container;

    private @Nullable ScheduledExecutorService timers;

    private @Nullable ScheduledFuture<?> heartbeat;

    private volatile boolean running;

    AmqpWorker(WorkerServices services, List<AmqpRoute> queues, int concurrency, int prefetch,
            Duration heartbeatInterval) {
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one queue");
        }
        this.services = services;
        this.queues = List.copyOf(queues);
        this.concurrency = concurrency;
        this.prefetch = prefetch;
        this.heartbeatInterval = heartbeatInterval;
    }

    /**
     * Returns the worker's name, as written in run records and heartbeats.
     * @return the name
     */
    public String name() {
        return this.services.workerName();
    }

    /**
     * Returns the queues the worker consumes.
     * @return the queue names
     */
    public List<String> queues() {
        return this.queues.stream().map(AmqpRoute::queue).toList();
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        AmqpBroker broker = this.services.broker();
        for (AmqpRoute route : this.queues) {
            try {
                broker.declare(route);
            }
            catch (RuntimeException ex) {
                logger.warn("Could not declare queue '{}' yet; the worker keeps trying to consume it: {}",
                        route.queue(), ex.getMessage());
            }
        }
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(this.concurrency, (task) -> {
            Thread thread = new Thread(task, "apscheduler-worker-eta");
            thread.setDaemon(true);
            return thread;
        });
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(broker.connectionFactory());
        container.setQueueNames(queues().toArray(String[]::new));
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(this.concurrency);
        container.setPrefetchCount(this.prefetch);
        container.setMissingQueuesFatal(false);
        container.setDefaultRequeueRejected(false);
        container.setRecoveryInterval(1000);
        container.setMessageListener(new RunMessageHandler(this.services, timers));
        container.setBeanName("apscheduler-worker");
        container.afterPropertiesSet();
        container.start();
        this.container = container;
        this.timers = timers;
        WorkerHeartbeats heartbeats = new WorkerHeartbeats(broker);
        WorkerInfo info = new WorkerInfo(name(), queues(), this.concurrency, this.prefetch, null);
        this.heartbeat = timers.scheduleAtFixedRate(() -> heartbeats.send(info), 0,
                this.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        this.running = true;
        logger.info("Worker '{}' consumes {} with {} consumer(s), prefetch {}", name(), queues(), this.concurrency,
                this.prefetch);
    }

    @Override
    public synchronized void stop() {
        if (!this.running) {
            return;
        }
        this.running = false;
        ScheduledFuture<?> heartbeat = this.heartbeat;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        SimpleMessageListenerContainer container = this.container;
        if (container != null) {
            // waits for the runs in progress (bounded by the container's shutdown timeout); the rest is redelivered
            container.stop();
            container.destroy();
        }
        ScheduledExecutorService timers = this.timers;
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // after the scheduler (which starts at DEFAULT_PHASE - 1024 or later) so that tasks are registered first
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

}
