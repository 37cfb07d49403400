package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import org.jspecify.annotations.Nullable;

/**
 * One executor of {@code apscheduler.executors.<alias>}: its type and size, and for a process pool its workers'
 * JVMs.
 */
public class ExecutorProperties {

    /**
     * Executor type: 'threadpool', 'virtual' (Java 21+), 'processpool' (worker JVMs), 'direct' (runs jobs on the
     * scheduler's thread) or 'amqp' (alias 'celery': publishes runs to RabbitMQ for workers).
     */
    private String type = ThreadPoolJobExecutor.TYPE;

    /**
     * Largest number of jobs the executor runs at once (thread and process pools; 10 when not set).
     */
    private @Nullable Integer maxWorkers;

    /**
     * Queue the 'amqp' executor publishes runs to (default 'apscheduler').
     */
    private @Nullable String queue;

    /**
     * Exchange the 'amqp' executor publishes runs to (default: RabbitMQ's default exchange).
     */
    private @Nullable String exchange;

    /**
     * Routing key the 'amqp' executor publishes runs with (default: the queue's name).
     */
    private @Nullable String routingKey;

    /**
     * How long the 'amqp' executor waits for the broker's publisher confirms (default 10s).
     */
    private @Nullable Duration confirmTimeout;

    /**
     * Returns the queue runs are published to.
     * @return the queue, or {@code null} for the default
     */
    public @Nullable String getQueue() {
        return this.queue;
    }

    /**
     * Sets the queue runs are published to.
     * @param queue the queue
     */
    public void setQueue(@Nullable String queue) {
        this.queue = queue;
    }

    /**
     * Returns the exchange runs are published to.
     * @return the exchange, or {@code null} for the default exchange
     */
    public @Nullable String getExchange() {
        return this.exchange;
    }

    /**
     * Sets the exchange runs are published to.
     * @param exchange the exchange
     */
    public void setExchange(@Nullable String exchange) {
        this.exchange = exchange;
    }

    /**
     * Returns the routing key runs are published with.
     * @return the routing key, or {@code null} for the queue's name
     */
    public @Nullable String getRoutingKey() {
        return this.routingKey;
    }

    /**
     * Sets the routing key runs are published with.
     * @param routingKey the routing key
     */
    public void setRoutingKey(@Nullable String routingKey) {
        this.routingKey = routingKey;
    }

    /**
     * Returns how long a publish waits for the broker's confirms.
     * @return the timeout, or {@code null} for the default
     */
    public @Nullable Duration getConfirmTimeout() {
        return this.confirmTimeout;
    }

    /**
     * Sets how long a publish waits for the broker's confirms.
     * @param confirmTimeout the timeout
     */
    public void setConfirmTimeout(@Nullable Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Process pool: runs after which a worker JVM is replaced by a fresh one (0 or not set: never).
     */
    private @Nullable Integer maxTasksPerChild;

    /**
     * Process pool: whether every worker JVM starts with the scheduler (true when not set) rather than when a run
     * first needs it.
     */
    private @Nullable Boolean eager;

    /**
     * Process pool: maximum heap of each worker JVM, as -Xmx takes it (for example 512m); the JVM's default when not
     * set.
     */
    private @Nullable String heap;

    /**
     * Process pool: further JVM options of the workers, such as -Dkey=value or --add-opens=....
     */
    private List<String> jvmArgs = new ArrayList<>();

    /**
     * Process pool: environment variables of the workers, on top of the application's environment.
     */
    private Map<String, String> environment = new LinkedHashMap<>();

    /**
     * Process pool: class whose main method the workers start in worker mode; the application's
     * '@SpringBootApplication' class when not set.
     */
    private @Nullable String mainClass;

    /**
     * Process pool: how long a worker JVM may take to start the application and load its tasks (60s when not set).
     */
    private @Nullable Duration startTimeout;

    /**
     * Returns the executor type.
     * @return the type
     */
    public String getType() {
        return this.type;
    }

    /**
     * Sets the executor type.
     * @param type the type, for example {@code threadpool}
     */
    public void setType(String type) {
        this.type = type;
    }

    /**
     * Returns the largest number of jobs the executor runs at once.
     * @return the number, or {@code null} for the type's default
     */
    public @Nullable Integer getMaxWorkers() {
        return this.maxWorkers;
    }

    /**
     * Sets the largest number of jobs the executor runs at once.
     * @param maxWorkers the number, or {@code null} for the type's default
     */
    public void setMaxWorkers(@Nullable Integer maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    /**
     * Returns after how many runs a process pool worker is replaced.
     * @return the number, or {@code null} never to replace workers
     */
    public @Nullable Integer getMaxTasksPerChild() {
        return this.maxTasksPerChild;
    }

    /**
     * Sets after how many runs a process pool worker is replaced.
     * @param maxTasksPerChild the number, or {@code null} never to replace workers
     */
    public void setMaxTasksPerChild(@Nullable Integer maxTasksPerChild) {
        this.maxTasksPerChild = maxTasksPerChild;
    }

    /**
     * Returns whether a process pool starts its workers with the scheduler.
     * @return whether to start eagerly, or {@code null} for the default (eagerly)
     */
    public @Nullable Boolean getEager() {
        return this.eager;
    }

    /**
     * Sets whether a process pool starts its workers with the scheduler.
     * @param eager whether to start eagerly, or {@code null} for the default
     */
    public void setEager(@Nullable Boolean eager) {
        this.eager = eager;
    }

    /**
     * Returns the maximum heap of each worker JVM.
     * @return the size as {@code -Xmx} takes it, or {@code null} for the JVM's default
     */
    public @Nullable String getHeap() {
        return this.heap;
    }

    /**
     * Sets the maximum heap of each worker JVM.
     * @param heap the size as {@code -Xmx} takes it, or {@code null} for the JVM's default
     */
    public void setHeap(@Nullable String heap) {
        this.heap = heap;
    }

    /**
     * Returns the workers' further JVM options.
     * @return the options
     */
    public List<String> getJvmArgs() {
        return this.jvmArgs;
    }

    /**
     * Sets the workers' further JVM options.
     * @param jvmArgs the options
     */
    public void setJvmArgs(List<String> jvmArgs) {
        this.jvmArgs = jvmArgs;
    }

    /**
     * Returns the workers' further environment variables.
     * @return the variables
     */
    public Map<String, String> getEnvironment() {
        return this.environment;
    }

    /**
     * Sets the workers' further environment variables.
     * @param environment the variables
     */
    public void setEnvironment(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Returns the class whose main method the workers start in worker mode.
     * @return the class name, or {@code null} for the application's {@code @SpringBootApplication} class
     */
    public @Nullable String getMainClass() {
        return this.mainClass;
    }

    /**
     * Sets the class whose main method the workers start in worker mode.
     * @param mainClass the class name, or {@code null} for the application's class
     */
    public void setMainClass(@Nullable String mainClass) {
        this.mainClass = mainClass;
    }

    /**
     * Returns how long a worker JVM may take to start.
     * @return the timeout, or {@code null} for the default
     */
    public @Nullable Duration getStartTimeout() {
        return this.startTimeout;
    }

    /**
     * Sets how long a worker JVM may take to start.
     * @param startTimeout the timeout, or {@code null} for the default
     */
    public void setStartTimeout(@Nullable Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

}
