package dev.apscheduler.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStore;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperJobStoreSettings;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

/**
 * The {@code zookeeper} job store on a ZooKeeper server in this JVM (Curator's {@link TestingServer}: a real
 * ZooKeeper server, standalone, its transaction log in a temporary directory), which the real Curator client talks to
 * over a local port, with the store's default settings.
 */
final class ZooKeeperStoreApplication implements AutoCloseable {

    private final TestingServer server;

    private final CuratorFramework client;

    private final ZooKeeperJobStoreSettings storeSettings = ZooKeeperJobStoreSettings.defaults();

    ZooKeeperStoreApplication() {
        try {
            this.server = new TestingServer(true);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not start the in-process ZooKeeper server", ex);
        }
        this.client = connect(this.server.getConnectString());
    }

    /**
     * Returns a started client of a server, as a store's own client would be configured by default.
     * @param connectString the server
     * @return the client
     */
    static CuratorFramework connect(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString)
            .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(100, 3))
            .build();
        client.start();
        return client;
    }

    String connectString() {
        return this.server.getConnectString();
    }

    ZooKeeperJobStore store() {
        return new ZooKeeperJobStore(this.client, this.storeSettings);
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("store", "zookeeper on an in-process ZooKeeper server (Curator TestingServer, standalone), "
                + "not a ZooKeeper ensemble");
        settings.put("zookeeper_max_wait", this.storeSettings.maxWait());
        settings.put("zookeeper_look_ahead", this.storeSettings.lookAhead());
        return settings;
    }

    @Override
    public void close() {
        this.client.close();
        try {
            this.server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
