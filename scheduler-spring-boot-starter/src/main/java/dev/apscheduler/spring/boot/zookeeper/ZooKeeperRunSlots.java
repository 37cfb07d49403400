package dev.apscheduler.spring.boot.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Node;
import dev.apscheduler.store.RunSlots;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * The zookeeper store's run slots: under {@code <path>/run_slots/<job id>} (a container node, removed by ZooKeeper
 * once empty), one ephemeral sequential node per slot, named after the slot's id and holding when its lease ends
 * (epoch milliseconds of the scheduler's clock). ZooKeeper's semaphore recipe: an acquirer creates its node first,
 * then counts the unexpired nodes older than its own (lower sequence numbers); with {@code max_instances} or more
 * ahead it deletes its node and is refused. Two acquirers at once never both count below the limit, since the
 * younger one sees the older one's node. A slot ends with its lease (an acquirer deletes an expired node, conditional
 * on the version it read, so a renewal meanwhile wins) or with its instance's session: the node is ephemeral.
 */
final class ZooKeeperRunSlots implements RunSlots {

    /** The length of the sequence number ZooKeeper appends to a sequential node's name. */
    private static final int SEQUENCE_DIGITS = 10;

    private static final char SEPARATOR = '_';

    private final Supplier<ZooKeeperCalls> calls;

    private final Supplier<String> base;

    /** The paths of the nodes this store instance created, by slot id. */
    private final Map<String, String> paths = new ConcurrentHashMap<>();

    private volatile Duration lease = RunSlots.DEFAULT_LEASE;

    private volatile Clock clock = Clock.systemUTC();

    ZooKeeperRunSlots(Supplier<ZooKeeperCalls> calls, Supplier<String> base) {
        this.calls = calls;
        this.base = base;
    }

    void lease(Duration lease) {
        this.lease = RunSlots.checkLease(lease);
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the path under which a job's slots live. */
    String jobPath(String jobId) {
        return ZKPaths.makePath(ZKPaths.makePath(this.base.get(), "run_slots"), ZooKeeperNodes.name(jobId));
    }

    @Override
    public Duration lease() {
        return this.lease;
    }

    @Override
    public boolean acquire(String jobId, String slotId, int maxInstances) {
        ZooKeeperCalls calls = this.calls.get();
        String action = "take a run slot of job '" + jobId + "'";
        long now = this.clock.millis();
        String jobPath = jobPath(jobId);
        String own = calls.call(action, () -> calls.client().create().creatingParentContainersIfNeeded()
            .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
            .forPath(ZKPaths.makePath(jobPath, ZooKeeperNodes.name(slotId) + SEPARATOR), expiry(now)));
        String ownName = ZKPaths.getNodeFromPath(own);
        int ahead = 0;
        for (String name : sorted(calls.children(action, jobPath))) {
            if (sequence(name) >= sequence(ownName)) {
                break;
            }
            Optional<Node> node = calls.read(action, ZKPaths.makePath(jobPath, name));
            if (node.isPresent() && !expireIfDue(calls, node.get(), now)) {
                ahead++;
            }
        }
        if (ahead >= maxInstances) {
            calls.call("give back a run slot of job '" + jobId + "'", () -> deleteQuietly(calls, own, -1));
            return false;
        }
        this.paths.put(slotId, own);
        return true;
    }

    @Override
    public boolean renew(String jobId, String slotId) {
        ZooKeeperCalls calls = this.calls.get();
        String action = "renew a run slot of job '" + jobId + "'";
        long now = this.clock.millis();
        Optional<String> path = path(calls, jobId, slotId);
        if (path.isEmpty()) {
            return false;
        }
        Optional<Node> node = calls.read(action, path.get());
        if (node.isEmpty() || expireIfDue(calls, node.get(), now)) {
            this.paths.remove(slotId);
            return false;
        }
        return calls.call(action, () -> {
            try {
                calls.client().setData().withVersion(node.get().version()).forPath(path.get(), expiry(now));
                return true;
            }
            catch (KeeperException.NoNodeException | KeeperException.BadVersionException ex) {
                this.paths.remove(slotId);
                return false;
            }
        });
    }

    @Override
    public void release(String jobId, String slotId) {
        ZooKeeperCalls calls = this.calls.get();
        Optional<String> path = path(calls, jobId, slotId);
        this.paths.remove(slotId);
        if (path.isPresent()) {
            calls.call("give back a run slot of job '" + jobId + "'", () -> deleteQuietly(calls, path.get(), -1));
        }
    }

    @Override
    public int count(String jobId) {
        ZooKeeperCalls calls = this.calls.get();
        String action = "count the run slots of job '" + jobId + "'";
        long now = this.clock.millis();
        String jobPath = jobPath(jobId);
        int count = 0;
        for (String name : calls.children(action, jobPath)) {
            Optional<Node> node = calls.read(action, ZKPaths.makePath(jobPath, name));
            if (node.isPresent() && expiresAt(node.get()) > now) {
                count++;
            }
        }
        return count;
    }

    /** Finds a slot's node: remembered when this instance made it, otherwise looked up by its name. */
    private Optional<String> path(ZooKeeperCalls calls, String jobId, String slotId) {
        String known = this.paths.get(slotId);
        if (known != null) {
            return Optional.of(known);
        }
        String jobPath = jobPath(jobId);
        String prefix = ZooKeeperNodes.name(slotId) + SEPARATOR;
        return calls.children("find a run slot of job '" + jobId + "'", jobPath).stream()
            .filter((name) -> name.startsWith(prefix) && name.length() == prefix.length() + SEQUENCE_DIGITS)
            .map((name) -> ZKPaths.makePath(jobPath, name))
            .findFirst();
    }

    /**
     * Deletes a node whose lease has run out, unless it was renewed since it was read.
     * @return whether the node is expired (deleted now or before)
     */
    private boolean expireIfDue(ZooKeeperCalls calls, Node node, long now) {
        if (expiresAt(node) > now) {
            return false;
        }
        return calls.call("clear an expired run slot", () -> {
            try {
                calls.client().delete().withVersion(node.version()).forPath(node.path());
                return true;
            }
            catch (KeeperException.NoNodeException ex) {
                return true;
            }
            catch (KeeperException.BadVersionException ex) {
                // renewed meanwhile: still held
                return false;
            }
        });
    }

    private static @Nullable Void deleteQuietly(ZooKeeperCalls calls, String path,
            int version) throws Exception {
        try {
            calls.client().delete().withVersion(version).forPath(path);
        }
        catch (KeeperException.NoNodeException ex) {
            // gone already
        }
        return null;
    }

    private byte[] expiry(long now) {
        return Long.toString(now + this.lease.toMillis()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a node's expiry; a node whose data cannot be read counts as expired. */
    private static long expiresAt(Node node) {
        try {
            return Long.parseLong(new String(node.data(), StandardCharsets.US_ASCII).trim());
        }
        catch (NumberFormatException ex) {
            return Long.MIN_VALUE;
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> sorted = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.length() > SEQUENCE_DIGITS) {
                sorted.add(name);
            }
        }
        sorted.sort(Comparator.comparingLong(ZooKeeperRunSlots::sequence));
        return sorted;
    }

    private static long sequence(String name) {
        try {
            return Long.parseLong(name.substring(name.length() - SEQUENCE_DIGITS));
        }
        catch (NumberFormatException | IndexOutOfBoundsException ex) {
            return Long.MAX_VALUE;
        }
    }

}
