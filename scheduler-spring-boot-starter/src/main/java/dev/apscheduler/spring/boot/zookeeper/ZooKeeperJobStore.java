package dev.apscheduler.spring.boot.zookeeper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.BackgroundStart;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Node;
import dev.apscheduler.spring.boot.zookeeper.ZooKeeperCalls.Outcome;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.RunSlots;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps jobs in ZooKeeper through an Apache Curator client: the {@code zookeeper} job store, APScheduler's
 * {@code ZooKeeperJobStore} with the same base path ({@code /apscheduler}). Each job is one znode under
 * {@code <path>/jobs} holding exactly the JSON of {@link JobCodec}; an index of due times
 * ({@code <path>/run_times}) lets an acquire step find the earliest due jobs without reading the others; see
 * {@link ZooKeeperNodes} for the layout. Jobs survive restarts and can be shared by several scheduler instances.
 *
 * <p>Every write is a ZooKeeper transaction that compares the job node's version, so a change never overwrites one
 * made meanwhile. The acquire step claims jobs with ephemeral nodes and stores the engine's decisions in one
 * transaction that also deletes the claims (see {@link ZooKeeperAcquireStep}): two instances never run one fire time
 * twice, and the claims of an instance that dies disappear with its session. Every change to the jobs also writes the
 * {@code <path>/changes} node, which every instance watches: a job added on one instance wakes the others within
 * milliseconds; {@link #maxWait()} bounds the delay when a watch event is missed.
 *
 * <p>While the client is disconnected (suspended or lost session), calls fail at once with a
 * {@link JobStoreException}, which the scheduler reports (event, log, health) and retries; Curator reconnects on its
 * own. A job that cannot be restored is never deleted: it is marked with a node under {@code <path>/unrestorable}
 * holding why, skipped, reported through {@link JobStoreContext#reportUnrestorableJob} and listed by
 * {@link #unrestorableJobs()}; each start checks the marked jobs again.
 */
public final class ZooKeeperJobStore implements JobStore, UnrestorableJobs {

    /** This store's type name. */
    public static final String TYPE = "zookeeper";

    /** The base path the store uses by default, as APScheduler's ZooKeeper store does. */
    public static final String DEFAULT_PATH = "/apscheduler";

    /** How long a scheduler sleeps at most before looking at the store again, by default. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** How far ahead of their run time a scheduler claims this store's jobs, by default. */
    public static final Duration DEFAULT_LOOK_AHEAD = Duration.ofMillis(250);

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperJobStore.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Comparator<Job> ORDER = Comparator
        .comparing((Job job) -> job.nextRunTime().map((time) -> time.toInstant()).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Job::id);

    /** How many nodes a listing reads at once. */
    private static final int READ_BATCH = 1_000;

    /** How many jobs {@link #removeAllJobs()} removes in one transaction. */
    private static final int REMOVE_BATCH = 100;

    /** How often a write is tried again when the job changed between its read and its transaction. */
    private static final int MAX_ATTEMPTS = 100;

    private final ZooKeeperJobStoreSettings settings;

    private final boolean closeClient;

    private final @Nullable Supplier<CuratorFramework> clientFactory;

    private volatile CuratorFramework client;

    private final ZooKeeperNodes nodes;

    private final String owner = UUID.randomUUID().toString();

    private final byte[] origin = this.owner.getBytes(StandardCharsets.UTF_8);

    private final AtomicLong steps = new AtomicLong();

    private final ZooKeeperRunSlots runSlots = new ZooKeeperRunSlots(this::calls, () -> settings().path());

    private volatile @Nullable ZooKeeperJobData data;

    private volatile @Nullable ZooKeeperCalls calls;

    private volatile @Nullable ZooKeeperChangeWatcher watcher;

    private volatile boolean layoutReady;

    /**
     * Creates a store on a client it uses but does not close.
     * @param client the Curator client; started by the store if it has not been
     * @param settings the base path and timing
     */
    public ZooKeeperJobStore(CuratorFramework client, ZooKeeperJobStoreSettings settings) {
        this(client, settings, false);
    }

    /**
     * Creates a store.
     * @param client the Curator client; started by the store if it has not been
     * @param settings the base path and timing
     * @param closeClient whether the store closes the client when it shuts down (APScheduler's
     * {@code close_connection_on_exit}), for a client made for the store alone
     */
    public ZooKeeperJobStore(CuratorFramework client, ZooKeeperJobStoreSettings settings, boolean closeClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.closeClient = closeClient;
        this.clientFactory = null;
        this.nodes = new ZooKeeperNodes(settings.path());
    }

    /**
     * Creates a store with a client of its own, made anew each time the store starts after its client was closed
     * (a Curator client cannot be started again), and closed when the store shuts down.
     * @param clientFactory makes the store's client, not started
     * @param settings the base path and timing
     */
    public ZooKeeperJobStore(Supplier<CuratorFramework> clientFactory, ZooKeeperJobStoreSettings settings) {
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.client = Objects.requireNonNull(clientFactory.get(), "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.closeClient = true;
        this.nodes = new ZooKeeperNodes(settings.path());
    }

    /**
     * Returns the base path and timing the store works with.
     * @return the settings
     */
    public ZooKeeperJobStoreSettings settings() {
        return this.settings;
    }

    /**
     * Returns the Curator client the store works with.
     * @return the client
     */
    public CuratorFramework client() {
        return this.client;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void start(JobStoreContext context) {
        if (this.clientFactory != null && this.client.getState() == CuratorFrameworkState.STOPPED) {
            this.client = Objects.requireNonNull(this.clientFactory.get(), "client");
        }
        if (this.client.getState() == CuratorFrameworkState.STOPPED) {
            throw new JobStoreException(this + " cannot start: its Curator client has been closed");
        }
        if (this.client.getState() == CuratorFrameworkState.LATENT) {
            this.client.start();
        }
        this.runSlots.clock(context.clock());
        ZooKeeperJobData data = new ZooKeeperJobData(context);
        int timeout = this.client.getZookeeperClient().getConnectionTimeoutMs();
        ZooKeeperCalls calls = new ZooKeeperCalls(this.client, this::toString, Math.max(timeout, 1_000));
        this.data = data;
        this.calls = calls;
        ZooKeeperChangeWatcher watcher = new ZooKeeperChangeWatcher(this.client, this.nodes.changes(), context::wakeup,
                this::toString);
        this.watcher = watcher;
        try {
            if (!this.client.blockUntilConnected(timeout, TimeUnit.MILLISECONDS)) {
                logger.warn("{}: not connected to ZooKeeper ({}) yet; calls fail until it is", this,
                        this.client.getZookeeperClient().getCurrentConnectionString());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        watcher.start();
        try {
            ensureLayout();
            int unrestorable = recheckUnrestorable(data);
            if (unrestorable > 0) {
                logger.warn("Job store '{}' holds {} job(s) that cannot be restored; they are kept and skipped",
                        context.alias(), unrestorable);
            }
        }
        catch (JobStoreException ex) {
            logger.warn("{}: could not prepare its znodes: {}", this, ex.getMessage());
        }
    }

    /**
     * Sets how long a run slot is held without renewal ({@code run_slot_lease}): how long the slot of a run whose
     * instance still holds its session but stopped renewing keeps counting towards a cluster-wide
     * {@code max_instances}; the slot of an instance whose session ended is freed at once.
     * @param lease at least one second; {@link RunSlots#DEFAULT_LEASE} unless set
     * @return this store
     */
    public ZooKeeperJobStore runSlotLease(Duration lease) {
        this.runSlots.lease(lease);
        return this;
    }

    /**
     * Returns the store's run slots, ephemeral sequential znodes under {@code <path>/run_slots/<job id>}, which count
     * the runs of jobs whose {@code max_instances_scope} is {@code cluster} across every instance sharing the path.
     */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(this.runSlots);
    }

    private void ensureLayout() {
        if (this.layoutReady) {
            return;
        }
        calls().call("create its znodes under '" + this.nodes.base() + "'", () -> {
            for (String path : List.of(this.nodes.jobs(), this.nodes.runTimes(), this.nodes.claims(),
                    this.nodes.unrestorable(), this.nodes.changes())) {
                try {
                    this.client.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
                }
                catch (KeeperException.NodeExistsException ex) {
                    // made by another instance or an earlier start
                }
            }
            return null;
        });
        this.layoutReady = true;
    }

    /**
     * Checks the jobs marked unrestorable again: those that can be restored now (a trigger kind registered since)
     * get their mark removed and their index entry back; the others are reported.
     */
    private int recheckUnrestorable(ZooKeeperJobData data) {
        int unrestorable = 0;
        for (String name : calls().children("check unrestorable jobs", this.nodes.unrestorable())) {
            Optional<Node> node = calls().read("check unrestorable jobs", this.nodes.job(name));
            if (node.isEmpty()) {
                calls().call("remove the mark of a removed job", () -> deleteQuietly(this.nodes.marker(name)));
                continue;
            }
            try {
                Job job = data.decode(name, node.get().data());
                List<CuratorOp> operations = new ArrayList<>();
                calls().call("restore job '" + job.id() + "'", () -> {
                    operations.add(this.client.transactionOp().setData().withVersion(node.get().version())
                        .forPath(node.get().path(), node.get().data()));
                    operations.add(this.client.transactionOp().delete().forPath(this.nodes.marker(name)));
                    Optional<String> entry = ZooKeeperNodes.entryOf(job);
                    if (entry.isPresent()) {
                        operations.add(this.client.transactionOp().create()
                            .forPath(this.nodes.runTime(entry.get()), new byte[0]));
                    }
                    return null;
                });
                calls().multi("restore job '" + job.id() + "'", operations);
            }
            catch (JobRestoreException ex) {
                data.report(ex);
                unrestorable++;
            }
        }
        return unrestorable;
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

    @Override
    public void shutdown() {
        ZooKeeperChangeWatcher watcher = this.watcher;
        if (watcher != null) {
            watcher.stop();
            this.watcher = null;
        }
        if (this.closeClient) {
            this.client.close();
        }
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public Optional<Duration> maxWait() {
        return Optional.of(this.settings.maxWait());
    }

    @Override
    public Duration lookAhead() {
        return this.settings.lookAhead();
    }

    @Override
    public void addJob(Job job) {
        ZooKeeperJobData data = data();
        JobCodec.requirePersistable(job, data.alias());
        ensureLayout();
        String name = ZooKeeperNodes.name(job.id());
        byte[] bytes = data.encode(job);
        Optional<String> entry = ZooKeeperNodes.entryOf(job);
        String action = "add job '" + job.id() + "'";
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<CuratorOp> operations = calls().call(action, () -> {
                List<CuratorOp> list = new ArrayList<>(3);
                list.add(this.client.transactionOp().create().forPath(this.nodes.job(name), bytes));
                if (entry.isPresent()) {
                    list.add(this.client.transactionOp().create().forPath(this.nodes.runTime(entry.get()),
                            new byte[0]));
                }
                list.add(announcement());
                return list;
            });
            Outcome outcome = calls().multi(action, operations);
            if (outcome.applied()) {
                return;
            }
            if (outcome.failedOperation() == 0 && outcome.code() == KeeperException.Code.NODEEXISTS) {
                throw new ConflictingIdException(job.id(), data.alias());
            }
            if (outcome.failedOperation() == 1 && entry.isPresent()) {
                // an index entry left without its job: not this job's, since it did not exist
                calls().call(action, () -> deleteQuietly(this.nodes.runTime(entry.get())));
                continue;
            }
            throw new JobStoreException(this + " failed to " + action + ": " + outcome.code());
        }
        throw new JobStoreException(this + " failed to " + action + ": its index entry kept coming back");
    }

    /**
     * Adds the jobs in multi transactions of at most 512 KB each (one for a batch of small jobs), taking back those
     * applied when a later one conflicts; a batch that may replace stored jobs is written job by job.
     */
    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        if (jobs.isEmpty()) {
            return;
        }
        JobStore.requireDistinctIds(jobs);
        if (replaceExisting) {
            JobStore.super.addJobs(jobs, true);
            return;
        }
        ZooKeeperJobData data = data();
        List<byte[]> states = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            JobCodec.requirePersistable(job, data.alias());
            states.add(data.encode(job));
        }
        ensureLayout();
        String conflict = new ZooKeeperBatches(this.client, calls(), this.nodes, this.origin, toString()).add(jobs,
                states);
        if (conflict != null) {
            throw new ConflictingIdException(conflict, data.alias());
        }
    }

    private CuratorOp announcement() throws Exception {
        return this.client.transactionOp().setData().forPath(this.nodes.changes(), this.origin);
    }

    @Override
    public void updateJob(Job job) {
        ZooKeeperJobData data = data();
        JobCodec.requirePersistable(job, data.alias());
        rewrite(job.id(), "replace job '" + job.id() + "'", (current) -> Optional.of(job));
    }

    /**
     * Reads the job, applies the modification and stores the result only if the job has not changed since it was
     * read (its version); otherwise reads it again and applies the modification to the new state.
     */
    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        ZooKeeperJobData data = data();
        return rewrite(jobId, "modify job '" + jobId + "'", (current) -> {
            if (current.failure() != null) {
                throw current.failure();
            }
            Job modified = modification.apply(Objects.requireNonNull(current.job()));
            if (!modified.id().equals(jobId)) {
                throw new IllegalArgumentException("a modification must keep the job's id '" + jobId + "', was '"
                        + modified.id() + "'");
            }
            JobCodec.requirePersistable(modified, data.alias());
            return Optional.of(modified);
        }).orElseThrow();
    }

    @Override
    public void removeJob(String jobId) {
        rewrite(jobId, "remove job '" + jobId + "'", (current) -> Optional.empty());
    }

    /**
     * Replaces or removes a job in one transaction at the version it was read at, with its index entry, its mark
     * and the announcement to the other instances; reads it again and retries when it changed meanwhile.
     * @return the job written, or empty when removed
     */
    private Optional<Job> rewrite(String jobId, String action, Function<Current, Optional<Job>> change) {
        ZooKeeperJobData data = data();
        ensureLayout();
        String name = ZooKeeperNodes.name(jobId);
        boolean scan = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Node> node = calls().read(action, this.nodes.job(name));
            if (node.isEmpty()) {
                throw new JobLookupException(jobId, data.alias());
            }
            Current current = current(data, name, node.get(), scan);
            Optional<Job> replacement = change.apply(current);
            List<CuratorOp> operations = calls().call(action, () -> operations(name, node.get(), current,
                    replacement.map(data::encode).orElse(null), replacement.flatMap(ZooKeeperNodes::entryOf)));
            Outcome outcome = calls().multi(action, operations);
            if (outcome.applied()) {
                return replacement;
            }
            // changed meanwhile, or the index did not hold the entry the job's state implies: read everything again
            scan = outcome.failedOperation() > 0;
        }
        throw new JobStoreException(this + " failed to " + action + ": it kept changing");
    }

    private List<CuratorOp> operations(String name, Node node, Current current, byte @Nullable [] bytes,
            Optional<String> newEntry) throws Exception {
        List<CuratorOp> operations = new ArrayList<>();
        if (bytes != null) {
            operations.add(this.client.transactionOp().setData().withVersion(node.version())
                .forPath(node.path(), bytes));
        }
        else {
            operations.add(this.client.transactionOp().delete().withVersion(node.version()).forPath(node.path()));
        }
        for (String entry : current.entries()) {
            if (!newEntry.equals(Optional.of(entry))) {
                operations.add(this.client.transactionOp().delete().forPath(this.nodes.runTime(entry)));
            }
        }
        if (newEntry.isPresent() && !current.entries().contains(newEntry.get())) {
            operations.add(this.client.transactionOp().create().forPath(this.nodes.runTime(newEntry.get()),
                    new byte[0]));
        }
        if (current.marked()) {
            operations.add(this.client.transactionOp().delete().forPath(this.nodes.marker(name)));
        }
        operations.add(announcement());
        return operations;
    }

    /**
     * Reads what belongs to a stored job besides its node: whether it is marked unrestorable, and its index entries
     * (the one its state implies, or, for a job that cannot be restored or when {@code scan} is asked for, those
     * found in the index).
     */
    private Current current(ZooKeeperJobData data, String name, Node node, boolean scan) {
        boolean marked = calls().exists("read the mark of job '" + ZooKeeperNodes.id(name) + "'",
                this.nodes.marker(name));
        try {
            Job job = data.decode(name, node.data());
            List<String> entries = (scan || marked) ? entriesOf(name)
                    : ZooKeeperNodes.entryOf(job).map(List::of).orElse(List.of());
            return new Current(job, null, marked, entries);
        }
        catch (JobRestoreException ex) {
            return new Current(null, ex, marked, entriesOf(name));
        }
    }

    private List<String> entriesOf(String name) {
        List<String> entries = new ArrayList<>(1);
        for (String entry : calls().children("read its run times", this.nodes.runTimes())) {
            if (ZooKeeperNodes.entryName(entry).equals(name)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Removes every job: in transactions of up to {@value #REMOVE_BATCH} jobs, each at the version it was read at;
     * a job changed meanwhile is removed on its own.
     */
    @Override
    public void removeAllJobs() {
        ZooKeeperJobData data = data();
        ensureLayout();
        List<String> names = calls().children("remove all jobs", this.nodes.jobs());
        Set<String> marked = new HashSet<>(calls().children("remove all jobs", this.nodes.unrestorable()));
        for (int from = 0; from < names.size(); from += REMOVE_BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + REMOVE_BATCH));
            List<Node> read = readJobs(batch);
            List<CuratorOp> operations = calls().call("remove all jobs", () -> {
                List<CuratorOp> list = new ArrayList<>();
                for (Node node : read) {
                    String name = node.path().substring(node.path().lastIndexOf('/') + 1);
                    list.add(this.client.transactionOp().delete().withVersion(node.version()).forPath(node.path()));
                    if (marked.contains(name)) {
                        list.add(this.client.transactionOp().delete().forPath(this.nodes.marker(name)));
                        continue;
                    }
                    try {
                        Optional<String> entry = ZooKeeperNodes.entryOf(data.decode(name, node.data()));
                        if (entry.isPresent()) {
                            list.add(this.client.transactionOp().delete().forPath(this.nodes.runTime(entry.get())));
                        }
                    }
                    catch (JobRestoreException ex) {
                        list.clear();
                        return list;
                    }
                }
                if (!list.isEmpty()) {
                    list.add(announcement());
                }
                return list;
            });
            if (!operations.isEmpty() && calls().multi("remove all jobs", operations).applied()) {
                continue;
            }
            for (Node node : read) {
                String id = ZooKeeperNodes.id(node.path().substring(node.path().lastIndexOf('/') + 1));
                try {
                    removeJob(id);
                }
                catch (JobLookupException ex) {
                    // removed meanwhile
                }
            }
        }
    }

    /**
     * Reads job nodes pipelined, leaving out those that are gone.
     */
    private List<Node> readJobs(List<String> names) {
        List<BackgroundStart> reads = new ArrayList<>(names.size());
        for (String name : names) {
            String path = this.nodes.job(name);
            reads.add((callback) -> this.client.getData().inBackground(callback).forPath(path));
        }
        List<CuratorEvent> events = calls().pipelined("read its jobs", reads);
        List<Node> read = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            CuratorEvent event = events.get(i);
            KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
            if (code == KeeperException.Code.OK) {
                byte[] bytes = event.getData();
                read.add(new Node(this.nodes.job(names.get(i)), (bytes != null) ? bytes : new byte[0],
                        event.getStat()));
            }
            else if (code != KeeperException.Code.NONODE) {
                throw calls().failure("read its jobs", KeeperException.create(code, event.getPath()));
            }
        }
        return read;
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        ZooKeeperJobData data = data();
        ensureLayout();
        String name = ZooKeeperNodes.name(jobId);
        String action = "look up job '" + jobId + "'";
        Optional<Node> node = calls().read(action, this.nodes.job(name));
        if (node.isEmpty() || calls().exists(action, this.nodes.marker(name))) {
            return Optional.empty();
        }
        try {
            return Optional.of(data.decode(name, node.get().data()));
        }
        catch (JobRestoreException ex) {
            markUnrestorable(name, node.get(), ex, null, null);
            data.report(ex);
            return Optional.empty();
        }
    }

    @Override
    public List<Job> getAllJobs() {
        ZooKeeperJobData data = data();
        ensureLayout();
        List<String> names = new ArrayList<>(calls().children("list its jobs", this.nodes.jobs()));
        names.removeAll(new HashSet<>(calls().children("list its jobs", this.nodes.unrestorable())));
        List<Job> jobs = new ArrayList<>(names.size());
        for (int from = 0; from < names.size(); from += READ_BATCH) {
            for (Node node : readJobs(names.subList(from, Math.min(names.size(), from + READ_BATCH)))) {
                String name = node.path().substring(node.path().lastIndexOf('/') + 1);
                try {
                    jobs.add(data.decode(name, node.data()));
                }
                catch (JobRestoreException ex) {
                    markUnrestorable(name, node, ex, null, null);
                    data.report(ex);
                }
            }
        }
        jobs.sort(ORDER);
        return jobs;
    }

    /**
     * Marks a job that cannot be restored, in one transaction at the version it was read at: its index entries are
     * removed (so that no scheduler asks for it) and a node under {@code unrestorable} records why; the job's node is
     * written back unchanged, so that its version tells every other writer that it was marked.
     * @param entry the index entry it was found by, or {@code null} to look its entries up
     * @param claim the acquire step's claim on it to delete with the mark, or {@code null}
     */
    void markUnrestorable(String name, Node node, JobRestoreException failure, @Nullable String entry,
            @Nullable String claim) {
        String action = "mark job '" + failure.jobId() + "' as unrestorable";
        try {
            List<String> entries = (entry != null) ? List.of(entry) : entriesOf(name);
            Long due = entries.isEmpty() ? null : ZooKeeperNodes.entryMicros(entries.get(0));
            ObjectNode mark = JSON.createObjectNode();
            if (due != null) {
                mark.put("next_run_time", due);
            }
            else {
                mark.putNull("next_run_time");
            }
            mark.put("restore_error", String.valueOf(failure.getMessage()));
            byte[] reason = JSON.writeValueAsBytes(mark);
            List<CuratorOp> operations = calls().call(action, () -> {
                List<CuratorOp> list = new ArrayList<>();
                list.add(this.client.transactionOp().setData().withVersion(node.version())
                    .forPath(node.path(), node.data()));
                for (String stale : entries) {
                    list.add(this.client.transactionOp().delete().forPath(this.nodes.runTime(stale)));
                }
                list.add(this.client.transactionOp().create().forPath(this.nodes.marker(name), reason));
                if (claim != null) {
                    list.add(this.client.transactionOp().delete().forPath(claim));
                }
                return list;
            });
            Outcome outcome = calls().multi(action, operations);
            if (!outcome.applied()) {
                logger.debug("{}: job '{}' changed before it could be marked: {}", this, failure.jobId(),
                        outcome.code());
            }
        }
        catch (JobStoreException ex) {
            logger.debug("{}: could not mark job '{}': {}", this, failure.jobId(), ex.getMessage());
        }
    }

    /**
     * Counts the jobs from the child counts of three znodes, without reading a job.
     */
    @Override
    public JobCounts jobCounts() {
        ensureLayout();
        return calls().call("count its jobs", () -> {
            long all = children(this.nodes.jobs());
            long unrestorable = Math.min(all, children(this.nodes.unrestorable()));
            long scheduled = Math.min(all - unrestorable, children(this.nodes.runTimes()));
            return new JobCounts(all - unrestorable, all - unrestorable - scheduled, unrestorable);
        });
    }

    private int children(String path) throws Exception {
        Stat stat = this.client.checkExists().forPath(path);
        return (stat != null) ? stat.getNumChildren() : 0;
    }

    /**
     * Returns the earliest due time from the index, leaving out jobs an acquire step holds: a stopped instance's
     * claims last until its session expires, and the scheduler should not keep asking for them meanwhile (it looks
     * again after {@link #maxWait()}).
     */
    @Override
    public Optional<Instant> nextRunTime() {
        ensureLayout();
        List<String> entries = calls().children("find its next run time", this.nodes.runTimes());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Set<String> claimed = new HashSet<>(calls().children("find its next run time", this.nodes.claims()));
        Long earliest = null;
        for (String entry : entries) {
            Long due = ZooKeeperNodes.entryMicros(entry);
            if (due != null && (earliest == null || due < earliest)
                    && !claimed.contains(ZooKeeperNodes.entryName(entry))) {
                earliest = due;
            }
        }
        return Optional.ofNullable(earliest).map(ZooKeeperNodes::instant);
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        ZooKeeperJobData data = data();
        ensureLayout();
        return new ZooKeeperAcquireStep(this, calls(), this.nodes, data,
                this.owner + "-" + this.steps.incrementAndGet()).run(now, limit, decider);
    }

    /**
     * Returns the stored jobs found so far that cannot be restored, for operators: each with the reason. They stay
     * in ZooKeeper, skipped, until they are replaced or removed.
     * @return the jobs, ordered by id
     */
    @Override
    public List<UnrestorableJob> unrestorableJobs() {
        ensureLayout();
        List<UnrestorableJob> jobs = new ArrayList<>();
        for (String name : calls().children("list its unrestorable jobs", this.nodes.unrestorable())) {
            Optional<Node> mark = calls().read("list its unrestorable jobs", this.nodes.marker(name));
            if (mark.isEmpty()) {
                continue;
            }
            Instant due = null;
            String reason = new String(mark.get().data(), StandardCharsets.UTF_8);
            try {
                JsonNode json = JSON.readTree(mark.get().data());
                JsonNode time = json.get("next_run_time");
                due = (time != null && time.isNumber()) ? ZooKeeperNodes.instant(time.longValue()) : null;
                JsonNode error = json.get("restore_error");
                reason = (error != null && error.isString()) ? error.stringValue() : reason;
            }
            catch (RuntimeException ex) {
                // a mark written by hand: its text is the reason
            }
            jobs.add(new UnrestorableJob(ZooKeeperNodes.id(name), due, reason));
        }
        jobs.sort(Comparator.comparing(UnrestorableJob::jobId));
        return jobs;
    }

    private ZooKeeperJobData data() {
        ZooKeeperJobData data = this.data;
        if (data == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return data;
    }

    private ZooKeeperCalls calls() {
        ZooKeeperCalls calls = this.calls;
        if (calls == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return calls;
    }

    @Override
    public String toString() {
        ZooKeeperJobData data = this.data;
        return "ZooKeeperJobStore[" + ((data != null) ? data.alias() : "not started") + "]";
    }

    /**
     * A stored job as read for a change: restored (or why not), whether it is marked, its index entries.
     */
    private record Current(@Nullable Job job, @Nullable JobRestoreException failure, boolean marked,
            List<String> entries) {

    }

}
