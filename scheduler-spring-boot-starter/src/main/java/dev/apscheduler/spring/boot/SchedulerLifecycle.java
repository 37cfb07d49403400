package dev.apscheduler.spring.boot;

import java.time.Duration;
import java.util.Objects;

import dev.apscheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops a {@link Scheduler} with the application context.
 *
 * <p>Once every singleton exists, the declared tasks are registered and the declared jobs checked, so that a mistake
 * fails the startup before anything runs. {@link #start()} (in the last phase, after database initialisation and the
 * web server) starts the scheduler paused, brings the declared jobs in (keeping stored jobs whose definition is
 * unchanged) and then resumes it, so that no job runs against a half-reconciled store. {@link #stop()} shuts the
 * scheduler down, waiting for running jobs at most the shutdown timeout. A scheduler the application started itself
 * is not started again, but its declared jobs are still brought in.
 */
public final class SchedulerLifecycle implements SmartLifecycle, SmartInitializingSingleton {

    /** The phase the scheduler starts in (last) and stops in (first). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

    private static final Logger logger = LoggerFactory.getLogger(SchedulerLifecycle.class);

    private final Scheduler scheduler;

    private final DeclaredJobRegistrar registrar;

    private final boolean autoStartup;

    private final Duration shutdownTimeout;

    /** Whether this lifecycle started (the scheduler may have been started by the application before). */
    private volatile boolean running;

    /**
     * Creates the lifecycle.
     * @param scheduler the scheduler
     * @param registrar brings the declared tasks and jobs into the scheduler
     * @param autoStartup whether to start when the context starts
     * @param shutdownTimeout how long stopping waits for running jobs
     */
    public SchedulerLifecycle(Scheduler scheduler, DeclaredJobRegistrar registrar, boolean autoStartup,
            Duration shutdownTimeout) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.autoStartup = autoStartup;
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.registrar.prepare(this.scheduler);
    }

    @Override
    public void start() {
        if (this.scheduler.isRunning()) {
            this.registrar.reconcile(this.scheduler);
            this.running = true;
            return;
        }
        this.scheduler.start(true);
        try {
            this.registrar.reconcile(this.scheduler);
            this.scheduler.resume();
        }
        catch (RuntimeException ex) {
            this.scheduler.shutdown(Duration.ZERO);
            throw ex;
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        if (this.scheduler.isRunning() && !this.scheduler.shutdown(this.shutdownTimeout)) {
            logger.warn("Jobs were still running when the scheduler shut down after waiting {}",
                    this.shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
