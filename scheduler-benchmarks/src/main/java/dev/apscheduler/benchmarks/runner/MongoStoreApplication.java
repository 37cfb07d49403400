package dev.apscheduler.benchmarks.runner;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.apscheduler.spring.boot.mongodb.MongoJobStore;
import dev.apscheduler.spring.boot.mongodb.MongoJobStoreSettings;

/**
 * The {@code mongodb} job store on an in-process MongoDB server (mongo-java-server on its memory backend), which the
 * real synchronous driver talks to over the wire protocol on a local port, with the store's default settings.
 */
final class MongoStoreApplication implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());

    private final MongoClient client;

    private final MongoJobStoreSettings storeSettings = MongoJobStoreSettings.defaults();

    MongoStoreApplication() {
        this.server.bind("127.0.0.1", 0);
        InetSocketAddress address = this.server.getLocalAddress();
        this.client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    MongoJobStore store() {
        return new MongoJobStore(this.client, this.storeSettings);
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("store", "mongodb on the in-process mongo-java-server (memory backend), not a MongoDB server");
        settings.put("mongodb_max_wait", this.storeSettings.maxWait());
        settings.put("mongodb_look_ahead", this.storeSettings.lookAhead());
        return settings;
    }

    @Override
    public void close() {
        this.client.close();
        this.server.shutdownNow();
    }

}
