package dev.apscheduler.spring.boot.mongodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB server that can be stopped and started again on the same port with the same data, as a
 * server restart: stopping closes the listening socket and every client connection; starting binds a new server to
 * the same port, on the same memory backend.
 */
final class RestartableMongoServer implements AutoCloseable {

    private final MemoryBackend backend = new MemoryBackend();

    private final int port;

    private MongoServer server;

    RestartableMongoServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        start();
    }

    String uri() {
        return "mongodb://127.0.0.1:" + this.port + "/?serverSelectionTimeoutMS=500&connectTimeoutMS=500";
    }

    synchronized void start() {
        MongoServer server = new MongoServer(this.backend);
        server.bind("127.0.0.1", this.port);
        this.server = server;
    }

    synchronized void stop() {
        this.server.shutdownNow();
    }

    @Override
    public synchronized void close() {
        this.server.shutdownNow();
    }

}
