package dev.apscheduler.spring.boot.mongodb;

import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.apscheduler.spring.boot.support.StoreRestartTests;
import org.bson.BsonDocument;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@code mongodb} store across restarts of a fully auto-configured application on the tests' MongoDB server, in a
 * collection of the test's own.
 */
class MongoRestartTests extends StoreRestartTests {

    private static final String DATABASE = "apscheduler_restart";

    private final String collection = "restart_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropCollection() {
        try (MongoClient client = MongoTestServer.client()) {
            client.getDatabase(DATABASE).getCollection(this.collection).drop();
        }
    }

    @Override
    protected List<String> storeProperties() {
        return List.of("spring.mongodb.uri=" + MongoTestServer.uri(), "spring.mongodb.database=" + DATABASE,
                "apscheduler.jobstores.default.type=mongodb", "apscheduler.jobstores.default.database=" + DATABASE,
                "apscheduler.jobstores.default.collection=" + this.collection,
                "apscheduler.jobstores.default.look-ahead=0");
    }

    @Override
    protected @Nullable String storedState(String id) {
        try (MongoClient client = MongoTestServer.client()) {
            BsonDocument document = client.getDatabase(DATABASE).getCollection(this.collection, BsonDocument.class)
                .find(Filters.eq("_id", id)).first();
            return (document != null) ? document.getDocument("state").toJson() : null;
        }
    }

}
