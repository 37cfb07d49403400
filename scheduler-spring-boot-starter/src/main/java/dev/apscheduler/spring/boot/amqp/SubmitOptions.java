package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.apscheduler.job.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * How an ad-hoc run is submitted, Celery's {@code apply_async} options: when ({@link #countdown} or {@link #eta}),
 * where ({@link #executor} alias or {@link #queue}), its {@link #timeout} and {@link #retryPolicy}. Immutable; each
 * method returns a copy.
 */
public final class SubmitOptions {

    private static final SubmitOptions DEFAULTS = new SubmitOptions(null, null, null, null, RetryPolicy.NONE);

    private final @Nullable Instant eta;

    private final @Nullable String executor;

    private final @Nullable String queue;

    private final @Nullable Duration timeout;

    private final RetryPolicy retryPolicy;

    private SubmitOptions(@Nullable Instant eta, @Nullable String executor, @Nullable String queue,
            @Nullable Duration timeout, RetryPolicy retryPolicy) {
        this.eta = eta;
        this.executor = executor;
        this.queue = queue;
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
    }

    /**
     * Returns the defaults: at once, on the {@code default} executor's queue, no timeout, no retries.
     * @return the options
     */
    public static SubmitOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts the run no earlier than a delay from now (Celery's {@code countdown}).
     * @param countdown the delay, zero or more
     * @return the options
     */
    public SubmitOptions countdown(Duration countdown) {
        Objects.requireNonNull(countdown, "countdown");
        if (countdown.isNegative()) {
            throw new IllegalArgumentException("countdown must not be negative, was " + countdown);
        }
        return eta(Instant.now().plus(countdown));
    }

    /**
     * Starts the run no earlier than a time (Celery's {@code eta}).
     * @param eta the time
     * @return the options
     */
    public SubmitOptions eta(Instant eta) {
        return new SubmitOptions(Objects.requireNonNull(eta, "eta"), this.executor, this.queue, this.timeout,
                this.retryPolicy);
    }

    /**
     * Publishes the run on the route of an {@code amqp} executor.
     * @param executor the executor's alias under {@code apscheduler.executors}
     * @return the options
     */
    public SubmitOptions executor(String executor) {
        return new SubmitOptions(this.eta, Objects.requireNonNull(executor, "executor"), null, this.timeout,
                this.retryPolicy);
    }

    /**
     * Publishes the run on a queue, through RabbitMQ's default exchange (Celery's {@code queue}).
     * @param queue the queue's name
     * @return the options
     */
    public SubmitOptions queue(String queue) {
        return new SubmitOptions(this.eta, null, Objects.requireNonNull(queue, "queue"), this.timeout,
                this.retryPolicy);
    }

    /**
     * Interrupts the run when it takes longer than this on the worker.
     * @param timeout the timeout, positive
     * @return the options
     */
    public SubmitOptions timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new SubmitOptions(this.eta, this.executor, this.queue, timeout, this.retryPolicy);
    }

    /**
     * Retries failed attempts on the workers per a policy.
     * @param retryPolicy the policy
     * @return the options
     */
    public SubmitOptions retryPolicy(RetryPolicy retryPolicy) {
        return new SubmitOptions(this.eta, this.executor, this.queue, this.timeout,
                Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    @Nullable Instant eta() {
        return this.eta;
    }

    @Nullable String executor() {
        return this.executor;
    }

    @Nullable String queue() {
        return this.queue;
    }

    @Nullable Duration timeout() {
        return this.timeout;
    }

    RetryPolicy retryPolicy() {
        return this.retryPolicy;
    }

}
