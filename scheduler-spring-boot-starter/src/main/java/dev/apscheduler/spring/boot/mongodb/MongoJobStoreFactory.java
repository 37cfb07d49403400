package dev.apscheduler.spring.boot.mongodb;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Creates {@link MongoJobStore}s on a MongoDB client (the application's, or one dedicated to the scheduler): type
 * {@code mongodb}. Options: {@code database} (default {@code apscheduler}) and {@code collection} (default
 * {@code jobs}), where the jobs are kept; {@code create_indexes} (default {@code true}), whether the store creates its
 * index on {@code next_run_time} when it starts; and durations (seconds, {@code 500ms}-style or ISO-8601):
 * {@code max_wait} (default one second), how late at most a scheduler notices changes other instances made;
 * {@code look_ahead} (default 250 ms), how far ahead of their run time a scheduler claims jobs; {@code claim_lease}
 * (default ten seconds), after how long the claims of an instance that stopped within its acquire step are taken
 * over; {@code run_slot_lease} (default 30 seconds), how long a run slot of a job counted across the cluster
 * ({@code max_instances_scope=cluster}) is held without renewal (slots live in {@code <collection>.run_slots}).
 */
public final class MongoJobStoreFactory implements JobStoreFactory {

    /** The option naming the database. */
    public static final String DATABASE = "database";

    /** The option naming the collection. */
    public static final String COLLECTION = "collection";

    /** The option bounding how long a scheduler sleeps before looking for other instances' changes. */
    public static final String MAX_WAIT = "max_wait";

    /** The option saying how far ahead of their run time a scheduler claims jobs. */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    /** The option saying how long an acquire step's claim holds. */
    public static final String CLAIM_LEASE = "claim_lease";

    /** The option saying whether the store creates its index at start. */
    public static final String CREATE_INDEXES = "create_indexes";

    /** The option saying whether the store watches its collection with a change stream where the server can. */
    public static final String CHANGE_STREAMS = "change_streams";

    /** Options of APScheduler's MongoDB store that the application's own client setup replaces. */
    private static final Set<String> APSCHEDULER_OPTIONS = Set.of("client", "host", "port", "pickle_protocol");

    private final Supplier<MongoClient> client;

    /**
     * Creates the factory.
     * @param client the MongoDB client the stores use, asked for when the first store is created
     */
    public MongoJobStoreFactory(Supplier<MongoClient> client) {
        this.client = SingletonSupplier.of(Objects.requireNonNull(client, "client"));
    }

    @Override
    public String type() {
        return MongoJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        for (String name : options.names()) {
            if (APSCHEDULER_OPTIONS.contains(name)) {
                throw new ConfigurationException(options.keyFor(name), options.keyFor(name)
                        + ": the mongodb job store uses the application's MongoDB client; configure it with "
                        + "spring.mongodb.* or give the scheduler its own client as a bean qualified with "
                        + "@ApschedulerMongoClient");
            }
        }
        options.requireOnly("job store type 'mongodb'",
                List.of(DATABASE, COLLECTION, MAX_WAIT, LOOK_AHEAD, CLAIM_LEASE, CREATE_INDEXES, CHANGE_STREAMS,
                        JobStoreFactory.RUN_SLOT_LEASE));
        String database = name(options, DATABASE, MongoJobStore.DEFAULT_DATABASE);
        String collection = name(options, COLLECTION, MongoJobStore.DEFAULT_COLLECTION);
        Duration maxWait = options.duration(MAX_WAIT).orElse(MongoJobStore.DEFAULT_MAX_WAIT);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigurationException(options.keyFor(MAX_WAIT), options.raw(MAX_WAIT).orElse(maxWait),
                    "expected a positive duration");
        }
        Duration lease = options.duration(CLAIM_LEASE).orElse(MongoJobStore.DEFAULT_CLAIM_LEASE);
        if (lease.toMillis() < 1) {
            throw new ConfigurationException(options.keyFor(CLAIM_LEASE), options.raw(CLAIM_LEASE).orElse(lease),
                    "expected a duration of at least 1ms");
        }
        boolean createIndexes = options.bool(CREATE_INDEXES).orElse(true);
        boolean changeStreams = options.bool(CHANGE_STREAMS).orElse(true);
        Duration lookAhead = JobStoreFactory.lookAhead(options, MongoJobStore.DEFAULT_LOOK_AHEAD);
        Duration runSlotLease = JobStoreFactory.runSlotLease(options);
        return new MongoJobStore(this.client.get(), new MongoJobStoreSettings(database, collection, maxWait,
                lookAhead, lease, createIndexes, changeStreams)).runSlotLease(runSlotLease);
    }

    private static String name(ComponentOptions options, String option, String defaultName) {
        String name = options.string(option).orElse(defaultName).trim();
        if (name.isEmpty() || name.contains("$") || name.indexOf('\0') >= 0
                || (option.equals(DATABASE) && (name.contains("/") || name.contains("\\") || name.contains(".")
                        || name.contains(" ") || name.contains("\"")))) {
            throw new ConfigurationException(options.keyFor(option), options.raw(option).orElse(name),
                    "expected a MongoDB " + option + " name");
        }
        return name;
    }

    @Override
    public String toString() {
        return "MongoJobStoreFactory[mongodb]";
    }

}
