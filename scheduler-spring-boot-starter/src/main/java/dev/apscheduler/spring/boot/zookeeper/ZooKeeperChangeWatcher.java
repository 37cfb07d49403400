package dev.apscheduler.spring.boot.zookeeper;

import java.util.function.Supplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the store's {@code changes} node with a persistent watch, which every instance's change to the jobs writes,
 * and wakes the local scheduler on each event; follows the connection too: logs it being suspended, lost and back,
 * sets the watch again on a new session (ZooKeeper drops a session's watches with it) and wakes the scheduler on
 * reconnection, so that what changed meanwhile is seen at once.
 */
final class ZooKeeperChangeWatcher implements Watcher, ConnectionStateListener {

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperChangeWatcher.class);

    private final CuratorFramework client;

    private final String path;

    private final Runnable wakeup;

    private final Supplier<String> store;

    private volatile boolean stopped;

    ZooKeeperChangeWatcher(CuratorFramework client, String path, Runnable wakeup, Supplier<String> store) {
        this.client = client;
        this.path = path;
        this.wakeup = wakeup;
        this.store = store;
    }

    void start() {
        this.client.getConnectionStateListenable().addListener(this);
        if (this.client.getZookeeperClient().isConnected()) {
            watch();
        }
    }

    private void watch() {
        try {
            this.client.watchers().add().withMode(AddWatchMode.PERSISTENT).inBackground().usingWatcher(this)
                .forPath(this.path);
        }
        catch (Exception ex) {
            logger.warn("{}: could not watch '{}' for other instances' changes: {}", this.store.get(), this.path,
                    ex.getMessage());
        }
    }

    @Override
    public void process(WatchedEvent event) {
        if (!this.stopped && event.getType() != Event.EventType.None) {
            this.wakeup.run();
        }
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        if (this.stopped) {
            return;
        }
        switch (newState) {
            case SUSPENDED -> logger.warn("{}: connection to ZooKeeper suspended; store calls fail until it is back",
                    this.store.get());
            case LOST -> logger.error("{}: ZooKeeper session lost; its claims are released; store calls fail until "
                    + "a new session is established", this.store.get());
            case CONNECTED, RECONNECTED -> {
                logger.info("{}: connected to ZooKeeper", this.store.get());
                watch();
                this.wakeup.run();
            }
            default -> {
            }
        }
    }

    void stop() {
        this.stopped = true;
        this.client.getConnectionStateListenable().removeListener(this);
        try {
            this.client.watchers().remove(this).locally().forPath(this.path);
        }
        catch (Exception ex) {
            logger.debug("{}: could not remove its watch: {}", this.store.get(), ex.getMessage());
        }
    }

}
