package dev.apscheduler.spring.boot.mongodb;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB server the tests run on: a real one when {@code APSCHEDULER_TEST_MONGODB_URI} names it, otherwise an
 * in-process server (mongo-java-server on its memory backend) that speaks the wire protocol to the real driver. The
 * in-process server starts once per test run and lives as long as the JVM.
 */
final class MongoTestServer {

    /** The environment variable naming a real MongoDB deployment to test against. */
    static final String URI_VARIABLE = "APSCHEDULER_TEST_MONGODB_URI";

    private static String uri;

    private MongoTestServer() {
    }

    /**
     * Returns the connection string of the server the tests use.
     */
    static synchronized String uri() {
        if (uri == null) {
            String given = System.getenv(URI_VARIABLE);
            if (given != null && !given.isBlank()) {
                uri = given.trim();
            }
            else {
                MongoServer server = new MongoServer(new MemoryBackend());
                server.bind("127.0.0.1", 0);
                InetSocketAddress address = server.getLocalAddress();
                uri = "mongodb://127.0.0.1:" + address.getPort();
            }
        }
        return uri;
    }

    /**
     * Tells whether the tests run on the in-process server.
     */
    static boolean inProcess() {
        String given = System.getenv(URI_VARIABLE);
        return given == null || given.isBlank();
    }

    /**
     * Creates a client of the tests' server that gives up selecting a server after five seconds.
     */
    static MongoClient client() {
        return client(uri());
    }

    static MongoClient client(String uri) {
        return client(uri, 5000);
    }

    /**
     * Creates a client that gives up selecting a server, and connecting to it, after the given time.
     */
    static MongoClient client(String uri, int timeoutMillis) {
        return MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(
                    (cluster) -> cluster.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
            .applyToSocketSettings((socket) -> socket.connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
            .build());
    }

}
