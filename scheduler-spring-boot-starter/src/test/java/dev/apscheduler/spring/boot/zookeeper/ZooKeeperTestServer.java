package dev.apscheduler.spring.boot.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

/**
 * One real ZooKeeper server in the test JVM (Curator's {@link TestingServer}, on a free port), shared by the tests of
 * a run; each test class keeps its jobs under a base path of its own.
 */
final class ZooKeeperTestServer {

    private static TestingServer server;

    private ZooKeeperTestServer() {
    }

    static synchronized String connectString() {
        if (server == null) {
            try {
                server = new TestingServer(true);
            }
            catch (Exception ex) {
                throw new IllegalStateException("Could not start the in-process ZooKeeper server", ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }));
        }
        return server.getConnectString();
    }

    /**
     * Returns a new client of the shared server, started.
     */
    static CuratorFramework client() {
        return client(connectString());
    }

    static CuratorFramework client(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(100, 3))
            .build();
        client.start();
        return client;
    }

}
