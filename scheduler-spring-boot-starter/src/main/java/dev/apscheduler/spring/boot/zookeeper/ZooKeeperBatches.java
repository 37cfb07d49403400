package dev.apscheduler.spring.boot.zookeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Outcome;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * The store's bulk add: the jobs' nodes and index entries created in as few multi transactions as ZooKeeper's packet
 * limit allows (each at most {@link #MAX_TRANSACTION_BYTES}), so that a batch of small jobs is one round trip. A
 * conflicting id (or a failure) fails its transaction whole, and the transactions of the batch applied before it are
 * taken back, so that the batch is stored whole or not at all.
 */
final class ZooKeeperBatches {

    /** The largest transaction sent, well below ZooKeeper's default 1 MB packet limit ({@code jute.maxbuffer}). */
    static final int MAX_TRANSACTION_BYTES = 512 * 1024;

    /** What a create costs in a transaction beyond its path and data: its header, ACL and flags, generously. */
    private static final int OPERATION_OVERHEAD = 128;

    private static final int MAX_ATTEMPTS = 100;

    private final CuratorFramework client;

    private final ZooKeeperCalls calls;

    private final ZooKeeperNodes nodes;

    private final byte[] origin;

    private final String description;

    ZooKeeperBatches(CuratorFramework client, ZooKeeperCalls calls, ZooKeeperNodes nodes, byte[] origin,
            String description) {
        this.client = client;
        this.calls = calls;
        this.nodes = nodes;
        this.origin = origin;
        this.description = description;
    }

    /**
     * Creates the jobs' nodes, or none of them.
     * @param jobs the jobs, with distinct ids
     * @param states their encoded states, in the same order
     * @return {@code null} when every job was stored, else the id of the first job whose node exists
     */
    @Nullable String add(List<Job> jobs, List<byte[]> states) {
        List<Group> groups = groups(jobs, states);
        List<Group> applied = new ArrayList<>(groups.size());
        for (Group group : groups) {
            String conflict;
            try {
                conflict = apply(group);
            }
            catch (RuntimeException ex) {
                try {
                    applied.forEach(this::takeBack);
                }
                catch (RuntimeException takeBackFailure) {
                    ex.addSuppressed(takeBackFailure);
                }
                throw ex;
            }
            if (conflict != null) {
                applied.forEach(this::takeBack);
                return conflict;
            }
            applied.add(group);
        }
        return null;
    }

    private List<Group> groups(List<Job> jobs, List<byte[]> states) {
        List<Group> groups = new ArrayList<>();
        Group current = new Group();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String path = this.nodes.job(ZooKeeperNodes.name(job.id()));
            Optional<String> entry = ZooKeeperNodes.entryOf(job).map(this.nodes::runTime);
            int bytes = path.length() + states.get(i).length + entry.map(String::length).orElse(0)
                    + 2 * OPERATION_OVERHEAD;
            if (!current.items.isEmpty() && current.bytes + bytes > MAX_TRANSACTION_BYTES) {
                groups.add(current);
                current = new Group();
            }
            current.items.add(new Item(job.id(), path, states.get(i), entry.orElse(null)));
            current.bytes += bytes;
        }
        groups.add(current);
        return groups;
    }

    /** Applies one transaction; returns the conflicting id when a job's node exists. */
    private @Nullable String apply(Group group) {
        String action = "add " + group.items.size() + " jobs";
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<@Nullable Item> owners = new ArrayList<>();
            List<CuratorOp> operations = this.calls.call(action, () -> {
                List<CuratorOp> list = new ArrayList<>(2 * group.items.size() + 1);
                for (Item item : group.items) {
                    list.add(this.client.transactionOp().create().forPath(item.path(), item.state()));
                    owners.add(item);
                    String entry = item.entry();
                    if (entry != null) {
                        list.add(this.client.transactionOp().create().forPath(entry, new byte[0]));
                        owners.add(null);
                    }
                }
                list.add(this.client.transactionOp().setData().forPath(this.nodes.changes(), this.origin));
                return list;
            });
            Outcome outcome = this.calls.multi(action, operations);
            if (outcome.applied()) {
                return null;
            }
            int failed = outcome.failedOperation();
            if (outcome.code() == KeeperException.Code.NODEEXISTS && failed >= 0 && failed < owners.size()) {
                Item owner = owners.get(failed);
                if (owner != null) {
                    return owner.id();
                }
                // an index entry left without its job: not this job's, since it did not exist
                String stale = group.items.stream().map(Item::entry).filter(Objects::nonNull).toList()
                    .get(indexAmongEntries(owners, failed));
                this.calls.call(action, () -> deleteQuietly(stale));
                continue;
            }
            throw new JobStoreException(this.description + " failed to " + action + ": " + outcome.code());
        }
        throw new JobStoreException(this.description + " failed to add jobs: index entries kept coming back");
    }

    private static int indexAmongEntries(List<@Nullable Item> owners, int failed) {
        int entries = 0;
        for (int i = 0; i < failed; i++) {
            if (owners.get(i) == null) {
                entries++;
            }
        }
        return entries;
    }

    private void takeBack(Group group) {
        this.calls.call("take back " + group.items.size() + " jobs added", () -> {
            for (Item item : group.items) {
                String entry = item.entry();
                if (entry != null) {
                    deleteQuietly(entry);
                }
                deleteQuietly(item.path());
            }
            return null;
        });
    }

    private @Nullable Void deleteQuietly(String path) throws Exception {
        try {
            this.client.delete().forPath(path);
        }
        catch (KeeperException.NoNodeException ex) {
            // gone already
        }
        return null;
    }

    /** One job's nodes: its path and state, and its index entry's path when it has a due time. */
    private record Item(String id, String path, byte[] state, @Nullable String entry) {
    }

    /** The jobs of one transaction. */
    private static final class Group {

        private final List<Item> items = new ArrayList<>();

        private int bytes;

    }

}
