package dev.apscheduler.spring.boot.zookeeper;

import java.time.Duration;
import java.util.Objects;

import dev.apscheduler.store.JobStore;
import org.apache.curator.utils.PathUtils;

/**
 * Where a {@link ZooKeeperJobStore} keeps its jobs and how it times its work.
 *
 * @param path the base path of the store's znodes, {@code /apscheduler} by default
 * @param maxWait how long a scheduler sleeps at most before looking at the store again, in case a watch event was
 * missed (during a reconnection)
 * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()})
 */
public record ZooKeeperJobStoreSettings(String path, Duration maxWait, Duration lookAhead) {

    /**
     * Checks the settings.
     * @param path the base path, absolute, without a trailing slash
     * @param maxWait the longest sleep, positive
     * @param lookAhead the look-ahead window, zero or more
     * @throws IllegalArgumentException naming the setting if a value is out of range
     */
    public ZooKeeperJobStoreSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(maxWait, "maxWait");
        checkPath(path);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max_wait must be positive, was " + maxWait);
        }
        JobStore.checkLookAhead(lookAhead);
    }

    /**
     * Checks a base path: absolute, a valid ZooKeeper path, not the root.
     * @param path the path
     * @return the path
     * @throws IllegalArgumentException saying what is wrong
     */
    static String checkPath(String path) {
        if (path.equals("/")) {
            throw new IllegalArgumentException("path must not be the root '/'");
        }
        PathUtils.validatePath(path);
        return path;
    }

    /**
     * Returns the defaults: base path {@code /apscheduler}, a one-second {@code max_wait}, a 250 ms look-ahead.
     * @return the settings
     */
    public static ZooKeeperJobStoreSettings defaults() {
        return new ZooKeeperJobStoreSettings(ZooKeeperJobStore.DEFAULT_PATH, ZooKeeperJobStore.DEFAULT_MAX_WAIT,
                ZooKeeperJobStore.DEFAULT_LOOK_AHEAD);
    }

    /**
     * Returns these settings with another base path.
     * @param path the base path
     * @return the settings
     */
    public ZooKeeperJobStoreSettings withPath(String path) {
        return new ZooKeeperJobStoreSettings(path, this.maxWait, this.lookAhead);
    }

}
