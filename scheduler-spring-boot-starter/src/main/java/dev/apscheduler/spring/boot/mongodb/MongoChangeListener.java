package dev.apscheduler.spring.boot.mongodb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.UpdateDescription;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a store's collection with a change stream, where the server offers them (a replica set or a sharded
 * cluster), and wakes the local scheduler when another instance added, replaced or modified a job: those writes carry
 * {@value JobDocuments#CHANGED_BY} with the writing instance's id. Removals and the acquire steps' own writes
 * never make a job due sooner, so they wake no one. A server without change streams (a standalone server) is told
 * once in the log, and {@code max-wait} bounds how late another instance's change is seen; a failing stream (an
 * outage, a failover) is opened again after a second, resuming after the last change seen where it can.
 */
final class MongoChangeListener {

    private static final Logger logger = LoggerFactory.getLogger(MongoChangeListener.class);

    /** MongoDB's "$changeStream is only supported on replica sets". */
    private static final int NOT_A_REPLICA_SET = 40573;

    /** MongoDB's "unrecognized pipeline stage name" (a server that knows no change streams at all). */
    private static final int UNKNOWN_STAGE = 40324;

    private static final Duration RETRY = Duration.ofSeconds(1);

    private final MongoCollection<BsonDocument> collection;

    private final String prefix;

    private final Runnable wakeup;

    private final Supplier<String> store;

    private final Thread thread;

    private volatile boolean running = true;

    private volatile State state = State.STARTING;

    private MongoChangeListener(MongoCollection<BsonDocument> collection, String origin, Runnable wakeup,
            Supplier<String> store) {
        this.collection = collection;
        this.prefix = origin + ":";
        this.wakeup = wakeup;
        this.store = store;
        this.thread = new Thread(this::run, "apscheduler-mongodb-changes");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching in a thread of its own.
     * @param collection the store's collection
     * @param origin the store instance's id, whose own changes are ignored
     * @param wakeup wakes the local scheduler
     * @param store names the store in log messages
     * @return the listener
     */
    static MongoChangeListener start(MongoCollection<BsonDocument> collection, String origin, Runnable wakeup,
            Supplier<String> store) {
        MongoChangeListener listener = new MongoChangeListener(collection, origin, wakeup, store);
        listener.thread.start();
        return listener;
    }

    /**
     * Tells what the listener does: starting, watching, waiting to open the stream again after a failure, or not
     * watching because the server offers no change streams.
     */
    State state() {
        return this.state;
    }

    private void run() {
        BsonDocument resumeAfter = null;
        while (this.running) {
            try (MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> opened = open(resumeAfter)) {
                this.state = State.WATCHING;
                logger.debug("{}: watching changes of other instances with a change stream", this.store.get());
                while (this.running) {
                    ChangeStreamDocument<BsonDocument> change = opened.tryNext();
                    if (change != null) {
                        resumeAfter = change.getResumeToken();
                        if (isForeign(change)) {
                            this.wakeup.run();
                        }
                    }
                }
            }
            catch (MongoCommandException ex) {
                if (ex.getErrorCode() == NOT_A_REPLICA_SET || ex.getErrorCode() == UNKNOWN_STAGE) {
                    this.state = State.UNSUPPORTED;
                    logger.info("{}: the MongoDB server offers no change streams ({}); changes made by other "
                            + "instances are seen within max-wait", this.store.get(), ex.getErrorMessage());
                    return;
                }
                resumeAfter = retry(ex, resumeAfter);
            }
            catch (MongoException | IllegalStateException ex) {
                resumeAfter = retry(ex, resumeAfter);
            }
        }
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open(@Nullable BsonDocument resumeAfter) {
        var stream = this.collection.watch(List.of(Aggregates.match(Filters.in("operationType",
                List.of("insert", "replace", "update")))), BsonDocument.class)
            .maxAwaitTime(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        if (resumeAfter != null) {
            stream = stream.resumeAfter(resumeAfter);
        }
        return stream.cursor();
    }

    private @Nullable BsonDocument retry(RuntimeException ex, @Nullable BsonDocument resumeAfter) {
        if (!this.running) {
            return resumeAfter;
        }
        this.state = State.RETRYING;
        logger.debug("{}: change stream failed, opening it again in {}: {}", this.store.get(), RETRY,
                ex.getMessage());
        try {
            Thread.sleep(RETRY.toMillis());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            this.running = false;
        }
        // a token the server no longer has would fail every attempt: resume only once
        return (ex instanceof MongoCommandException) ? null : resumeAfter;
    }

    private boolean isForeign(ChangeStreamDocument<BsonDocument> change) {
        BsonValue changedBy = null;
        UpdateDescription update = change.getUpdateDescription();
        if (update != null && update.getUpdatedFields() != null) {
            changedBy = update.getUpdatedFields().get(JobDocuments.CHANGED_BY);
        }
        else if (change.getFullDocument() != null) {
            changedBy = change.getFullDocument().get(JobDocuments.CHANGED_BY);
        }
        return changedBy instanceof BsonString text && !text.getValue().startsWith(this.prefix);
    }

    /**
     * Stops watching: the thread ends, closing its stream, once the wait for changes in progress is over (at most
     * a second). The stream is not closed from here, as a driver's cursor belongs to the thread that reads it.
     */
    void stop() {
        this.running = false;
    }

    /**
     * What the listener does.
     */
    enum State {

        /** Opening the stream for the first time. */
        STARTING,

        /** Watching the collection's changes. */
        WATCHING,

        /** Waiting to open the stream again after it failed. */
        RETRYING,

        /** Not watching: the server offers no change streams. */
        UNSUPPORTED

    }

}
