package dev.apscheduler.spring.boot.mongodb;

import java.time.Instant;
import java.util.Optional;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContractTests;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The core's job store contract for the MongoDB store, on the in-process server (or the server
 * {@code APSCHEDULER_TEST_MONGODB_URI} names), with a second store on its own client for the cross-instance acquire
 * test.
 */
class MongoJobStoreTests extends JobStoreContractTests {

    static final MongoJobStoreSettings SETTINGS = MongoJobStoreSettings.defaults()
        .withCollection("apscheduler_contract", "jobs");

    private static MongoClient client;

    private static MongoClient secondClient;

    @BeforeAll
    static void connect() {
        client = MongoTestServer.client();
        secondClient = MongoTestServer.client();
    }

    @AfterAll
    static void disconnect() {
        client.close();
        secondClient.close();
    }

    static MongoCollection<BsonDocument> collection(MongoClient client) {
        return client.getDatabase(SETTINGS.database()).getCollection(SETTINGS.collection(), BsonDocument.class);
    }

    @Override
    protected JobStore createStore() {
        return new MongoJobStore(client, SETTINGS);
    }

    @Override
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.of(new MongoJobStore(secondClient, SETTINGS));
    }

    @Override
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        collection(client).insertOne(new BsonDocument("_id", new BsonString(jobId))
            .append("next_run_time", new BsonInt64(JobDocuments.ceilMicros(nextRunTime)))
            .append("state_json", new BsonString("{\"version\":1,\"id\":\"" + jobId + "\",corrupt"))
            .append("version", new BsonInt64(0)));
        return true;
    }

    @Override
    protected boolean dataContains(String jobId) {
        return collection(client).countDocuments(Filters.eq("_id", jobId)) > 0;
    }

}
