package dev.apscheduler.spring.boot.mongodb;

import java.time.Duration;
import java.util.Objects;

import dev.apscheduler.store.JobStore;

/**
 * Where a {@link MongoJobStore} keeps its jobs and how it times its work.
 *
 * @param database the database's name
 * @param collection the collection's name
 * @param maxWait how long a scheduler sleeps at most before looking for changes other instances made
 * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()})
 * @param claimLease how long an acquire step's claim on a job holds before another instance may take the job over
 * @param createIndexes whether the store creates its index on {@code next_run_time} when it starts
 * @param changeStreams whether the store watches the collection with a change stream, where the server offers them
 * (a replica set or a sharded cluster), so that changes made by other instances wake the scheduler at once
 */
public record MongoJobStoreSettings(String database, String collection, Duration maxWait, Duration lookAhead,
        Duration claimLease, boolean createIndexes, boolean changeStreams) {

    /**
     * Checks the settings.
     * @param database the database's name
     * @param collection the collection's name
     * @param maxWait the longest sleep, positive
     * @param lookAhead the look-ahead window, zero or more
     * @param claimLease the claim lease, at least one millisecond
     * @param createIndexes whether to create the index at start
     * @param changeStreams whether to watch the collection with a change stream where the server offers them
     * @throws IllegalArgumentException naming the setting if a value is out of range
     */
    public MongoJobStoreSettings {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(collection, "collection");
        if (database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (collection.isBlank()) {
            throw new IllegalArgumentException("collection must not be blank");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max_wait must be positive, was " + maxWait);
        }
        JobStore.checkLookAhead(lookAhead);
        if (claimLease.toMillis() < 1) {
            throw new IllegalArgumentException("claim_lease must be at least 1ms, was " + claimLease);
        }
    }

    /**
     * Checks the settings, with change streams watched where the server offers them.
     * @param database the database's name
     * @param collection the collection's name
     * @param maxWait the longest sleep, positive
     * @param lookAhead the look-ahead window, zero or more
     * @param claimLease the claim lease, at least one millisecond
     * @param createIndexes whether to create the index at start
     * @throws IllegalArgumentException naming the setting if a value is out of range
     */
    public MongoJobStoreSettings(String database, String collection, Duration maxWait, Duration lookAhead,
            Duration claimLease, boolean createIndexes) {
        this(database, collection, maxWait, lookAhead, claimLease, createIndexes, true);
    }

    /**
     * Returns the defaults: database {@code apscheduler}, collection {@code jobs}, a one-second {@code max_wait}, a
     * 250 ms look-ahead, a ten-second claim lease, indexes created at start, change streams watched where the server
     * offers them.
     * @return the settings
     */
    public static MongoJobStoreSettings defaults() {
        return new MongoJobStoreSettings(MongoJobStore.DEFAULT_DATABASE, MongoJobStore.DEFAULT_COLLECTION,
                MongoJobStore.DEFAULT_MAX_WAIT, MongoJobStore.DEFAULT_LOOK_AHEAD, MongoJobStore.DEFAULT_CLAIM_LEASE,
                true, true);
    }

    /**
     * Returns these settings with another database and collection.
     * @param database the database's name
     * @param collection the collection's name
     * @return the settings
     */
    public MongoJobStoreSettings withCollection(String database, String collection) {
        return new MongoJobStoreSettings(database, collection, this.maxWait, this.lookAhead, this.claimLease,
                this.createIndexes, this.changeStreams);
    }

    /**
     * Returns these settings with change streams watched or not.
     * @param changeStreams whether to watch the collection with a change stream where the server offers them
     * @return the settings
     */
    public MongoJobStoreSettings withChangeStreams(boolean changeStreams) {
        return new MongoJobStoreSettings(this.database, this.collection, this.maxWait, this.lookAhead,
                this.claimLease, this.createIndexes, changeStreams);
    }

}
