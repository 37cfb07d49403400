package dev.apscheduler.spring.boot.jpa;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Creates {@link JpaJobStore}s on the application's entity manager factory: type {@code jpa}, also known as
 * {@code sqlalchemy}. Options (durations: seconds, {@code 500ms}-style or ISO-8601): {@code max_wait} (default one
 * second), how late at most a scheduler notices changes other instances made; {@code look_ahead} (default 250 ms),
 * how far ahead of their run time a scheduler claims jobs, so that jobs due at one instant start at that instant;
 * {@code listen_notify} (default true), whether instances wake each other through {@code LISTEN}/{@code NOTIFY} on
 * PostgreSQL; {@code run_slot_lease} (default 30 seconds), how long a run slot of a job counted across the cluster
 * ({@code max_instances_scope=cluster}) is held without renewal.
 */
public final class JpaJobStoreFactory implements JobStoreFactory {

    /** The option bounding how long a scheduler sleeps before looking for other instances' changes. */
    public static final String MAX_WAIT = "max_wait";

    /** The option saying how far ahead of their run time a scheduler claims jobs. */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    /** The option saying whether instances wake each other through LISTEN/NOTIFY on PostgreSQL. */
    public static final String LISTEN_NOTIFY = "listen_notify";

    /** The option saying how long a run slot is held without renewal. */
    public static final String RUN_SLOT_LEASE = JobStoreFactory.RUN_SLOT_LEASE;

    /** Options of APScheduler's SQLAlchemy store that the application's own data source setup replaces. */
    private static final Set<String> SQLALCHEMY_OPTIONS = Set.of("url", "engine", "engine_options", "metadata",
            "tablename", "tableschema", "pickle_protocol");

    private final EntityManagerFactory entityManagerFactory;

    private final @Nullable PlatformTransactionManager transactionManager;

    private final Supplier<RowLocking> locking;

    private final @Nullable Supplier<DataSource> dataSource;

    /**
     * Creates the factory, for stores without {@code LISTEN}/{@code NOTIFY}.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed
     */
    public JpaJobStoreFactory(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking) {
        this(entityManagerFactory, locking, null);
    }

    /**
     * Creates the factory.
     * @param entityManagerFactory the application's entity manager factory, which manages
     * {@link ApschedulerJobEntity}
     * @param locking how the acquire step locks rows, asked once when first needed
     * @param dataSource the data source behind the entity manager factory, for {@code LISTEN}/{@code NOTIFY} on
     * PostgreSQL (option {@code listen_notify}, on by default), or {@code null} for none
     */
    public JpaJobStoreFactory(EntityManagerFactory entityManagerFactory, Supplier<RowLocking> locking,
            @Nullable Supplier<DataSource> dataSource) {
        this(entityManagerFactory, null, locking, dataSource);
    }

    /**
     * Creates a factory whose stores run their work through a given transaction manager.
     * @param entityManagerFactory the entity manager factory that manages {@link ApschedulerJobEntity}: the
     * application's, or the scheduler's own on its {@link ApschedulerDataSource}
     * @param transactionManager the transaction manager of that factory ({@link ApschedulerTransactionManager}), or
     * {@code null} for a {@code JpaTransactionManager} of each store's own
     * @param locking how the acquire step locks rows, asked once when first needed
     * @param dataSource the data source behind the entity manager factory, for {@code LISTEN}/{@code NOTIFY} on
     * PostgreSQL (option {@code listen_notify}, on by default), or {@code null} for none
     */
    public JpaJobStoreFactory(EntityManagerFactory entityManagerFactory,
            @Nullable PlatformTransactionManager transactionManager, Supplier<RowLocking> locking,
            @Nullable Supplier<DataSource> dataSource) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.transactionManager = transactionManager;
        this.locking = SingletonSupplier.of(Objects.requireNonNull(locking, "locking"));
        this.dataSource = (dataSource != null) ? SingletonSupplier.of(dataSource) : null;
    }

    @Override
    public String type() {
        return JpaJobStore.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of(JpaJobStore.ALIAS);
    }

    @Override
    public JobStore create(ComponentOptions options) {
        for (String name : options.names()) {
            if (SQLALCHEMY_OPTIONS.contains(name)) {
                throw new ConfigurationException(options.keyFor(name), options.keyFor(name)
                        + ": the jpa job store keeps jobs in the application's own database, in the table "
                        + ApschedulerJobEntity.TABLE_NAME + "; configure the database with spring.datasource.*, or "
                        + "declare the scheduler's own DataSource bean qualified @ApschedulerDataSource");
            }
        }
        options.requireOnly("job store type 'jpa'", List.of(MAX_WAIT, LOOK_AHEAD, LISTEN_NOTIFY, RUN_SLOT_LEASE));
        Duration maxWait = options.duration(MAX_WAIT).orElse(JpaJobStore.DEFAULT_MAX_WAIT);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigurationException(options.keyFor(MAX_WAIT), options.raw(MAX_WAIT).orElse(maxWait),
                    "expected a positive duration");
        }
        boolean listenNotify = options.bool(LISTEN_NOTIFY).orElse(true);
        Duration runSlotLease = JobStoreFactory.runSlotLease(options);
        return new JpaJobStore(this.entityManagerFactory, this.transactionManager, this.locking, maxWait,
                JobStoreFactory.lookAhead(options, JpaJobStore.DEFAULT_LOOK_AHEAD),
                listenNotify ? this.dataSource : null).runSlotLease(runSlotLease);
    }

    @Override
    public String toString() {
        return "JpaJobStoreFactory[jpa, sqlalchemy]";
    }

}
