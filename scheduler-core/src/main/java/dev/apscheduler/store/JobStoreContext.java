package dev.apscheduler.store;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.trigger.TriggerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a job store receives when it starts: its alias, the scheduler's clock and time zone, the codec that turns
 * stored JSON back into jobs (building triggers with the scheduler's {@link TriggerRegistry}), and the channel to
 * report jobs that cannot be restored.
 */
public interface JobStoreContext {

    /**
     * Returns the alias the store is registered under.
     * @return the alias
     */
    String alias();

    /**
     * Returns the scheduler's clock.
     * @return the clock
     */
    Clock clock();

    /**
     * Returns the scheduler's time zone, the default zone of restored triggers.
     * @return the zone
     */
    ZoneId timezone();

    /**
     * Returns the codec for storing jobs as JSON and restoring them.
     * @return the codec
     */
    JobCodec codec();

    /**
     * Returns the trigger kinds the scheduler knows, which the {@link #codec()} stores and restores jobs with.
     * @return the registry
     */
    default TriggerRegistry triggerRegistry() {
        return codec().triggerRegistry();
    }

    /**
     * Reports a stored job that cannot be restored. The store keeps the job (never deletes it), leaves it out of
     * {@link JobStore#getAllJobs()}, {@link JobStore#lookupJob}, {@link JobStore#nextRunTime()} and
     * {@link JobStore#acquireDueJobs} until it is replaced or removed, and reports it here; the scheduler logs it
     * and publishes a {@code JOB_RESTORE_FAILED} event.
     * @param failure the failure, carrying the job's id
     */
    void reportUnrestorableJob(JobRestoreException failure);

    /**
     * Asks the scheduler to look at its stores again now rather than at its next planned wake-up: a store shared
     * with other scheduler instances calls it when it hears that one of them changed its jobs (added, modified,
     * paused, removed), so that the change is seen in milliseconds instead of after {@link JobStore#maxWait()}.
     * May be called from any thread; does nothing for a store used outside a scheduler.
     */
    default void wakeup() {
    }

    /**
     * Returns this context with another wake-up action, for a store used outside a scheduler whose wake-ups matter
     * (the tests of a store shared by several instances, for example).
     * @param wakeup what {@link #wakeup()} does
     * @return the context
     */
    default JobStoreContext withWakeup(Runnable wakeup) {
        Objects.requireNonNull(wakeup, "wakeup");
        JobStoreContext context = this;
        return new JobStoreContext() {

            @Override
            public String alias() {
                return context.alias();
            }

            @Override
            public Clock clock() {
                return context.clock();
            }

            @Override
            public ZoneId timezone() {
                return context.timezone();
            }

            @Override
            public JobCodec codec() {
                return context.codec();
            }

            @Override
            public TriggerRegistry triggerRegistry() {
                return context.triggerRegistry();
            }

            @Override
            public void reportUnrestorableJob(JobRestoreException failure) {
                context.reportUnrestorableJob(failure);
            }

            @Override
            public void wakeup() {
                wakeup.run();
            }

        };
    }

    /**
     * Creates a context for a store used outside a scheduler (tests, tools), which logs unrestorable jobs and knows
     * the trigger kinds of {@link TriggerRegistry#defaults()}.
     * @param alias the store's alias
     * @param clock the clock
     * @param timezone the default zone of restored triggers
     * @return the context
     */
    static JobStoreContext of(String alias, Clock clock, ZoneId timezone) {
        Logger logger = LoggerFactory.getLogger(JobStore.class);
        return of(alias, clock, timezone, (failure) -> logger.error(failure.getMessage(), failure));
    }

    /**
     * Creates a context for a store used outside a scheduler (tests, tools), which knows the trigger kinds of
     * {@link TriggerRegistry#defaults()}.
     * @param alias the store's alias
     * @param clock the clock
     * @param timezone the default zone of restored triggers
     * @param reporter receives the jobs that cannot be restored
     * @return the context
     */
    static JobStoreContext of(String alias, Clock clock, ZoneId timezone, Consumer<JobRestoreException> reporter) {
        return of(alias, clock, timezone, TriggerRegistry.defaults(), reporter);
    }

    /**
     * Creates a context for a store used outside a scheduler (tests, tools).
     * @param alias the store's alias
     * @param clock the clock
     * @param timezone the default zone of restored triggers
     * @param triggerRegistry the trigger kinds jobs are stored and restored with
     * @param reporter receives the jobs that cannot be restored
     * @return the context
     */
    static JobStoreContext of(String alias, Clock clock, ZoneId timezone, TriggerRegistry triggerRegistry,
            Consumer<JobRestoreException> reporter) {
        Objects.requireNonNull(reporter, "reporter");
        JobCodec codec = new JobCodec(timezone, clock, triggerRegistry);
        return new JobStoreContext() {

            @Override
            public String alias() {
                return alias;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public ZoneId timezone() {
                return timezone;
            }

            @Override
            public JobCodec codec() {
                return codec;
            }

            @Override
            public void reportUnrestorableJob(JobRestoreException failure) {
                reporter.accept(failure);
            }

        };
    }

}
