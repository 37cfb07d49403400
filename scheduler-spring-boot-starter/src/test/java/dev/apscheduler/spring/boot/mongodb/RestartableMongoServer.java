package dev.apscheduler.spring.boot.mongodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process MongoDB server that can be stopped and started again on the same port with the same data, as a
 * server restart: stopping shuts the server down (its listening socket, every client connection, its threads);
 * starting binds a new server to the same port, on the same memory backend, whose data the shutdown leaves alone.
 */
final class RestartableMongoServer implements AutoCloseable {

    /** The data, which outlives each server: a server closes its backend when it shuts down. */
    private final MemoryBackend backend = new MemoryBackend() {

        @Override
        public void close() {
            // the next server goes on with the same data
        }

    };

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
        return "mongodb://127.0.0.1:" + this.port;
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
