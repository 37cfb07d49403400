package com.example.sample.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Two jobs that show retries and timeouts in the run history, added with the core's API when the application is
 * ready, in the {@code memory} store (each start sets them afresh), once shortly after the start and then every few
 * minutes ({@link UnreliableJobsProperties}):
 * <ul>
 * <li>{@code flaky-import} fails its first two attempts of every fire time and succeeds at the third: with
 * {@code max_attempts=3} the history shows attempts 1 and 2 as {@code ERROR} and attempt 3 as {@code SUCCESS}, all
 * for one fire time.</li>
 * <li>{@code hung-call} waits far longer than its {@code timeout}: the scheduler interrupts it and records the run
 * {@code TIMED_OUT}. The wait ends on the interruption, as well-behaved blocking code does.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(UnreliableJobsProperties.class)
public class UnreliableJobs {

    /** The id of the job that succeeds at its third attempt. */
    public static final String FLAKY_IMPORT = "flaky-import";

    /** The id of the job that runs longer than its timeout. */
    public static final String HUNG_CALL = "hung-call";

    /** How many attempts the import needs. */
    static final int ATTEMPTS = 3;

    /** How long the hung call would wait if nothing interrupted it. */
    static final Duration HANG = Duration.ofHours(1);

    private static final Logger logger = LoggerFactory.getLogger(UnreliableJobs.class);

    /** Opened when the application stops, so that a call still waiting does not hold the shutdown up. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private final Scheduler scheduler;

    private final UnreliableJobsProperties properties;

    /**
     * Creates the jobs' holder.
     * @param scheduler the scheduler to add them to
     * @param properties their schedule
     */
    public UnreliableJobs(Scheduler scheduler, UnreliableJobsProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /**
     * Imports, failing every attempt before the third, as an import from a service that is warming up does.
     * @param context the run's context, with its attempt number
     * @return what was imported
     */
    @JobTask(FLAKY_IMPORT)
    public String importOrders(JobContext context) {
        if (context.attempt() < ATTEMPTS) {
            throw new IllegalStateException("order service not ready (attempt " + context.attempt() + " of "
                    + ATTEMPTS + ")");
        }
        logger.info("{}: imported the orders at attempt {}", context.jobId(), context.attempt());
        return "imported at attempt " + context.attempt();
    }

    /**
     * Waits for an answer that does not come, until interrupted (by the timeout) or the application stops.
     * @param context the run's context
     * @throws InterruptedException when the timeout interrupts the wait
     */
    @JobTask(HUNG_CALL)
    public void callHungService(JobContext context) throws InterruptedException {
        logger.info("{}: calling a service that does not answer", context.jobId());
        try {
            this.closing.await(HANG.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            logger.info("{}: interrupted by its timeout, giving up", context.jobId());
            throw ex;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void addJobs() {
        ZonedDateTime first = ZonedDateTime.now(this.scheduler.clock()).withZoneSameInstant(this.scheduler.timezone())
            .plus(this.properties.getFirstRun());
        Trigger trigger = Triggers.interval().every(this.properties.getInterval()).startDate(first).build();
        RetryPolicy retries = RetryPolicy.attempts(ATTEMPTS)
            .withBackoff(this.properties.getRetryBackoff(), 1.0, this.properties.getRetryBackoff());
        this.scheduler.addJob(JobSpec.task(FLAKY_IMPORT).id(FLAKY_IMPORT).jobstore("memory").trigger(trigger)
            .nextRunTime(first).retryPolicy(retries).replaceExisting(true));
        this.scheduler.addJob(JobSpec.task(HUNG_CALL).id(HUNG_CALL).jobstore("memory").trigger(trigger)
            .nextRunTime(first).timeout(this.properties.getTimeout()).replaceExisting(true));
    }

    /**
     * Ends a call still waiting: the context is closing, which it announces before it stops the scheduler.
     */
    @EventListener(ContextClosedEvent.class)
    void stopWaiting() {
        this.closing.countDown();
    }

}
