package dev.apscheduler.spring.boot.mongodb;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.size;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.store.RunSlots;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The mongodb store's run slots, in the collection <code>&lt;collection&gt;.run_slots</code> beside the jobs: one
 * document per job, {@code _id} being the job's id, holding an array {@code slots} of {@code {id, until}} (until:
 * epoch milliseconds of the scheduler's clock). Taking a slot is one conditional update of that document, atomic in
 * MongoDB: it pushes the new slot only while the array has fewer than {@code max_instances} elements (its element at
 * index {@code max_instances - 1} does not exist), after a separate update has pulled the expired slots. The
 * document is created by the first slot of a job (an upsert); two instances creating it at once collide on
 * {@code _id}, and the loser tries its conditional update once more on the document now there.
 */
final class MongoRunSlots implements RunSlots {

    private static final String SLOTS = "slots";

    private static final String ID = "id";

    private static final String UNTIL = "until";

    private final MongoClient client;

    private final MongoJobStoreSettings settings;

    private final Supplier<String> description;

    private volatile Duration lease = RunSlots.DEFAULT_LEASE;

    private volatile Clock clock = Clock.systemUTC();

    MongoRunSlots(MongoClient client, MongoJobStoreSettings settings, Supplier<String> description) {
        this.client = client;
        this.settings = settings;
        this.description = description;
    }

    void lease(Duration lease) {
        this.lease = RunSlots.checkLease(lease);
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the collection's name. */
    String collectionName() {
        return this.settings.collection() + ".run_slots";
    }

    private MongoCollection<BsonDocument> collection() {
        return this.client.getDatabase(this.settings.database()).getCollection(collectionName(), BsonDocument.class);
    }

    @Override
    public Duration lease() {
        return this.lease;
    }

    @Override
    public boolean acquire(String jobId, String slotId, int maxInstances) {
        long now = this.clock.millis();
        BsonDocument slot = new BsonDocument(ID, new BsonString(slotId))
            .append(UNTIL, new BsonInt64(now + this.lease.toMillis()));
        return call("take a run slot of job '" + jobId + "'", () -> {
            MongoCollection<BsonDocument> collection = collection();
            collection.updateOne(eq("_id", jobId), Updates.pull(SLOTS, lte(UNTIL, now)));
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    UpdateResult result = collection.updateOne(
                            and(eq("_id", jobId), exists(SLOTS + "." + (maxInstances - 1), false)),
                            Updates.push(SLOTS, slot), new UpdateOptions().upsert(true));
                    return result.getMatchedCount() == 1 || result.getUpsertedId() != null;
                }
                catch (MongoWriteException ex) {
                    if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw ex;
                    }
                    // the document is there (full, or created by another instance meanwhile): ask it once more
                }
            }
            return false;
        });
    }

    @Override
    public boolean renew(String jobId, String slotId) {
        long now = this.clock.millis();
        return call("renew a run slot of job '" + jobId + "'", () -> collection().updateOne(
                and(eq("_id", jobId), elemMatch(SLOTS, and(eq(ID, slotId), gt(UNTIL, now)))),
                Updates.set(SLOTS + ".$." + UNTIL, now + this.lease.toMillis())).getMatchedCount() == 1);
    }

    @Override
    public void release(String jobId, String slotId) {
        call("give back a run slot of job '" + jobId + "'", () -> {
            MongoCollection<BsonDocument> collection = collection();
            collection.updateOne(eq("_id", jobId), Updates.pull(SLOTS, eq(ID, slotId)));
            // a job's document goes with its last slot; a slot pushed meanwhile keeps it
            return collection.deleteOne(and(eq("_id", jobId), size(SLOTS, 0)));
        });
    }

    @Override
    public int count(String jobId) {
        long now = this.clock.millis();
        return call("count the run slots of job '" + jobId + "'", () -> {
            BsonDocument document = collection().find(eq("_id", jobId)).first();
            if (document == null || !document.isArray(SLOTS)) {
                return 0;
            }
            int count = 0;
            for (BsonValue value : document.getArray(SLOTS)) {
                if (value.isDocument() && value.asDocument().isNumber(UNTIL)
                        && value.asDocument().getNumber(UNTIL).longValue() > now) {
                    count++;
                }
            }
            return count;
        });
    }

    private <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        }
        catch (MongoException | IllegalStateException ex) {
            throw new JobStoreException(this.description.get() + " failed to " + action + ": " + ex.getMessage(), ex);
        }
    }

}
