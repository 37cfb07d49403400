package dev.apscheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobStoreEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler's job stores and executors by alias, in the order they were added, guarded by the scheduler's lock:
 * adding (and starting, when the scheduler runs), removing (and shutting down), and looking them up.
 */
final class Components {

    private final SchedulerCore core;

    private final Map<String, JobStore> stores = new LinkedHashMap<>();

    private final Map<String, Integer> batchSizes = new HashMap<>();

    private final Map<String, JobExecutor> executors = new LinkedHashMap<>();

    Components(SchedulerCore core) {
        this.core = core;
    }

    void clear() {
        this.stores.clear();
        this.batchSizes.clear();
        this.executors.clear();
    }

    /**
     * Adds a job store, started at once when the scheduler runs.
     * @param store the store
     * @param alias its alias
     * @param batchSize the configured batch size for {@code addJobs}, or {@code null} for the store's own
     * @return the {@code JOBSTORE_ADDED} event to publish
     * @throws SchedulerException if the alias is taken
     */
    public SchedulerEvent addJobStore(JobStore store, String alias, @Nullable Integer batchSize) {
        return this.core.locked(() -> {
            if (this.stores.containsKey(alias)) {
                throw new JobStoreException("This scheduler already has a job store by the alias of '" + alias + "'");
            }
            if (this.core.state() != SchedulerState.STOPPED) {
                startStore(alias, store);
            }
            return putStore(store, alias, batchSize);
        });
    }

    /**
     * Adds or replaces a job store without starting it (used while building or configuring a stopped scheduler).
     * @param store the store
     * @param alias its alias
     * @return the {@code JOBSTORE_ADDED} event to publish
     */
    public SchedulerEvent putStore(JobStore store, String alias) {
        return putStore(store, alias, null);
    }

    /**
     * Adds or replaces a job store without starting it, with the batch size configured for it.
     * @param store the store
     * @param alias its alias
     * @param batchSize the configured batch size for {@code addJobs}, or {@code null} for the store's own
     * @return the {@code JOBSTORE_ADDED} event to publish
     */
    public SchedulerEvent putStore(JobStore store, String alias, @Nullable Integer batchSize) {
        this.stores.put(alias, store);
        if (batchSize != null) {
            this.batchSizes.put(alias, JobStore.checkBatchSize(batchSize));
        }
        else {
            this.batchSizes.remove(alias);
        }
        return new SchedulerStateEvent(EventCodes.JOBSTORE_ADDED, alias);
    }

    /**
     * Returns how many jobs one {@code addJobs} call hands a store: its configured {@code batch_size}, else the
     * store's own {@link JobStore#batchSize()}.
     * @param alias the store's alias
     * @return the batch size, at least one
     * @throws JobStoreException if there is no such store
     */
    public int batchSize(String alias) {
        return this.core.locked(() -> {
            JobStore store = store(alias);
            Integer configured = this.batchSizes.get(alias);
            return (configured != null) ? configured : Math.max(1, store.batchSize());
        });
    }

    /**
     * Removes a job store.
     * @param alias its alias
     * @param shutdown whether to shut the store down
     * @return the {@code JOBSTORE_REMOVED} event to publish
     * @throws JobStoreException if there is no such store
     */
    public SchedulerEvent removeJobStore(String alias, boolean shutdown) {
        JobStore store = this.core.locked(() -> {
            JobStore removed = store(alias);
            ClaimedRuns.giveBack(alias, removed, this.core.claimedRuns().takeAll(alias));
            this.stores.remove(alias);
            this.batchSizes.remove(alias);
            this.core.guard().forget(alias);
            return removed;
        });
        if (shutdown) {
            StoreCalls.run(alias, "shut down", store::shutdown);
        }
        return new SchedulerStateEvent(EventCodes.JOBSTORE_REMOVED, alias);
    }

    /**
     * Adds an executor, started at once when the scheduler runs.
     * @param executor the executor
     * @param alias its alias
     * @return the {@code EXECUTOR_ADDED} event to publish
     * @throws SchedulerException if the alias is taken
     */
    public SchedulerEvent addExecutor(JobExecutor executor, String alias) {
        return this.core.locked(() -> {
            if (this.executors.containsKey(alias)) {
                throw new SchedulerException("This scheduler already has an executor by the alias of '" + alias + "'");
            }
            if (this.core.state() != SchedulerState.STOPPED) {
                startExecutor(alias, executor);
            }
            return putExecutor(executor, alias);
        });
    }

    /**
     * Adds or replaces an executor without starting it (used while building or configuring a stopped scheduler).
     * @param executor the executor
     * @param alias its alias
     * @return the {@code EXECUTOR_ADDED} event to publish
     */
    public SchedulerEvent putExecutor(JobExecutor executor, String alias) {
        this.executors.put(alias, executor);
        return new SchedulerStateEvent(EventCodes.EXECUTOR_ADDED, alias);
    }

    /**
     * Removes an executor.
     * @param alias its alias
     * @param shutdown whether to shut the executor down (without waiting)
     * @return the {@code EXECUTOR_REMOVED} event to publish
     * @throws SchedulerException if there is no such executor
     */
    public SchedulerEvent removeExecutor(String alias, boolean shutdown) {
        JobExecutor executor = this.core.locked(() -> {
            JobExecutor removed = executor(alias).orElseThrow(() -> new SchedulerException(
                    "No executor by the alias of '" + alias + "' (configured: "
                            + String.join(", ", this.executors.keySet()) + ")"));
            this.executors.remove(alias);
            return removed;
        });
        if (shutdown) {
            executor.shutdown(Duration.ZERO);
        }
        return new SchedulerStateEvent(EventCodes.EXECUTOR_REMOVED, alias);
    }

    void startStore(String alias, JobStore store) {
        StoreCalls.run(alias, "start", () -> store.start(new StoreContext(alias)));
    }

    void startExecutor(String alias, JobExecutor executor) {
        executor.start(new EngineExecutorContext(alias, executor instanceof DirectJobExecutor));
    }

    /**
     * Returns a job store.
     * @param alias its alias
     * @return the store
     * @throws JobStoreException if there is no such store
     */
    public JobStore store(String alias) {
        return this.core.locked(() -> {
            JobStore store = this.stores.get(alias);
            if (store == null) {
                throw new JobStoreException("No job store by the alias of '" + alias + "' (configured: "
                        + String.join(", ", this.stores.keySet()) + ")");
            }
            return store;
        });
    }

    /**
     * Returns an executor.
     * @param alias its alias
     * @return the executor, or empty when there is none by that alias
     */
    public Optional<JobExecutor> executor(String alias) {
        return this.core.locked(() -> Optional.ofNullable(this.executors.get(alias)));
    }

    /**
     * Returns the job stores by alias.
     * @return a snapshot, in the order they were added
     */
    public Map<String, JobStore> stores() {
        return this.core.locked(() -> Collections.unmodifiableMap(new LinkedHashMap<>(this.stores)));
    }

    /**
     * Returns the executors by alias.
     * @return a snapshot, in the order they were added
     */
    public Map<String, JobExecutor> executors() {
        return this.core.locked(() -> Collections.unmodifiableMap(new LinkedHashMap<>(this.executors)));
    }

    /**
     * The context a job store starts with: the scheduler's clock and zone, and a reporter that logs and publishes
     * jobs that cannot be restored.
     */
    /**
     * What an executor of this scheduler works with: runs are recorded in the scheduler's history, failures retried
     * per the job's policy, and timeouts enforced by the scheduler's loop.
     */
    private final class EngineExecutorContext implements ExecutorContext {

        private final String alias;

        private final boolean onLoopThread;

        EngineExecutorContext(String alias, boolean onLoopThread) {
            this.alias = alias;
            this.onLoopThread = onLoopThread;
        }

        @Override
        public String alias() {
            return this.alias;
        }

        @Override
        public Clock clock() {
            return Components.this.core.clock();
        }

        @Override
        public TaskRegistry taskRegistry() {
            return Components.this.core.taskRegistry();
        }

        @Override
        public void dispatch(SchedulerEvent event) {
            Components.this.core.events().dispatch(event);
        }

        @Override
        public boolean wants(int code) {
            return Components.this.core.events().wants(code);
        }

        @Override
        public JobRunInterceptor runInterceptor() {
            return Components.this.core.runInterceptor();
        }

        @Override
        public String instanceName() {
            return Components.this.core.instanceName();
        }

        @Override
        public void record(Job job, RunRecord record) {
            Components.this.core.recorder().add(record);
        }

        @Override
        public @Nullable RecordedStart recordStart(Job job, RunRecord record) {
            return Components.this.core.recorder().addStart(record);
        }

        @Override
        public void recordEnd(Job job, @Nullable RecordedStart start, RunRecord record) {
            Components.this.core.recorder().addEnd(start, record);
        }

        @Override
        public boolean recordsRuns() {
            return Components.this.core.recorder().keepsRecords();
        }

        @Override
        public void failed(Job job, RunRecord record, Throwable error) {
            Components.this.core.failed(job, record, error);
        }

        @Override
        public Optional<Runnable> acquireRunSlot(Job job) {
            return Components.this.core.runSlots().acquire(job);
        }

        @Override
        public Runnable watchTimeout(Instant deadline, Runnable onTimeout) {
            if (this.onLoopThread) {
                // the run blocks the loop that would enforce its deadline: a timer thread does it instead
                return ExecutorContext.super.watchTimeout(deadline, onTimeout);
            }
            return Components.this.core.timeouts().watch(deadline, onTimeout);
        }

    }

    private final class StoreContext implements JobStoreContext {

        private final String alias;

        private final JobCodec codec;

        StoreContext(String alias) {
            this.alias = alias;
            this.codec = new JobCodec(Components.this.core.timezone(), Components.this.core.clock(),
                    Components.this.core.factories().triggerRegistry());
        }

        @Override
        public String alias() {
            return this.alias;
        }

        @Override
        public Clock clock() {
            return Components.this.core.clock();
        }

        @Override
        public ZoneId timezone() {
            return Components.this.core.timezone();
        }

        @Override
        public JobCodec codec() {
            return this.codec;
        }

        @Override
        public void reportUnrestorableJob(JobRestoreException failure) {
            SchedulerCore.logger.error("Job store '{}' holds a job that cannot be restored; it is kept and skipped: {}",
                    this.alias, failure.getMessage(), failure);
            Components.this.core.events().dispatch(new JobStoreEvent(EventCodes.JOB_RESTORE_FAILED, this.alias,
                    failure.jobId(), failure));
        }

        @Override
        public void wakeup() {
            Components.this.core.wakeup();
        }

    }

}
