package dev.apscheduler.spring.boot.zookeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.apscheduler.JobStoreException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * The store's calls to ZooKeeper through Curator: each fails fast with a {@link JobStoreException} naming the store and
 * what it was doing while the client is not connected (rather than blocking through Curator's retries), and turns
 * ZooKeeper's failures into {@link JobStoreException}s; the expected outcomes (a node missing or already there, a
 * version that moved on) are answered as values.
 */
final class ZooKeeperCalls {

    private final CuratorFramework client;

    private final Supplier<String> store;

    private final long timeoutMillis;

    ZooKeeperCalls(CuratorFramework client, Supplier<String> store, long timeoutMillis) {
        this.client = client;
        this.store = store;
        this.timeoutMillis = timeoutMillis;
    }

    CuratorFramework client() {
        return this.client;
    }

    /**
     * Tells whether the client is connected now.
     */
    boolean isConnected() {
        return this.client.getZookeeperClient().isConnected();
    }

    /**
     * Returns the id of the client's current session, or 0 when it has none.
     */
    long sessionId() {
        try {
            return this.client.getZookeeperClient().getZooKeeper().getSessionId();
        }
        catch (Exception ex) {
            return 0;
        }
    }

    <T> T call(String action, Callable<T> work) {
        requireConnected(action);
        try {
            return work.call();
        }
        catch (JobStoreException | IllegalArgumentException ex) {
            throw ex;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw failure(action, ex);
        }
        catch (Exception ex) {
            throw failure(action, ex);
        }
    }

    void requireConnected(String action) {
        if (!isConnected()) {
            throw new JobStoreException(this.store.get() + " failed to " + action + ": not connected to ZooKeeper ("
                    + this.client.getZookeeperClient().getCurrentConnectionString() + ")");
        }
    }

    JobStoreException failure(String action, Exception ex) {
        String detail = (ex instanceof KeeperException keeper) ? keeper.code() + " " + keeper.getPath()
                : String.valueOf(ex.getMessage());
        return new JobStoreException(this.store.get() + " failed to " + action + ": " + detail, ex);
    }

    /**
     * Reads a node's data and version, or returns empty when it does not exist.
     */
    Optional<Node> read(String action, String path) {
        return call(action, () -> {
            Stat stat = new Stat();
            try {
                byte[] data = this.client.getData().storingStatIn(stat).forPath(path);
                return Optional.of(new Node(path, (data != null) ? data : new byte[0], stat));
            }
            catch (KeeperException.NoNodeException ex) {
                return Optional.empty();
            }
        });
    }

    /**
     * Returns a node's children, none when it does not exist.
     */
    List<String> children(String action, String path) {
        return call(action, () -> {
            try {
                return this.client.getChildren().forPath(path);
            }
            catch (KeeperException.NoNodeException ex) {
                return List.<String>of();
            }
        });
    }

    boolean exists(String action, String path) {
        return call(action, () -> this.client.checkExists().forPath(path) != null);
    }

    /**
     * Runs operations as one transaction.
     * @return the outcome: applied, or the failing operation's index and code
     */
    Outcome multi(String action, List<CuratorOp> operations) {
        return call(action, () -> {
            try {
                this.client.transaction().forOperations(operations);
                return Outcome.APPLIED;
            }
            catch (KeeperException ex) {
                if (ex.code() != KeeperException.Code.NONODE && ex.code() != KeeperException.Code.NODEEXISTS
                        && ex.code() != KeeperException.Code.BADVERSION && ex.code() != KeeperException.Code.NOTEMPTY) {
                    throw ex;
                }
                List<OpResult> results = ex.getResults();
                if (results != null) {
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i) instanceof OpResult.ErrorResult error
                                && error.getErr() != KeeperException.Code.OK.intValue()
                                && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                            return new Outcome(i, ex.code());
                        }
                    }
                }
                return new Outcome(-1, ex.code());
            }
        });
    }

    /**
     * Sends operations without waiting for each answer (ZooKeeper pipelines them on the connection), then waits for
     * all of them.
     * @param operations each starts one background operation with the callback it is given
     * @return the events, in the order of the operations
     */
    List<CuratorEvent> pipelined(String action, List<BackgroundStart> operations) {
        return call(action, () -> {
            List<CompletableFuture<CuratorEvent>> answers = new ArrayList<>(operations.size());
            for (BackgroundStart operation : operations) {
                CompletableFuture<CuratorEvent> answer = new CompletableFuture<>();
                operation.start((client, event) -> answer.complete(event));
                answers.add(answer);
            }
            List<CuratorEvent> events = new ArrayList<>(answers.size());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
            for (CompletableFuture<CuratorEvent> answer : answers) {
                try {
                    events.add(answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                }
                catch (TimeoutException ex) {
                    throw new JobStoreException(this.store.get() + " failed to " + action + ": no answer from "
                            + "ZooKeeper within " + this.timeoutMillis + "ms", ex);
                }
                catch (ExecutionException ex) {
                    throw failure(action, ex);
                }
            }
            return events;
        });
    }

    /**
     * Starts one background operation.
     */
    @FunctionalInterface
    interface BackgroundStart {

        void start(BackgroundCallback callback) throws Exception;

    }

    /**
     * A node as read: its path, data and stat.
     */
    record Node(String path, byte[] data, Stat stat) {

        int version() {
            return this.stat.getVersion();
        }

    }

    /**
     * The outcome of a transaction: applied, or which operation failed ({@code -1} when unknown) with which code.
     */
    record Outcome(int failedOperation, KeeperException.Code code) {

        static final Outcome APPLIED = new Outcome(-1, KeeperException.Code.OK);

        boolean applied() {
            return this.code == KeeperException.Code.OK;
        }

    }

}
