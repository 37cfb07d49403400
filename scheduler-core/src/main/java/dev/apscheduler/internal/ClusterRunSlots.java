package dev.apscheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.apscheduler.SchedulerException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.store.RunSlots;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run slots this scheduler instance holds in its stores for jobs whose {@code max_instances_scope} is
 * {@code cluster}: taken when an executor accepts a submission, renewed by the scheduler's loop at a third of the
 * store's lease (against the scheduler's clock) while the run lasts, and given back when it ends. A renewal or a
 * release that fails is logged and left to the lease: the slot expires on its own. Thread-safe: executors take and
 * give back slots from their threads, the loop renews them.
 */
final class ClusterRunSlots {

    private static final Logger logger = LoggerFactory.getLogger(ClusterRunSlots.class);

    private static final Runnable NOTHING = () -> {
    };

    /** What a job counted by its executor alone takes: nothing to give back. One object, not one per run. */
    private static final Optional<Runnable> NO_SLOT = Optional.of(NOTHING);

    private final SchedulerCore core;

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    ClusterRunSlots(SchedulerCore core) {
        this.core = core;
    }

    /**
     * Takes one of a job's cluster-wide slots in its store; a job counted per instance needs none.
     * @param job the job
     * @return what gives the slot back, or empty when {@code max_instances} runs hold every slot
     * @throws SchedulerException if the job's store has no run slots, or the store fails
     */
    Optional<Runnable> acquire(Job job) {
        if (job.maxInstancesScope() != MaxInstancesScope.CLUSTER) {
            return NO_SLOT;
        }
        RunSlots slots = slotsOf(job);
        String slotId = RunIds.next();
        if (!StoreCalls.call(job.jobstore(), "take a run slot of job '" + job.id() + "'",
                () -> slots.acquire(job.id(), slotId, job.maxInstances()))) {
            return Optional.empty();
        }
        Held slot = new Held(job.jobstore(), job.id(), slotId, slots,
                this.core.clock().instant().plus(renewalInterval(slots)));
        this.held.put(slotId, slot);
        this.core.wakeup();
        return Optional.of(slot::release);
    }

    private RunSlots slotsOf(Job job) {
        return this.core.components().store(job.jobstore()).runSlots()
            .orElseThrow(() -> new SchedulerException("Job '" + job.id() + "' has max_instances_scope=cluster, but "
                    + "job store '" + job.jobstore() + "' cannot count running instances across scheduler instances"));
    }

    private static Duration renewalInterval(RunSlots slots) {
        return slots.lease().dividedBy(3);
    }

    /**
     * Renews the slots whose renewal is due, on the loop's thread.
     * @param now the scheduler's current time
     */
    void renewDue(Instant now) {
        List<Held> due = new ArrayList<>(0);
        for (Held slot : this.held.values()) {
            if (!slot.renewAt.isAfter(now)) {
                due.add(slot);
            }
        }
        due.forEach((slot) -> slot.renew(now));
    }

    /**
     * Returns when the loop must next renew a slot.
     * @return the earliest renewal time, or empty when this instance holds no slot
     */
    Optional<Instant> earliest() {
        @Nullable Instant earliest = null;
        for (Held slot : this.held.values()) {
            if (earliest == null || slot.renewAt.isBefore(earliest)) {
                earliest = slot.renewAt;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * One slot this instance holds.
     */
    private final class Held {

        private final String store;

        private final String jobId;

        private final String slotId;

        private final RunSlots slots;

        private final AtomicBoolean released = new AtomicBoolean();

        private volatile Instant renewAt;

        Held(String store, String jobId, String slotId, RunSlots slots, Instant renewAt) {
            this.store = store;
            this.jobId = jobId;
            this.slotId = slotId;
            this.slots = slots;
            this.renewAt = renewAt;
        }

        void renew(Instant now) {
            if (this.released.get()) {
                return;
            }
            Duration interval = renewalInterval(this.slots);
            try {
                if (!this.slots.renew(this.jobId, this.slotId)) {
                    if (this.released.get()) {
                        // the run ended while this renewal was under way
                        return;
                    }
                    logger.warn("Job '{}' lost its run slot in job store '{}' (its lease of {} ran out); the run goes "
                            + "on, but max_instances no longer counts it across instances", this.jobId, this.store,
                            this.slots.lease());
                    ClusterRunSlots.this.held.remove(this.slotId);
                    return;
                }
                this.renewAt = now.plus(interval);
            }
            catch (RuntimeException ex) {
                // tried again soon: the lease still has two thirds of its length to run
                logger.warn("Job store '{}' failed to renew the run slot of job '{}': {}", this.store, this.jobId,
                        ex.getMessage());
                this.renewAt = now.plus(interval.dividedBy(3));
            }
        }

        void release() {
            if (!this.released.compareAndSet(false, true)) {
                return;
            }
            ClusterRunSlots.this.held.remove(this.slotId);
            try {
                this.slots.release(this.jobId, this.slotId);
            }
            catch (RuntimeException ex) {
                logger.warn("Job store '{}' failed to give back the run slot of job '{}'; it is freed when its lease "
                        + "of {} runs out: {}", this.store, this.jobId, this.slots.lease(), ex.getMessage());
            }
        }

    }

}
