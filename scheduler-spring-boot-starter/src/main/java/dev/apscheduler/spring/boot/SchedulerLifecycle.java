package dev.apscheduler.spring.boot;

import java.time.Duration;
import java.util.Objects;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerNotRunningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops a {@link Scheduler} with the application context.
 *
 * <p>Once every singleton exists, the declared tasks are registered and the declared jobs checked, so that a mistake
 * fails the startup before anything runs. {@link #start()} (after database initialisation and the web server) starts
 * the scheduler paused, brings the declared jobs in (keeping stored jobs whose definition is unchanged) and then
 * resumes it, so that no job runs against a half-reconciled store. A scheduler the application started itself is not
 * started again, but its declared jobs are still brought in.
 *
 * <p>Stopping happens in {@link #PHASE}: after the web server's graceful shutdown has drained the requests in flight
 * (which may still add jobs) and before the web server stops. {@link #stop(Runnable)} shuts the scheduler down on a
 * thread of its own, waiting for running jobs at most the shutdown timeout, so that the context's lifecycle processor
 * keeps its own bound ({@code spring.lifecycle.timeout-per-shutdown-phase}); jobs still running when the wait ends are
 * named in a warning. A job added once stopping has begun is refused by the auto-configured scheduler
 * ({@code SchedulerNotRunningException}) rather than kept in memory, where it would be lost.
 */
public final class SchedulerLifecycle implements SmartLifecycle, SmartInitializingSingleton {

    /**
     * The phase the scheduler starts and stops in: {@code SmartLifecycle.DEFAULT_PHASE - 1536}, between Boot's web
     * server start-and-stop phase ({@code DEFAULT_PHASE - 2048}) and its graceful shutdown phase
     * ({@code DEFAULT_PHASE - 1024}). The scheduler thus starts once the web server listens and stops once the
     * graceful shutdown has drained the requests in flight, while the web server still runs.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private static final Logger logger = LoggerFactory.getLogger(SchedulerLifecycle.class);

    private final Scheduler scheduler;

    private final DeclaredJobRegistrar registrar;

    private final boolean autoStartup;

    private final Duration shutdownTimeout;

    private final RunningJobs runningJobs = new RunningJobs();

    /** Whether this lifecycle started (the scheduler may have been started by the application before). */
    private volatile boolean running;

    /**
     * Creates the lifecycle.
     * @param scheduler the scheduler
     * @param registrar brings the declared tasks and jobs into the scheduler
     * @param autoStartup whether to start when the context starts
     * @param shutdownTimeout how long stopping waits for running jobs; keep it below the context's
     * {@code spring.lifecycle.timeout-per-shutdown-phase} ({@link #shutdownWait(Duration, Duration)})
     */
    public SchedulerLifecycle(Scheduler scheduler, DeclaredJobRegistrar registrar, boolean autoStartup,
            Duration shutdownTimeout) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.autoStartup = autoStartup;
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    /**
     * Bounds the scheduler's shutdown wait by the context's wait for a lifecycle phase, leaving a tenth of the phase
     * (at most a second) for what follows the wait (giving back claimed runs, closing the stores, writing the
     * history), so that the scheduler has shut down before the context stops waiting for it.
     * @param shutdownTimeout the scheduler's shutdown timeout ({@code apscheduler.shutdown-timeout})
     * @param phaseTimeout the context's wait per shutdown phase ({@code spring.lifecycle.timeout-per-shutdown-phase})
     * @return how long stopping may wait for running jobs
     */
    public static Duration shutdownWait(Duration shutdownTimeout, Duration phaseTimeout) {
        Duration margin = phaseTimeout.dividedBy(10);
        if (margin.compareTo(Duration.ofSeconds(1)) > 0) {
            margin = Duration.ofSeconds(1);
        }
        Duration bound = phaseTimeout.minus(margin);
        return (shutdownTimeout.compareTo(bound) > 0) ? bound : shutdownTimeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.registrar.prepare(this.scheduler);
        this.scheduler.addListener(this.runningJobs, RunningJobs.MASK);
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

    /**
     * Shuts the scheduler down on the calling thread, waiting for running jobs at most the shutdown timeout.
     */
    @Override
    public void stop() {
        this.running = false;
        shutdown();
    }

    /**
     * Shuts the scheduler down on a thread of its own and calls {@code callback} when it is down, so that the
     * context's lifecycle processor bounds the wait with its own timeout and stops the beans of the same phase
     * together.
     * @param callback told when the scheduler is down
     */
    @Override
    public void stop(Runnable callback) {
        this.running = false;
        if (!this.scheduler.isRunning()) {
            callback.run();
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                shutdown();
            }
            finally {
                callback.run();
            }
        }, "apscheduler-shutdown");
        thread.start();
    }

    private void shutdown() {
        try {
            if (this.scheduler.isRunning() && !this.scheduler.shutdown(this.shutdownTimeout)) {
                logger.warn("Jobs were still running when the scheduler shut down after waiting {}: {}",
                        this.shutdownTimeout, this.runningJobs.stillRunning(this.scheduler));
            }
        }
        catch (SchedulerNotRunningException ex) {
            // shut down by the application meanwhile
            logger.debug("Scheduler was already shut down", ex);
        }
        catch (RuntimeException ex) {
            logger.error("Scheduler failed to shut down", ex);
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
