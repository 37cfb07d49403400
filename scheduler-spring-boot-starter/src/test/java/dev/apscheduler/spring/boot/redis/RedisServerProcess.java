package dev.apscheduler.spring.boot.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server of a test's own, without persistence ({@code redis-server --port N --save "" --appendonly no}), on
 * a free port of 127.0.0.1, which the test stops, pauses and starts again.
 */
final class RedisServerProcess implements AutoCloseable {

    private final int port;

    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /**
     * Starts a server on a free port.
     */
    static RedisServerProcess start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServerProcess server = new RedisServerProcess(port);
        server.startAgain();
        return server;
    }

    int port() {
        return this.port;
    }

    /**
     * Starts the server (again, empty: it keeps nothing) and waits until it accepts connections.
     */
    void startAgain() throws IOException {
        this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no")).redirectErrorStream(true)
            .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "apscheduler-redis-" + this.port + ".log"))
            .start();
        await().atMost(Duration.ofSeconds(20)).until(this::accepts);
    }

    /**
     * Stops the server process (its data is gone).
     */
    void stop() throws InterruptedException {
        if (this.process != null && this.process.isAlive()) {
            this.process.destroy();
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Suspends the server process ({@code SIGSTOP}): connections stay open but nothing answers, as in a network
     * partition or a stalled server; its data is kept.
     */
    void suspend() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /**
     * Lets a suspended server process go on ({@code SIGCONT}).
     */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, String.valueOf(this.process.pid())).inheritIO().start().waitFor();
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (this.process != null && this.process.isAlive()) {
            resume();
        }
        stop();
    }

}
