package dev.apscheduler.spring.boot.jpa;

import java.sql.SQLException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.SchedulerException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.jspecify.annotations.Nullable;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the store's work in transactions on its {@link EntityManagerFactory} (the application's, or the scheduler's
 * own), through the transaction manager it was given or a {@link JpaTransactionManager} of its own. A transaction
 * already open on the calling thread for that factory (an application's {@code @Transactional} method adding a job)
 * is joined, so the job is stored, or not, with the application's own changes; {@link #afterCommit} then holds the
 * announcement of the change until that transaction commits. Failures of the database become
 * {@link JobStoreException}s (or the exception the store asks for) naming the store and the operation; the
 * scheduler's own exceptions pass through unchanged.
 */
final class StoreTransactions {

    private final EntityManagerFactory entityManagerFactory;

    private final EntityManager entityManager;

    private final TransactionTemplate template;

    private final Supplier<String> description;

    private final BiFunction<String, Throwable, SchedulerException> failure;

    StoreTransactions(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<String> description) {
        this(entityManagerFactory, transactionManager, description, JobStoreException::new);
    }

    StoreTransactions(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<String> description,
            BiFunction<String, Throwable, SchedulerException> failure) {
        this(entityManagerFactory, transactionManager, description, failure,
                TransactionDefinition.PROPAGATION_REQUIRED);
    }

    private StoreTransactions(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<String> description,
            BiFunction<String, Throwable, SchedulerException> failure, int propagation) {
        this.entityManagerFactory = entityManagerFactory;
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        this.template = new TransactionTemplate((transactionManager != null) ? transactionManager
                : new JpaTransactionManager(entityManagerFactory));
        this.template.setPropagationBehavior(propagation);
        this.description = description;
        this.failure = failure;
    }

    /**
     * Creates transactions that never join one open on the calling thread: for work other instances must see at once
     * and that must not roll back with the application's changes (run slots).
     */
    static StoreTransactions independent(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<String> description) {
        return new StoreTransactions(entityManagerFactory, transactionManager, description, JobStoreException::new,
                TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs work in a transaction.
     * @param operation what the work does, for error messages ("add job 'a'")
     * @param work the work, given the transaction's entity manager
     * @return the work's result
     * @throws SchedulerException if the database fails: a {@link JobStoreException} unless the store asked for
     * another
     */
    <T> T call(String operation, Function<EntityManager, T> work) {
        try {
            return this.template.execute((status) -> work.apply(this.entityManager));
        }
        catch (SchedulerException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw this.failure.apply(this.description.get() + " failed to " + operation + ": " + describe(ex), ex);
        }
    }

    private static String describe(RuntimeException ex) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
        return (root != ex) ? ex.getMessage() + " (" + root.getMessage() + ")" : String.valueOf(ex.getMessage());
    }

    void run(String operation, Consumer<EntityManager> work) {
        call(operation, (entityManager) -> {
            work.accept(entityManager);
            return null;
        });
    }

    /**
     * Runs an action once the work this thread just did is committed: after the caller's transaction commits when
     * the work joined one (never, when it rolls back), else at once, since the work's own transaction has already
     * committed. An entity manager bound to the thread without a transaction (open in view) does not count.
     * @param action the action
     */
    void afterCommit(Runnable action) {
        Object resource = TransactionSynchronizationManager.getResource(this.entityManagerFactory);
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && resource instanceof EntityManagerHolder holder && holder.isSynchronizedWithTransaction()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

                @Override
                public void afterCommit() {
                    action.run();
                }

            });
        }
        else {
            action.run();
        }
    }

    /**
     * Tells whether a failure is the database rolling a transaction back to resolve a deadlock or a serialization
     * conflict (SQL state class {@code 40}), after which the same work may simply be tried again.
     */
    static boolean isRolledBack(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

}
