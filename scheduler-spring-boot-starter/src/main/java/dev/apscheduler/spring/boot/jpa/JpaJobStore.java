package dev.apscheduler.spring.boot.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps jobs in the application's database through its JPA setup: the {@code jpa} job store (alias
 * {@code sqlalchemy}, APScheduler's SQLAlchemy store). Jobs live in the {@code apscheduler_jobs} table as JSON text
 * ({@link JobCodec}) with an indexed next run time, survive restarts, and can be shared by several scheduler
 * instances: the acquire step claims due rows with row locks ({@code FOR UPDATE SKIP LOCKED} where the database has
 * it) and stores the engine's decisions in the same transaction, so every fire time runs at most once across
 * instances, and {@link #maxWait()} bounds how late an instance notices another instance's changes.
 *
 * <p>A row that cannot be restored is never deleted: it is marked, skipped, reported through
 * {@link JobStoreContext#reportUnrestorableJob} and listed by {@link #unrestorableJobs()}. Database failures surface as
 * {@link JobStoreException}s, which the scheduler reports and retries.
 */
public final class JpaJobStore implements JobStore {

    /** This store's type name. */
    public static final String TYPE = "jpa";

    /** The name APScheduler's users know the database store by, accepted as an alias of {@link #TYPE}. */
    public static final String ALIAS = "sqlalchemy";

    /** How long a scheduler sleeps at most before looking for changes other instances made, by default. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    private static final int MAX_ACQUIRE_ATTEMPTS = 5;

    private static final Logger logger = LoggerFactory.getLogger(JpaJobStore.class);

    private static final String ENTITY = ApschedulerJobEntity.ENTITY_NAME;

    private static final Comparator<Job> ORDER = Comparator
        .comparing((Job job) -> job.nextRunTime().map((time) -> time.toInstant()).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Job::id);

    private final StoreTransactions transactions;

    private final Supplier<DueJobAcquirer> acquirer;

    private final Duration maxWait;

    private volatile @Nullable JobRows rows;

    private volatile @Nullable Prefetched prefetched;

    /**
     * Creates a store.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed (it may read the database)
     * @param maxWait how long a scheduler sleeps at most before looking for other instances' changes
     */
    public JpaJobStore(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking, Duration maxWait) {
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        Objects.requireNonNull(locking, "locking");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max_wait must be positive, was " + maxWait);
        }
        this.transactions = new StoreTransactions(entityManagerFactory, this::toString);
        this.acquirer = SingletonSupplier.of(() -> new DueJobAcquirer(locking.get()));
        this.maxWait = maxWait;
    }

    @Override
    public void start(JobStoreContext context) {
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
    }

    @Override
    public void shutdown() {
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public Optional<Duration> maxWait() {
        return Optional.of(this.maxWait);
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
                if (entityManager.find(ApschedulerJobEntity.class, job.id()) != null) {
                    return false;
                }
                entityManager.persist(entity);
                entityManager.flush();
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
        int updated = this.transactions.call("replace job '" + job.id() + "'", (entityManager) -> entityManager
            .createQuery("UPDATE " + ENTITY + " e SET e.nextRunTime = :next, e.jobState = :state, "
                    + "e.restoreError = NULL, e.version = e.version + 1 WHERE e.id = :id")
            .setParameter("next", next)
            .setParameter("state", state)
            .setParameter("id", job.id())
            .executeUpdate());
        if (updated == 0) {
            throw new JobLookupException(job.id(), rows.alias());
        }
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        this.prefetched = null;
        JobRows rows = rows();
        Modification result = this.transactions.call("modify job '" + jobId + "'", (entityManager) -> {
            ApschedulerJobEntity entity = entityManager.find(ApschedulerJobEntity.class, jobId,
                    LockModeType.PESSIMISTIC_WRITE);
            if (entity == null) {
                return new Modification(null, new JobLookupException(jobId, rows.alias()));
            }
            Job stored = rows.decode(jobId, entity.getJobState());
            try {
                Job modified = modification.apply(stored);
                if (!modified.id().equals(jobId)) {
                    throw new IllegalArgumentException("a modification must keep the job's id '" + jobId
                            + "', was '" + modified.id() + "'");
                }
                JobCodec.requirePersistable(modified, rows.alias());
                entity.store(JobRows.nextRunTime(modified), rows.encode(modified));
                return new Modification(modified, null);
            }
            catch (RuntimeException ex) {
                // nothing was changed; the caller gets the failure as it was thrown
                return new Modification(null, ex);
            }
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
        int removed = this.transactions.call("remove job '" + jobId + "'", (entityManager) -> entityManager
            .createQuery("DELETE FROM " + ENTITY + " e WHERE e.id = :id")
            .setParameter("id", jobId)
            .executeUpdate());
        if (removed == 0) {
            throw new JobLookupException(jobId, rows.alias());
        }
    }

    @Override
    public void removeAllJobs() {
        this.prefetched = null;
        this.transactions.run("remove all jobs",
                (entityManager) -> entityManager.createQuery("DELETE FROM " + ENTITY + " e").executeUpdate());
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        JobRows rows = rows();
        return this.transactions.call("look up job '" + jobId + "'", (entityManager) -> {
            List<Object[]> found = entityManager
                .createQuery("SELECT e.id, e.jobState FROM " + ENTITY
                        + " e WHERE e.id = :id AND e.restoreError IS NULL", Object[].class)
                .setParameter("id", jobId)
                .getResultList();
            return restore(entityManager, rows, found).stream().findFirst();
        });
    }

    @Override
    public List<Job> getAllJobs() {
        JobRows rows = rows();
        List<Job> jobs = this.transactions.call("list its jobs", (entityManager) -> restore(entityManager, rows,
                entityManager.createQuery("SELECT e.id, e.jobState FROM " + ENTITY + " e WHERE e.restoreError IS NULL",
                        Object[].class).getResultList()));
        jobs.sort(ORDER);
        return jobs;
    }

    private static List<Job> restore(EntityManager entityManager, JobRows rows, List<Object[]> found) {
        List<Job> jobs = new ArrayList<>(found.size());
        for (Object[] row : found) {
            String id = (String) row[0];
            try {
                jobs.add(rows.decode(id, JobRows.text(row[1])));
            }
            catch (JobRestoreException ex) {
                UnrestorableRows.mark(entityManager, id, ex);
                rows.report(ex);
            }
        }
        return jobs;
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
        Long next = this.transactions.call("find its next run time", (entityManager) -> entityManager
            .createQuery("SELECT MIN(e.nextRunTime) FROM " + ENTITY + " e WHERE e.restoreError IS NULL", Long.class)
            .getSingleResult());
        return Optional.ofNullable(next).map(JobRows::instant);
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        JobRows rows = rows();
        for (int attempt = 1;; attempt++) {
            try {
                DueJobAcquirer.Acquisition acquisition = this.transactions.call("acquire its due jobs",
                        (entityManager) -> this.acquirer.get().acquire(entityManager, rows, now, limit, decider));
                this.prefetched = new Prefetched(Thread.currentThread(), acquisition.nextRunTime());
                return acquisition.jobs();
            }
            catch (JobStoreException ex) {
                // waiting row locks (H2) can deadlock two acquirers; the database rolled the victim back
                if (attempt == MAX_ACQUIRE_ATTEMPTS || !StoreTransactions.isRolledBack(ex)) {
                    throw ex;
                }
                logger.debug("{}: acquire step rolled back by the database ({}); trying again", this,
                        ex.getMessage());
            }
        }
    }

    /**
     * Returns the stored jobs found so far that cannot be restored, for operators: each with the reason. They stay
     * in the table, skipped, until they are replaced or removed.
     * @return the jobs, ordered by id
     */
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

    /**
     * The outcome of a modification: the modified job, or why there is none.
     */
    private record Modification(@Nullable Job job, @Nullable RuntimeException failure) {
    }

    @Override
    public String toString() {
        JobRows rows = this.rows;
        return "JpaJobStore[" + ((rows != null) ? rows.alias() : "not started") + "]";
    }

}
