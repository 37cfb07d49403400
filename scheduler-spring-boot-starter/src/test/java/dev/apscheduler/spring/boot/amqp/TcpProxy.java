package dev.apscheduler.spring.boot.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the broker, so that a test can drop its own connections (and refuse new ones for a while)
 * without touching anyone else's: what a network outage between the application and RabbitMQ looks like to it.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;

    private final ServerSocket server;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final AtomicInteger refused = new AtomicInteger();

    private volatile boolean refusing;

    private volatile boolean closed;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return this.server.getLocalPort();
    }

    /**
     * Drops every connection and refuses new ones until {@link #restore()}.
     */
    void cut() {
        this.refusing = true;
        this.sockets.forEach(TcpProxy::closeQuietly);
        this.sockets.clear();
    }

    void restore() {
        this.refusing = false;
    }

    /**
     * Returns how many connection attempts were refused while cut: clients trying to reconnect.
     */
    int refused() {
        return this.refused.get();
    }

    private void accept() {
        while (!this.closed) {
            try {
                Socket client = this.server.accept();
                if (this.refusing) {
                    this.refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
                this.sockets.add(client);
                this.sockets.add(target);
                pump(client, target);
                pump(target, client);
            }
            catch (IOException ex) {
                // closed, or the broker refused: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // the other side closed
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        this.closed = true;
        cut();
        this.server.close();
    }

}
