package dev.apscheduler.spring.boot.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.BackgroundStart;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Node;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Outcome;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobDecision;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One acquire step of a {@link ZooKeeperJobStore}: reads the due entries of the run-time index, claims the earliest
 * jobs with ephemeral claim nodes (created pipelined, skipping jobs another step holds), reads the claimed jobs, asks
 * the engine for its decisions and stores them all in one transaction that, for each job, deletes the claim, writes
 * (or deletes) the job at the version it was read at and moves its index entry. A job changed meanwhile (its version
 * moved on) loses its decision, which is dropped and its claim released: no fire time is ever handed out twice.
 */
final class ZooKeeperAcquireStep {

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperAcquireStep.class);

    /** The largest transaction the step sends, well below ZooKeeper's default 1 MB packet limit. */
    private static final int MAX_TRANSACTION_BYTES = 512 * 1024;

    private final ZooKeeperJobStore store;

    private final ZooKeeperCalls calls;

    private final ZooKeeperNodes nodes;

    private final ZooKeeperJobData data;

    private final byte[] token;

    private final long session;

    private final List<String> held = new ArrayList<>();

    ZooKeeperAcquireStep(ZooKeeperJobStore store, ZooKeeperCalls calls, ZooKeeperNodes nodes, ZooKeeperJobData data,
            String token) {
        this.store = store;
        this.calls = calls;
        this.nodes = nodes;
        this.data = data;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.session = calls.sessionId();
    }

    List<AcquiredJob> run(Instant now, int limit, DueJobDecider decider) {
        try {
            List<Claimed> claimed = claim(dueEntries(now), limit);
            List<Decided> decided = decide(claimed, now, decider);
            return write(decided);
        }
        finally {
            release();
        }
    }

    /**
     * Returns the entries due at {@code now}, earliest first, without those of jobs another step holds.
     */
    private List<String> dueEntries(Instant now) {
        long micros = ZooKeeperNodes.floorMicros(now);
        List<String> due = new ArrayList<>();
        for (String entry : this.calls.children("read its run times", this.nodes.runTimes())) {
            Long time = ZooKeeperNodes.entryMicros(entry);
            if (time != null && time <= micros) {
                due.add(entry);
            }
        }
        if (due.isEmpty()) {
            return due;
        }
        Set<String> claims = new HashSet<>(this.calls.children("read its claims", this.nodes.claims()));
        due.removeIf((entry) -> claims.contains(ZooKeeperNodes.entryName(entry)));
        due.sort(null);
        return due;
    }

    /**
     * Claims the earliest jobs, up to {@code limit}, in rounds of pipelined creates.
     */
    private List<Claimed> claim(List<String> entries, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int next = 0;
        while (claimed.size() < limit && next < entries.size()) {
            List<String> round = new ArrayList<>();
            while (round.size() < limit - claimed.size() && next < entries.size()) {
                String entry = entries.get(next++);
                if (names.add(ZooKeeperNodes.entryName(entry))) {
                    round.add(entry);
                }
            }
            if (claimAll(round)) {
                for (String entry : round) {
                    String path = this.nodes.claim(ZooKeeperNodes.entryName(entry));
                    this.held.add(path);
                    claimed.add(new Claimed(entry, path));
                }
                continue;
            }
            List<BackgroundStart> creates = new ArrayList<>(round.size());
            for (String entry : round) {
                String path = this.nodes.claim(ZooKeeperNodes.entryName(entry));
                creates.add((callback) -> this.calls.client().create().withMode(CreateMode.EPHEMERAL)
                    .inBackground(callback).forPath(path, this.token));
            }
            List<CuratorEvent> results = this.calls.pipelined("claim its due jobs", creates);
            for (int i = 0; i < round.size(); i++) {
                String entry = round.get(i);
                String path = this.nodes.claim(ZooKeeperNodes.entryName(entry));
                KeeperException.Code code = KeeperException.Code.get(results.get(i).getResultCode());
                if (code == KeeperException.Code.OK || (code == KeeperException.Code.NODEEXISTS && isOwn(path))) {
                    this.held.add(path);
                    claimed.add(new Claimed(entry, path));
                }
                else if (code != KeeperException.Code.NODEEXISTS && code != KeeperException.Code.NONODE) {
                    throw this.calls.failure("claim job '" + ZooKeeperNodes.id(ZooKeeperNodes.entryName(entry)) + "'",
                            KeeperException.create(code, path));
                }
            }
        }
        return claimed;
    }

    /**
     * Claims a round of jobs in one transaction: one write for the whole round when no other step holds any of them
     * (the usual case); otherwise nothing is claimed and the round is claimed job by job.
     */
    private boolean claimAll(List<String> round) {
        if (round.size() < 2) {
            return false;
        }
        List<CuratorOp> creates = this.calls.call("claim its due jobs", () -> {
            List<CuratorOp> operations = new ArrayList<>(round.size());
            for (String entry : round) {
                operations.add(this.calls.client().transactionOp().create().withMode(CreateMode.EPHEMERAL)
                    .forPath(this.nodes.claim(ZooKeeperNodes.entryName(entry)), this.token));
            }
            return operations;
        });
        return this.calls.multi("claim its due jobs", creates).applied();
    }

    /**
     * Tells whether an existing claim is this step's own: a create that was sent again after a connection loss.
     */
    private boolean isOwn(String path) {
        return this.calls.read("read a claim", path).filter((node) -> Arrays.equals(node.data(), this.token))
            .isPresent();
    }

    private List<Decided> decide(List<Claimed> claimed, Instant now, DueJobDecider decider) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<BackgroundStart> reads = new ArrayList<>(claimed.size());
        for (Claimed claim : claimed) {
            String path = this.nodes.job(claim.name());
            reads.add((callback) -> this.calls.client().getData().inBackground(callback).forPath(path));
        }
        List<CuratorEvent> results = this.calls.pipelined("read its claimed jobs", reads);
        long micros = ZooKeeperNodes.floorMicros(now);
        List<Decided> decided = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            Claimed claim = claimed.get(i);
            CuratorEvent result = results.get(i);
            KeeperException.Code code = KeeperException.Code.get(result.getResultCode());
            if (code == KeeperException.Code.NONODE) {
                continue;
            }
            if (code != KeeperException.Code.OK) {
                throw this.calls.failure("read job '" + claim.id() + "'",
                        KeeperException.create(code, result.getPath()));
            }
            byte[] bytes = (result.getData() != null) ? result.getData() : new byte[0];
            Node node = new Node(this.nodes.job(claim.name()), bytes, result.getStat());
            Job job;
            try {
                job = this.data.decode(claim.name(), node.data());
            }
            catch (JobRestoreException ex) {
                this.store.markUnrestorable(claim.name(), node, ex, claim.entry(), claim.path());
                this.data.report(ex);
                continue;
            }
            Optional<String> entry = ZooKeeperNodes.entryOf(job);
            Long due = entry.map(ZooKeeperNodes::entryMicros).orElse(null);
            if (due == null || due > micros) {
                // another step or a change moved the job on since the index was read
                continue;
            }
            JobDecision decision = decider.decide(job);
            decided.add(new Decided(claim, node, job, decision, entry.get(), decision.applyTo(job).orElse(null)));
        }
        return decided;
    }

    private List<AcquiredJob> write(List<Decided> decided) {
        List<AcquiredJob> acquired = new ArrayList<>(decided.size());
        List<Decided> batch = new ArrayList<>();
        int bytes = 0;
        for (Decided job : decided) {
            int size = job.size();
            if (!batch.isEmpty() && bytes + size > MAX_TRANSACTION_BYTES) {
                writeBatch(batch, acquired);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(job);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            writeBatch(batch, acquired);
        }
        return acquired;
    }

    /**
     * Stores a batch of decisions in one transaction; when a job of it changed meanwhile, stores each on its own,
     * dropping the decisions of the jobs that changed.
     */
    private void writeBatch(List<Decided> batch, List<AcquiredJob> acquired) {
        List<CuratorOp> operations = new ArrayList<>();
        Set<Integer> claimDeletions = new HashSet<>();
        for (Decided job : batch) {
            claimDeletions.add(operations.size());
            operations.addAll(operations(job));
        }
        if (applied(this.calls.multi("store its decisions", operations), claimDeletions)) {
            batch.forEach((job) -> taken(job, acquired));
            return;
        }
        if (batch.size() == 1) {
            logger.debug("{}: job '{}' changed while it was claimed; its decision is dropped", this.store,
                    batch.get(0).claim().id());
            return;
        }
        for (Decided job : batch) {
            writeBatch(List.of(job), acquired);
        }
    }

    private void taken(Decided job, List<AcquiredJob> acquired) {
        this.held.remove(job.claim().path());
        acquired.add(new AcquiredJob(job.job(), job.decision()));
    }

    /**
     * Tells whether a transaction was applied. A failure on a claim's deletion means it was, when the session is
     * still the one the claims were made in: only this step's transaction deletes its claims, so the transaction had
     * been applied before Curator sent it again after a connection loss.
     */
    private boolean applied(Outcome outcome, Set<Integer> claimDeletions) {
        if (outcome.applied()) {
            return true;
        }
        return outcome.code() == KeeperException.Code.NONODE && claimDeletions.contains(outcome.failedOperation())
                && this.session != 0 && this.calls.sessionId() == this.session;
    }

    private List<CuratorOp> operations(Decided job) {
        return this.calls.call("prepare the decision of job '" + job.claim().id() + "'", () -> {
            List<CuratorOp> operations = new ArrayList<>(4);
            operations.add(this.calls.client().transactionOp().delete().forPath(job.claim().path()));
            Job next = job.next();
            Optional<String> newEntry = (next != null) ? ZooKeeperNodes.entryOf(next) : Optional.empty();
            if (next != null) {
                operations.add(this.calls.client().transactionOp().setData().withVersion(job.node().version())
                    .forPath(job.node().path(), this.data.encode(next)));
            }
            else {
                operations.add(this.calls.client().transactionOp().delete().withVersion(job.node().version())
                    .forPath(job.node().path()));
            }
            if (!newEntry.equals(Optional.of(job.entry()))) {
                operations.add(this.calls.client().transactionOp().delete()
                    .forPath(this.nodes.runTime(job.entry())));
                if (newEntry.isPresent()) {
                    operations.add(this.calls.client().transactionOp().create()
                        .forPath(this.nodes.runTime(newEntry.get()), new byte[0]));
                }
            }
            return operations;
        });
    }

    /**
     * Deletes the claims this step still holds: those of jobs it skipped or whose decision was dropped.
     */
    private void release() {
        if (this.held.isEmpty()) {
            return;
        }
        List<BackgroundStart> deletes = new ArrayList<>(this.held.size());
        for (String path : this.held) {
            deletes.add((callback) -> this.calls.client().delete().inBackground(callback).forPath(path));
        }
        try {
            this.calls.pipelined("release its claims", deletes);
        }
        catch (RuntimeException ex) {
            logger.debug("{}: could not release {} claim(s); they end with the session: {}", this.store,
                    this.held.size(), ex.getMessage());
        }
        this.held.clear();
    }

    /**
     * A job this step claimed, found through its run-time index entry.
     */
    private record Claimed(String entry, String path) {

        String name() {
            return ZooKeeperNodes.entryName(this.entry);
        }

        String id() {
            return ZooKeeperNodes.id(name());
        }

    }

    /**
     * A claimed job as read, with the engine's decision and the job's next state ({@code null}: removed).
     */
    private record Decided(Claimed claim, Node node, Job job, JobDecision decision, String entry,
            @Nullable Job next) {

        int size() {
            return 2 * this.node.data().length + 512;
        }

    }

}
