package dev.apscheduler.spring.boot.zookeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link ZooKeeperJobStore}s: type {@code zookeeper}. A store given a {@code connect_string} (or APScheduler's
 * {@code hosts}) gets a Curator client of its own, which it closes when it shuts down, configured by
 * {@code session_timeout} (default 10 s), {@code connection_timeout} (default 5 s), an exponential back-off retry
 * policy ({@code retry_base_sleep}, default 100 ms; {@code retry_max_sleep}, default 5 s; {@code retry_max_retries},
 * default 3), an optional Curator {@code namespace}, optional {@code digest} credentials ({@code user:password}) and
 * the {@code acl} of the znodes it creates ({@code open}, or {@code creator}: only the digest's user, the default
 * when credentials are given). A store given none uses the shared client this factory is made with (the one
 * qualified {@link ApschedulerCuratorFramework @ApschedulerCuratorFramework}, else the application's only
 * {@code CuratorFramework}). Other options: {@code path} (default {@code /apscheduler}), the base path of the
 * store's znodes; and durations (seconds, {@code 500ms}-style or ISO-8601) {@code max_wait} (default one second),
 * how long a scheduler sleeps at most before looking at the store again, in case a watch event was missed;
 * {@code look_ahead} (default 250 ms), how far ahead of their run time a scheduler claims jobs;
 * {@code run_slot_lease} (default 30 s), how long a run slot of a job counted across the cluster
 * ({@code max_instances_scope=cluster}) is held without renewal (or until its instance's session ends).
 */
public final class ZooKeeperJobStoreFactory implements JobStoreFactory {

    /** The option naming the base path of the store's znodes. */
    public static final String PATH = "path";

    /** The option bounding how long a scheduler sleeps before looking at the store again. */
    public static final String MAX_WAIT = "max_wait";

    /** The option saying how far ahead of their run time a scheduler claims jobs. */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    /** The option giving the connect string of the store's own client. */
    public static final String CONNECT_STRING = ZooKeeperClientOptions.CONNECT_STRING;

    /** The session timeout of a store's own client, by default (kazoo's, which APScheduler uses). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    /** The connection timeout of a store's own client, by default. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** The first sleep of a store's own client's retry policy, by default. */
    public static final Duration DEFAULT_RETRY_BASE_SLEEP = Duration.ofMillis(100);

    /** The longest sleep of a store's own client's retry policy, by default. */
    public static final Duration DEFAULT_RETRY_MAX_SLEEP = Duration.ofSeconds(5);

    /** How often a store's own client retries an operation, by default. */
    public static final int DEFAULT_RETRY_MAX_RETRIES = 3;

    private final Supplier<@Nullable CuratorFramework> sharedClient;

    /**
     * Creates a factory whose stores all need a {@code connect_string}.
     */
    public ZooKeeperJobStoreFactory() {
        this(() -> null);
    }

    /**
     * Creates the factory.
     * @param sharedClient the client of stores given no {@code connect_string}, asked for when such a store is
     * created; may answer {@code null} when there is none
     */
    public ZooKeeperJobStoreFactory(Supplier<@Nullable CuratorFramework> sharedClient) {
        this.sharedClient = Objects.requireNonNull(sharedClient, "sharedClient");
    }

    @Override
    public String type() {
        return ZooKeeperJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        for (String name : List.of("client", "pickle_protocol")) {
            if (options.raw(name).isPresent()) {
                throw new ConfigurationException(options.keyFor(name), options.keyFor(name)
                        + ": the zookeeper job store keeps jobs as JSON and takes its client from "
                        + options.keyFor(CONNECT_STRING) + " or from a CuratorFramework bean qualified "
                        + "@ApschedulerCuratorFramework");
            }
        }
        List<String> known = new ArrayList<>(List.of(PATH, MAX_WAIT, LOOK_AHEAD, JobStoreFactory.RUN_SLOT_LEASE));
        known.addAll(ZooKeeperClientOptions.NAMES);
        options.requireOnly("job store type 'zookeeper'", known);
        ZooKeeperJobStoreSettings settings = settings(options);
        Duration runSlotLease = JobStoreFactory.runSlotLease(options);
        Optional<String> connectString = ZooKeeperClientOptions.connectString(options);
        if (connectString.isPresent()) {
            return new ZooKeeperJobStore(() -> ZooKeeperClientOptions.client(options, connectString.get()),
                    settings).runSlotLease(runSlotLease);
        }
        ZooKeeperClientOptions.requireNoneWithout(options);
        CuratorFramework client = this.sharedClient.get();
        if (client == null) {
            throw new ConfigurationException(options.keyFor(CONNECT_STRING), options.keyFor(CONNECT_STRING)
                    + ": required by job store type 'zookeeper' (for example 'localhost:2181'), unless the "
                    + "application has a CuratorFramework bean, qualified @ApschedulerCuratorFramework when it "
                    + "has several");
        }
        return new ZooKeeperJobStore(client, settings, false).runSlotLease(runSlotLease);
    }

    private static ZooKeeperJobStoreSettings settings(ComponentOptions options) {
        String path = options.string(PATH).orElse(ZooKeeperJobStore.DEFAULT_PATH);
        try {
            ZooKeeperJobStoreSettings.checkPath(path);
        }
        catch (IllegalArgumentException ex) {
            throw new ConfigurationException(options.keyFor(PATH), options.raw(PATH).orElse(path),
                    "expected an absolute ZooKeeper path other than '/' (" + ex.getMessage() + ")");
        }
        Duration maxWait = options.duration(MAX_WAIT).orElse(ZooKeeperJobStore.DEFAULT_MAX_WAIT);
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigurationException(options.keyFor(MAX_WAIT), options.raw(MAX_WAIT).orElse(maxWait),
                    "expected a positive duration");
        }
        Duration lookAhead = JobStoreFactory.lookAhead(options, ZooKeeperJobStore.DEFAULT_LOOK_AHEAD);
        return new ZooKeeperJobStoreSettings(path, maxWait, lookAhead);
    }

    @Override
    public String toString() {
        return "ZooKeeperJobStoreFactory[zookeeper]";
    }

}
