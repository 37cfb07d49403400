package dev.apscheduler.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.apscheduler.SchedulerAlreadyRunningException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.MemoryJobStore;
import org.slf4j.Logger;

/**
 * The scheduler's states and their transitions, as APScheduler's {@code start}, {@code shutdown}, {@code pause},
 * {@code resume} and {@code configure}: starting creates the {@code default} executor and job store when none is
 * configured, starts every executor and store, and stores the pending jobs; it is undone if any of that fails.
 */
final class Lifecycle {

    private static final Logger logger = SchedulerCore.logger;

    private final SchedulerCore core;

    private final JobOperations jobs;

    private final Supplier<JobExecutor> defaultExecutor;

    /**
     * Creates the lifecycle.
     * @param core the scheduler's state
     * @param jobs the job operations, which hold the pending jobs
     * @param defaultExecutor creates the {@code default} executor when none is configured
     */
    public Lifecycle(SchedulerCore core, JobOperations jobs, Supplier<JobExecutor> defaultExecutor) {
        this.core = core;
        this.jobs = jobs;
        this.defaultExecutor = defaultExecutor;
    }

    /**
     * Starts the scheduler.
     * @param paused whether to start in the paused state
     * @throws SchedulerAlreadyRunningException if it is not stopped
     */
    public void start(boolean paused) {
        List<SchedulerEvent> events = new ArrayList<>();
        this.core.locked(() -> {
            if (this.core.state() != SchedulerState.STOPPED) {
                throw new SchedulerAlreadyRunningException("start");
            }
            if (!this.core.components().executors().containsKey(Job.DEFAULT_ALIAS)) {
                events.add(this.core.components().putExecutor(this.defaultExecutor.get(), Job.DEFAULT_ALIAS));
            }
            if (!this.core.components().stores().containsKey(Job.DEFAULT_ALIAS)) {
                events.add(this.core.components().putStore(new MemoryJobStore(), Job.DEFAULT_ALIAS));
            }
            startComponents(events);
            this.core.shutDown(false);
            this.core.state(paused ? SchedulerState.PAUSED : SchedulerState.RUNNING);
        });
        logger.info("Scheduler started");
        events.add(new SchedulerStateEvent(EventCodes.SCHEDULER_STARTED, null));
        this.core.events().dispatchAll(events);
        if (!paused) {
            this.core.wakeup();
        }
    }

    private void startHistory() {
        try {
            this.core.recorder().start();
        }
        catch (RuntimeException ex) {
            // history is reported, never in the way of running jobs
            logger.error("History store failed to start; runs are buffered until it answers", ex);
        }
    }

    private void startComponents(List<SchedulerEvent> events) {
        Map<String, JobExecutor> startedExecutors = new LinkedHashMap<>();
        Map<String, JobStore> startedStores = new LinkedHashMap<>();
        try {
            this.core.components().executors().forEach((alias, executor) -> {
                this.core.components().startExecutor(alias, executor);
                startedExecutors.put(alias, executor);
            });
            this.core.components().stores().forEach((alias, store) -> {
                this.core.components().startStore(alias, store);
                startedStores.put(alias, store);
            });
            events.addAll(this.jobs.storePendingJobs());
            startHistory();
        }
        catch (RuntimeException ex) {
            logger.error("Scheduler failed to start: {}", ex.getMessage());
            startedExecutors.values().forEach((executor) -> executor.shutdown(Duration.ZERO));
            startedStores.forEach(this::shutdownQuietly);
            throw ex;
        }
    }

    /**
     * Shuts the scheduler down: no further job is started; executors finish what they accepted.
     * @param timeout how long to wait for running jobs, {@link Duration#ZERO} not to wait
     * @param stopLoop stops the scheduler's loop (joins its thread) within the time given
     * @return whether every running job had finished when this returned
     * @throws SchedulerNotRunningException if the scheduler is stopped
     */
    public boolean shutdown(Duration timeout, java.util.function.Consumer<Duration> stopLoop) {
        this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                throw new SchedulerNotRunningException("shut down");
            }
            this.core.shutDown(true);
            this.core.state(SchedulerState.STOPPED);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        this.core.wakeup();
        stopLoop.accept(timeout);
        giveBackClaimedRuns();
        boolean finished = true;
        for (JobExecutor executor : this.core.components().executors().values()) {
            Duration left = timeout.isZero() ? Duration.ZERO
                    : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            finished &= executor.shutdown(left);
        }
        if (!finished && !timeout.isZero()) {
            int cancelled = 0;
            for (JobExecutor executor : this.core.components().executors().values()) {
                cancelled += executor.cancelQueued();
            }
            if (cancelled > 0) {
                logger.warn("Cancelled {} queued runs that had not started when the shutdown wait of {} ran out",
                        cancelled, timeout);
            }
        }
        this.core.components().stores().forEach(this::shutdownQuietly);
        this.core.recorder().shutdown(timeout.isZero() ? Duration.ofSeconds(1)
                : Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (!finished) {
            logger.warn("Scheduler shut down while jobs were still running (waited {})", timeout);
        }
        logger.info("Scheduler has been shut down");
        this.core.events().dispatch(new SchedulerStateEvent(EventCodes.SCHEDULER_SHUTDOWN, null));
        return finished;
    }

    private void giveBackClaimedRuns() {
        this.core.locked(() -> {
            this.core.components().stores().forEach((alias, store) -> ClaimedRuns.giveBack(alias, store,
                    this.core.claimedRuns().takeAll(alias)));
        });
    }

    private void shutdownQuietly(String alias, JobStore store) {
        try {
            store.shutdown();
        }
        catch (RuntimeException ex) {
            logger.warn("Job store '{}' failed to shut down", alias, ex);
        }
    }

    /**
     * Pauses job processing.
     * @throws SchedulerNotRunningException if the scheduler is stopped
     */
    public void pause() {
        if (transition(SchedulerState.RUNNING, SchedulerState.PAUSED, "pause")) {
            logger.info("Paused scheduler job processing");
            this.core.events().dispatch(new SchedulerStateEvent(EventCodes.SCHEDULER_PAUSED, null));
        }
    }

    /**
     * Resumes job processing.
     * @throws SchedulerNotRunningException if the scheduler is stopped
     */
    public void resume() {
        if (transition(SchedulerState.PAUSED, SchedulerState.RUNNING, "resume")) {
            logger.info("Resumed scheduler job processing");
            this.core.events().dispatch(new SchedulerStateEvent(EventCodes.SCHEDULER_RESUMED, null));
            this.core.wakeup();
        }
    }

    private boolean transition(SchedulerState from, SchedulerState to, String operation) {
        return this.core.locked(() -> {
            if (this.core.state() == SchedulerState.STOPPED) {
                throw new SchedulerNotRunningException(operation);
            }
            if (this.core.state() != from) {
                return false;
            }
            this.core.state(to);
            return true;
        });
    }

    /**
     * Reconfigures a stopped scheduler.
     * @param config the configuration
     * @throws SchedulerAlreadyRunningException if the scheduler is running or paused
     */
    public void configure(SchedulerConfig config) {
        this.core.locked(() -> {
            if (this.core.state() != SchedulerState.STOPPED) {
                throw new SchedulerAlreadyRunningException("configure");
            }
            this.core.apply(config);
        });
    }

}
