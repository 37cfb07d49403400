package dev.apscheduler.spring.boot.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.RunSlots;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps jobs in the application's database through its JPA setup: the {@code jpa} job store (alias
 * {@code sqlalchemy}, APScheduler's SQLAlchemy store). Jobs live in the {@code apscheduler_jobs} table as JSON text
 * ({@link JobCodec}) with an indexed next run time, survive restarts, and can be shared by several scheduler
 * instances: the acquire step claims due rows with row locks ({@code FOR UPDATE SKIP LOCKED} where the database has
 * it) and stores the engine's decisions in the same transaction, so every fire time runs at most once across
 * instances. On PostgreSQL, instances wake each other at once when they add or change jobs ({@code LISTEN}/
 * {@code NOTIFY}); elsewhere {@link #maxWait()} bounds how late an instance notices another instance's changes.
 *
 * <p>A row that cannot be restored is never deleted: it is marked, skipped, reported through
 * {@link JobStoreContext#reportUnrestorableJob} and listed by {@link #unrestorableJobs()}. Database failures surface as
 * {@link JobStoreException}s, which the scheduler reports and retries.
 */
public final class JpaJobStore implements JobStore, UnrestorableJobs {

    /** This store's type name. */
    public static final String TYPE = "jpa";

    /** The name APScheduler's users know the database store by, accepted as an alias of {@link #TYPE}. */
    public static final String ALIAS = "sqlalchemy";

    /** How long a scheduler sleeps at most before looking for changes other instances made, by default. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /**
     * How far ahead of their run time a scheduler claims this store's jobs, by default: long enough to claim a
     * thousand jobs due at one instant before it comes.
     */
    public static final Duration DEFAULT_LOOK_AHEAD = Duration.ofMillis(250);

    private static final int MAX_ACQUIRE_ATTEMPTS = 20;

    private static final Logger logger = LoggerFactory.getLogger(JpaJobStore.class);

    private final StoreTransactions transactions;

    private final Supplier<DueJobAcquirer> acquirer;

    private final Duration maxWait;

    private final Duration lookAhead;

    private volatile @Nullable JobRows rows;

    private volatile @Nullable Prefetched prefetched;

    private final @Nullable Supplier<DataSource> notificationSource;

    private final String origin = UUID.randomUUID().toString();

    private volatile PostgresNotifications.@Nullable Subscription notifications;

    private final JpaRunSlots runSlots;

    /**
     * Creates a store.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed (it may read the database)
     * @param maxWait how long a scheduler sleeps at most before looking for other instances' changes
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking, Duration maxWait) {
        this(entityManagerFactory, locking, maxWait, DEFAULT_LOOK_AHEAD);
    }

    /**
     * Creates a store.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed (it may read the database)
     * @param maxWait how long a scheduler sleeps at most before looking for other instances' changes
     * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()}); zero
     * claims them only once they are due
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking, Duration maxWait,
            Duration lookAhead) {
        this(entityManagerFactory, locking, maxWait, lookAhead, null);
    }

    /**
     * Creates a store that, on PostgreSQL, wakes the other instances at once when it changes a job, and is woken by
     * their changes, through {@code LISTEN}/{@code NOTIFY} on the channel {@code apscheduler_jobs} (one connection of
     * the data source is held for listening while the store runs). On other databases the data source is only asked
     * what it is.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed (it may read the database)
     * @param maxWait how long a scheduler sleeps at most before looking for other instances' changes
     * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()}); zero
     * claims them only once they are due
     * @param notificationSource the data source behind the entity manager factory, asked for when the store starts,
     * or {@code null} for no notifications
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking, Duration maxWait,
            Duration lookAhead, @Nullable Supplier<DataSource> notificationSource) {
        this(entityManagerFactory, null, locking, maxWait, lookAhead, notificationSource);
    }

    /**
     * Creates a store that runs its work through a given transaction manager, as the scheduler's own database
     * ({@link ApschedulerDataSource}) is given its own ({@link ApschedulerTransactionManager}).
     * @param entityManagerFactory the entity manager factory that manages {@link ApschedulerJobEntity}
     * @param transactionManager the transaction manager of that factory (a {@code JpaTransactionManager} on it, or a
     * JTA one), or {@code null} for a {@code JpaTransactionManager} of the store's own
     * @param locking how the acquire step locks rows, asked once when first needed (it may read the database)
     * @param maxWait how long a scheduler sleeps at most before looking for other instances' changes
     * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()}); zero
     * claims them only once they are due
     * @param notificationSource the data source behind the entity manager factory, asked for when the store starts,
     * or {@code null} for no notifications
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<RowLocking> locking, Duration maxWait,
            Duration lookAhead, @Nullable Supplier<DataSource> notificationSource) {
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        Objects.requireNonNull(locking, "locking");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max_wait must be positive, was " + maxWait);
        }
        JobStore.checkLookAhead(lookAhead);
        this.transactions = new StoreTransactions(entityManagerFactory, transactionManager, this::toString);
        this.runSlots = new JpaRunSlots(StoreTransactions.independent(entityManagerFactory, transactionManager,
                this::toString));
        this.acquirer = SingletonSupplier.of(() -> new DueJobAcquirer(locking.get()));
        this.maxWait = maxWait;
        this.lookAhead = lookAhead;
        this.notificationSource = notificationSource;
    }

    @Override
    public void start(JobStoreContext context) {
        this.runSlots.clock(context.clock());
        JobRows rows = new JobRows(context);
        this.rows = rows;
        try {
            int unrestorable = this.transactions.call("check unrestorable jobs",
                    (entityManager) -> UnrestorableRows.recheck(entityManager, rows));
            if (unrestorable > 0) {
                logger.warn("Job store '{}' holds {} job(s) that cannot be restored; they are kept and skipped",
                        context.alias(), unrestorable);
            }
        }
        catch (JobStoreException ex) {
            logger.warn("{}: could not check the jobs that could not be restored before: {}", this, ex.getMessage());
        }
        if (this.notificationSource != null && ClassUtils.isPresent("org.postgresql.PGConnection",
                JpaJobStore.class.getClassLoader())) {
            this.notifications = PostgresNotifications.subscribe(this.notificationSource.get(), this.origin,
                    context::wakeup, this::toString);
        }
    }

    /**
     * Sets how long a run slot is held without renewal ({@code run_slot_lease}): how long the slot of a run whose
     * instance died keeps counting towards a cluster-wide {@code max_instances}.
     * @param lease at least one second; {@link RunSlots#DEFAULT_LEASE} unless set
     * @return this store
     */
    public JpaJobStore runSlotLease(Duration lease) {
        this.runSlots.lease(lease);
        return this;
    }

    /**
     * Returns the store's run slots, rows of the {@code apscheduler_run_slots} table, which count the runs of jobs
     * whose {@code max_instances_scope} is {@code cluster} across every instance sharing the database.
     */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(this.runSlots);
    }

    @Override
    public void shutdown() {
        PostgresNotifications.Subscription notifications = this.notifications;
        this.notifications = null;
        if (notifications != null) {
            notifications.cancel();
        }
    }

    /**
     * Returns the id this store instance signs its change notifications with.
     */
    String origin() {
        return this.origin;
    }

    /**
     * Tells what the store's PostgreSQL listener does, if it has one.
     */
    PostgresNotifications.@Nullable State notificationState() {
        PostgresNotifications.Subscription notifications = this.notifications;
        return (notifications != null) ? notifications.state() : null;
    }

    /**
     * Announces a change of this instance to the others, in the change's transaction, where the database can.
     */
    private void announce(EntityManager entityManager) {
        PostgresNotifications.Subscription notifications = this.notifications;
        if (notifications != null) {
            notifications.announce(entityManager);
        }
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    /**
     * Announces a change after the caller's transaction commits when the change joined one (an application's
     * {@code @Transactional} method adding a job), never when it rolls back; at once otherwise.
     */
    @Override
    public void afterChange(Runnable announcement) {
        this.transactions.afterCommit(announcement);
    }

    @Override
    public Optional<Duration> maxWait() {
        return Optional.of(this.maxWait);
    }

    @Override
    public Duration lookAhead() {
        return this.lookAhead;
    }

    @Override
    public void addJob(Job job) {
        this.prefetched = null;
        JobRows rows = rows();
        JobCodec.requirePersistable(job, rows.alias());
        ApschedulerJobEntity entity = new ApschedulerJobEntity(job.id(), JobRows.nextRunTime(job), rows.encode(job));
        boolean added;
        try {
            added = this.transactions.call("add job '" + job.id() + "'", (entityManager) -> {
                // a conflict is an answer, not a failure: it must not mark the caller's transaction rollback-only
                if (JobInserts.insert(entityManager, List.of(entity), false) != null) {
                    return false;
                }
                announce(entityManager);
                return true;
            });
        }
        catch (JobStoreException ex) {
            // another instance may have added the same id between the check and the insert
            if (contains(job.id())) {
                throw new ConflictingIdException(job.id(), rows.alias());
            }
            throw ex;
        }
        if (!added) {
            throw new ConflictingIdException(job.id(), rows.alias());
        }
    }

    /**
     * Adds the jobs in one transaction: one query for the ids already stored, then the rows inserted many per
     * statement ({@code JobInserts}), and one change notification for the batch.
     */
    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        if (jobs.isEmpty()) {
            return;
        }
        this.prefetched = null;
        JobStore.requireDistinctIds(jobs);
        JobRows rows = rows();
        List<ApschedulerJobEntity> entities = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            JobCodec.requirePersistable(job, rows.alias());
            entities.add(new ApschedulerJobEntity(job.id(), JobRows.nextRunTime(job), rows.encode(job)));
        }
        @Nullable String conflict;
        try {
            conflict = this.transactions.call("add " + jobs.size() + " jobs", (entityManager) -> {
                String stored = JobInserts.insert(entityManager, entities, replaceExisting);
                if (stored == null) {
                    announce(entityManager);
                }
                return stored;
            });
        }
        catch (JobStoreException ex) {
            // another instance may have added one of the ids between the check and the inserts
            if (!replaceExisting) {
                List<String> ids = jobs.stream().map(Job::id).toList();
                Set<String> stored = this.transactions.call("look up " + ids.size() + " jobs",
                        (entityManager) -> JobInserts.stored(entityManager, ids));
                ids.stream().filter(stored::contains).findFirst().ifPresent((id) -> {
                    throw new ConflictingIdException(id, rows.alias());
                });
            }
            throw ex;
        }
        if (conflict != null) {
            throw new ConflictingIdException(conflict, rows.alias());
        }
    }

    private boolean contains(String id) {
        return this.transactions.call("look up job '" + id + "'",
                (entityManager) -> entityManager.find(ApschedulerJobEntity.class, id) != null);
    }

    @Override
    public void updateJob(Job job) {
        this.prefetched = null;
        JobRows rows = rows();
        JobCodec.requirePersistable(job, rows.alias());
        Long next = JobRows.nextRunTime(job);
        String state = rows.encode(job);
        int updated = this.transactions.call("replace job '" + job.id() + "'", (entityManager) -> {
            int replaced = StoredJobs.replace(entityManager, job.id(), next, state);
            if (replaced > 0) {
                announce(entityManager);
            }
            return replaced;
        });
        if (updated == 0) {
            throw new JobLookupException(job.id(), rows.alias());
        }
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        this.prefetched = null;
        JobRows rows = rows();
        StoredJobs.Modification result = this.transactions.call("modify job '" + jobId + "'", (entityManager) -> {
            StoredJobs.Modification modified = StoredJobs.modify(entityManager, rows, jobId, modification);
            if (modified.failure() == null) {
                announce(entityManager);
            }
            return modified;
        });
        if (result.failure() != null) {
            throw result.failure();
        }
        return Objects.requireNonNull(result.job());
    }

    @Override
    public void removeJob(String jobId) {
        this.prefetched = null;
        JobRows rows = rows();
        int removed = this.transactions.call("remove job '" + jobId + "'",
                (entityManager) -> StoredJobs.remove(entityManager, jobId));
        if (removed == 0) {
            throw new JobLookupException(jobId, rows.alias());
        }
    }

    @Override
    public void removeAllJobs() {
        this.prefetched = null;
        this.transactions.run("remove all jobs", StoredJobs::removeAll);
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        JobRows rows = rows();
        return this.transactions.call("look up job '" + jobId + "'",
                (entityManager) -> StoredJobs.lookup(entityManager, rows, jobId));
    }

    @Override
    public List<Job> getAllJobs() {
        JobRows rows = rows();
        return this.transactions.call("list its jobs", (entityManager) -> StoredJobs.all(entityManager, rows));
    }

    /**
     * Finds a page of jobs with one query for the page and one count, restoring only the jobs of the page.
     */
    @Override
    public JobSlice findJobs(JobQuery query) {
        JobRows rows = rows();
        return this.transactions.call("find jobs", (entityManager) -> JobQueries.find(entityManager, rows, query));
    }

    /**
     * Counts the jobs with one aggregate query, without restoring them.
     */
    @Override
    public JobCounts jobCounts() {
        return this.transactions.call("count its jobs", StoredJobs::count);
    }

    /**
     * Returns the earliest next run time. Right after an acquire step on the same thread (the scheduler's loop asks
     * for it after every acquire step), the next run time that step found in its transaction is returned without
     * asking the database again.
     */
    @Override
    public Optional<Instant> nextRunTime() {
        Prefetched prefetched = this.prefetched;
        if (prefetched != null && prefetched.thread() == Thread.currentThread()) {
            this.prefetched = null;
            return Optional.ofNullable(prefetched.nextRunTime());
        }
        Long next = this.transactions.call("find its next run time", StoredJobs::nextRunTime);
        return Optional.ofNullable(next).map(JobRows::instant);
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        JobRows rows = rows();
        DueJobAcquirer acquirer = this.acquirer.get();
        for (int attempt = 1;; attempt++) {
            try {
                DueJobAcquirer.Acquisition acquisition = acquirer.exclusively(() -> this.transactions.call(
                        "acquire its due jobs",
                        (entityManager) -> acquirer.acquire(entityManager, rows, now, limit, decider)));
                this.prefetched = new Prefetched(Thread.currentThread(), acquisition.nextRunTime());
                return acquisition.jobs();
            }
            catch (JobStoreException ex) {
                // waiting row locks (H2) can deadlock the acquire steps of two instances; the database rolled this
                // one back, so it is tried again after a short random pause that lets the other one finish
                if (attempt == MAX_ACQUIRE_ATTEMPTS || !StoreTransactions.isRolledBack(ex) || !pause(attempt)) {
                    throw ex;
                }
                logger.debug("{}: acquire step rolled back by the database ({}); trying again", this,
                        ex.getMessage());
            }
        }
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Returns the stored jobs found so far that cannot be restored, for operators: each with the reason. They stay
     * in the table, skipped, until they are replaced or removed.
     * @return the jobs, ordered by id
     */
    @Override
    public List<UnrestorableJob> unrestorableJobs() {
        return this.transactions.call("list its unrestorable jobs", UnrestorableRows::list);
    }

    private JobRows rows() {
        JobRows rows = this.rows;
        if (rows == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return rows;
    }

    /**
     * The next run time an acquire step found, for the thread that made it.
     */
    private record Prefetched(Thread thread, @Nullable Instant nextRunTime) {
    }

    @Override
    public String toString() {
        JobRows rows = this.rows;
        return "JpaJobStore[" + ((rows != null) ? rows.alias() : "not started") + "]";
    }

}
