package dev.apscheduler.spring.boot.mongodb;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.RunSlots;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps jobs in a MongoDB collection through the application's MongoDB client: the {@code mongodb} job store. Each
 * job is one document, {@code _id} being the job's id, with its due time in an indexed {@code next_run_time} field
 * (epoch microseconds, {@code null} while paused) and its state as a readable sub-document holding exactly the JSON
 * of {@link JobCodec} (see {@link JobDocuments}). Jobs survive restarts and can be shared by several scheduler
 * instances.
 *
 * <p>The acquire step claims due documents one by one with a conditional {@code findOneAndUpdate} that records a claim
 * owner (this step) and a lease ({@code claim_until}); it then decides each job and stores the decision with an update
 * (or delete) that matches only while the document still carries this step's claim and the version it was claimed at.
 * So no two steps, in this process or in another, ever run one fire time twice; a change made meanwhile (an update,
 * a modification, a removal) increases the version and wins over the step's decision, which is then dropped; and the
 * claims of an instance that died within its step are taken over once their lease has passed.
 *
 * <p>A document that cannot be restored is never deleted: it is marked with a {@code restore_error} field, skipped,
 * reported through {@link JobStoreContext#reportUnrestorableJob} and listed by {@link #unrestorableJobs()}; each start
 * checks the marked documents again. MongoDB failures surface as {@link JobStoreException}s, which the scheduler
 * reports and retries.
 */
public final class MongoJobStore implements JobStore, UnrestorableJobs {

    /** This store's type name. */
    public static final String TYPE = "mongodb";

    /** The database the store uses by default, as APScheduler's MongoDB store does. */
    public static final String DEFAULT_DATABASE = "apscheduler";

    /** The collection the store uses by default, as APScheduler's MongoDB store does. */
    public static final String DEFAULT_COLLECTION = "jobs";

    /** How long a scheduler sleeps at most before looking for changes other instances made, by default. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** How far ahead of their run time a scheduler claims this store's jobs, by default. */
    public static final Duration DEFAULT_LOOK_AHEAD = Duration.ofMillis(250);

    /** How long an acquire step's claim on a job holds before another instance may take the job over, by default. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(MongoJobStore.class);

    private static final Comparator<Job> ORDER = Comparator
        .comparing((Job job) -> job.nextRunTime().map((time) -> time.toInstant()).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Job::id);

    /** How many due documents beyond the limit an acquire step looks at, for those other steps claim first. */
    private static final int CANDIDATES_BEYOND_LIMIT = 10;

    private static final Bson RESTORABLE = exists(JobDocuments.RESTORE_ERROR, false);

    private final MongoClient client;

    private final MongoJobStoreSettings settings;

    private final Clock wallClock;

    private final String owner = UUID.randomUUID().toString();

    private final AtomicLong steps = new AtomicLong();

    private final AtomicLong changes = new AtomicLong();

    private volatile @Nullable MongoChangeListener listener;

    private volatile @Nullable JobDocuments documents;

    private volatile @Nullable MongoCollection<BsonDocument> collection;

    private volatile boolean indexesCreated;

    private final MongoRunSlots runSlots;

    /**
     * Creates a store.
     * @param client the MongoDB client, which the store uses but does not close
     * @param settings the database, collection and timing
     */
    public MongoJobStore(MongoClient client, MongoJobStoreSettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    /**
     * Creates a store.
     * @param client the MongoDB client, which the store uses but does not close
     * @param settings the database, collection and timing
     * @param wallClock the clock claims' leases are measured with, shared by every instance (the system clock)
     */
    MongoJobStore(MongoClient client, MongoJobStoreSettings settings, Clock wallClock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.runSlots = new MongoRunSlots(client, settings, this::toString);
    }

    /**
     * Returns the database, collection and timing the store works with.
     * @return the settings
     */
    public MongoJobStoreSettings settings() {
        return this.settings;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void start(JobStoreContext context) {
        this.runSlots.clock(context.clock());
        JobDocuments documents = new JobDocuments(context);
        this.collection = this.client.getDatabase(this.settings.database())
            .getCollection(this.settings.collection(), BsonDocument.class);
        this.documents = documents;
        try {
            createIndexes();
            int unrestorable = recheckUnrestorable(documents);
            if (unrestorable > 0) {
                logger.warn("Job store '{}' holds {} job(s) that cannot be restored; they are kept and skipped",
                        context.alias(), unrestorable);
            }
        }
        catch (JobStoreException ex) {
            logger.warn("{}: could not prepare its collection: {}", this, ex.getMessage());
        }
        if (this.settings.changeStreams()) {
            this.listener = MongoChangeListener.start(collection(), this.owner, context::wakeup, this::toString);
        }
    }

    /**
     * Sets how long a run slot is held without renewal ({@code run_slot_lease}): how long the slot of a run whose
     * instance died keeps counting towards a cluster-wide {@code max_instances}.
     * @param lease at least one second; {@link RunSlots#DEFAULT_LEASE} unless set
     * @return this store
     */
    public MongoJobStore runSlotLease(Duration lease) {
        this.runSlots.lease(lease);
        return this;
    }

    /**
     * Returns the store's run slots, one document per job in the collection {@code <collection>.run_slots}, which
     * count the runs of jobs whose {@code max_instances_scope} is {@code cluster} across every instance sharing the
     * database.
     */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(this.runSlots);
    }

    /**
     * Tells what the change stream listener does, if the store has one.
     */
    MongoChangeListener.@Nullable State changeStreamState() {
        MongoChangeListener listener = this.listener;
        return (listener != null) ? listener.state() : null;
    }

    /**
     * Marks a write made through the store's API as this instance's, for the other instances' change streams.
     */
    private BsonDocument changed(BsonDocument fields) {
        fields.put(JobDocuments.CHANGED_BY, new BsonString(this.owner + ":" + this.changes.incrementAndGet()));
        return fields;
    }

    private void createIndexes() {
        if (this.indexesCreated || !this.settings.createIndexes()) {
            return;
        }
        call("create its index", () -> collection()
            .createIndex(Indexes.ascending(JobDocuments.NEXT_RUN_TIME), new IndexOptions().name("next_run_time")));
        this.indexesCreated = true;
    }

    private int recheckUnrestorable(JobDocuments documents) {
        return call("check unrestorable jobs", () -> {
            int unrestorable = 0;
            for (BsonDocument document : collection().find(exists(JobDocuments.RESTORE_ERROR, true))) {
                try {
                    documents.decode(document);
                    collection().updateOne(and(eq(JobDocuments.ID, document.get(JobDocuments.ID)),
                            version(document)), new BsonDocument("$unset",
                                    new BsonDocument(JobDocuments.RESTORE_ERROR, new BsonString(""))));
                }
                catch (JobRestoreException ex) {
                    documents.report(ex);
                    unrestorable++;
                }
            }
            return unrestorable;
        });
    }

    @Override
    public void shutdown() {
        MongoChangeListener listener = this.listener;
        this.listener = null;
        if (listener != null) {
            listener.stop();
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
        JobDocuments documents = documents();
        JobCodec.requirePersistable(job, documents.alias());
        BsonDocument document = new BsonDocument(JobDocuments.ID, new BsonString(job.id()));
        document.putAll(changed(documents.stateFields(job)));
        document.put(JobDocuments.VERSION, new BsonInt64(0));
        try {
            call("add job '" + job.id() + "'", () -> collection().insertOne(document));
        }
        catch (JobStoreException ex) {
            if (ex.getCause() instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ConflictingIdException(job.id(), documents.alias());
            }
            throw ex;
        }
    }

    /**
     * Adds the jobs with one query for the ids already stored and one ordered {@code insertMany}, taken back on a
     * conflict that another instance caused meanwhile; stored jobs are replaced with one {@code bulkWrite} when asked.
     */
    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        if (jobs.isEmpty()) {
            return;
        }
        JobStore.requireDistinctIds(jobs);
        JobDocuments documents = documents();
        List<String> ids = jobs.stream().map(Job::id).toList();
        Set<String> stored = call("look up " + ids.size() + " jobs", () -> MongoBatches.storedIds(collection(), ids));
        List<BsonDocument> inserts = new ArrayList<>(jobs.size());
        List<WriteModel<BsonDocument>> replacements = new ArrayList<>();
        for (Job job : jobs) {
            JobCodec.requirePersistable(job, documents.alias());
            if (!stored.contains(job.id())) {
                BsonDocument document = new BsonDocument(JobDocuments.ID, new BsonString(job.id()));
                document.putAll(changed(documents.stateFields(job)));
                document.put(JobDocuments.VERSION, new BsonInt64(0));
                inserts.add(document);
            }
            else if (replaceExisting) {
                replacements.add(new UpdateOneModel<>(eq(JobDocuments.ID, job.id()),
                        store(changed(documents.stateFields(job)))));
            }
            else {
                throw new ConflictingIdException(job.id(), documents.alias());
            }
        }
        String conflict = call("add " + inserts.size() + " jobs", () -> MongoBatches.insertAll(collection(), inserts));
        if (conflict != null) {
            throw new ConflictingIdException(conflict, documents.alias());
        }
        if (!replacements.isEmpty()) {
            call("replace " + replacements.size() + " jobs",
                    () -> collection().bulkWrite(replacements, new BulkWriteOptions().ordered(false)));
        }
    }

    @Override
    public void updateJob(Job job) {
        JobDocuments documents = documents();
        JobCodec.requirePersistable(job, documents.alias());
        BsonDocument update = store(changed(documents.stateFields(job)));
        long matched = call("replace job '" + job.id() + "'",
                () -> collection().updateOne(eq(JobDocuments.ID, job.id()), update).getMatchedCount());
        if (matched == 0) {
            throw new JobLookupException(job.id(), documents.alias());
        }
    }

    /**
     * Reads the job, applies the modification and stores the result only if the job has not changed since it was
     * read (its version); otherwise reads it again and applies the modification to the new state.
     */
    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        JobDocuments documents = documents();
        while (true) {
            BsonDocument document = call("modify job '" + jobId + "'",
                    () -> collection().find(eq(JobDocuments.ID, jobId)).first());
            if (document == null) {
                throw new JobLookupException(jobId, documents.alias());
            }
            Job stored = documents.decode(document);
            Job modified = modification.apply(stored);
            if (!modified.id().equals(jobId)) {
                throw new IllegalArgumentException("a modification must keep the job's id '" + jobId + "', was '"
                        + modified.id() + "'");
            }
            JobCodec.requirePersistable(modified, documents.alias());
            BsonDocument update = store(changed(documents.stateFields(modified)));
            long matched = call("modify job '" + jobId + "'", () -> collection()
                .updateOne(and(eq(JobDocuments.ID, jobId), version(document)), update)
                .getMatchedCount());
            if (matched == 1) {
                return modified;
            }
        }
    }

    @Override
    public void removeJob(String jobId) {
        JobDocuments documents = documents();
        long deleted = call("remove job '" + jobId + "'",
                () -> collection().deleteOne(eq(JobDocuments.ID, jobId)).getDeletedCount());
        if (deleted == 0) {
            throw new JobLookupException(jobId, documents.alias());
        }
    }

    @Override
    public void removeAllJobs() {
        call("remove all jobs", () -> collection().deleteMany(new BsonDocument()));
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        JobDocuments documents = documents();
        List<BsonDocument> found = call("look up job '" + jobId + "'", () -> collection()
            .find(and(eq(JobDocuments.ID, jobId), RESTORABLE)).into(new ArrayList<BsonDocument>()));
        return restore(documents, found).stream().findFirst();
    }

    @Override
    public List<Job> getAllJobs() {
        JobDocuments documents = documents();
        List<BsonDocument> found = call("list its jobs",
                () -> collection().find(RESTORABLE).into(new ArrayList<BsonDocument>()));
        List<Job> jobs = restore(documents, found);
        jobs.sort(ORDER);
        return jobs;
    }

    private List<Job> restore(JobDocuments documents, List<BsonDocument> found) {
        List<Job> jobs = new ArrayList<>(found.size());
        for (BsonDocument document : found) {
            try {
                jobs.add(documents.decode(document));
            }
            catch (JobRestoreException ex) {
                markUnrestorable(document, ex, null);
                documents.report(ex);
            }
        }
        return jobs;
    }

    private void markUnrestorable(BsonDocument document, JobRestoreException failure, @Nullable String claimOwner) {
        Bson filter = and(eq(JobDocuments.ID, document.get(JobDocuments.ID)), version(document));
        if (claimOwner != null) {
            filter = and(filter, eq(JobDocuments.CLAIM_OWNER, claimOwner));
        }
        BsonDocument update = new BsonDocument("$set",
                new BsonDocument(JobDocuments.RESTORE_ERROR, new BsonString(String.valueOf(failure.getMessage()))))
            .append("$unset", new BsonDocument(JobDocuments.CLAIM_OWNER, new BsonString(""))
                .append(JobDocuments.CLAIM_UNTIL, new BsonString("")));
        Bson markFilter = filter;
        call("mark job '" + failure.jobId() + "' as unrestorable", () -> collection().updateOne(markFilter, update));
    }

    /**
     * Counts the documents with three count queries, without restoring them.
     */
    @Override
    public JobCounts jobCounts() {
        return call("count its jobs", () -> {
            long all = collection().countDocuments();
            long unrestorable = collection().countDocuments(exists(JobDocuments.RESTORE_ERROR, true));
            long paused = collection().countDocuments(and(RESTORABLE, eq(JobDocuments.NEXT_RUN_TIME, null)));
            return new JobCounts(all - unrestorable, paused, unrestorable);
        });
    }

    /**
     * Returns the earliest due time. A job claimed by an acquire step whose lease still holds counts as due no
     * earlier than its lease's end, so that a scheduler does not keep asking for a job a stopped instance claimed.
     */
    @Override
    public Optional<Instant> nextRunTime() {
        long wall = this.wallClock.millis();
        return call("find its next run time", () -> {
            Bson scheduled = and(RESTORABLE, ne(JobDocuments.NEXT_RUN_TIME, null));
            BsonDocument first = collection()
                .find(and(scheduled, or(exists(JobDocuments.CLAIM_UNTIL, false), lt(JobDocuments.CLAIM_UNTIL, wall))))
                .projection(Projections.include(JobDocuments.NEXT_RUN_TIME))
                .sort(Sorts.ascending(JobDocuments.NEXT_RUN_TIME))
                .limit(1)
                .first();
            Instant earliest = (first != null) ? JobDocuments.nextRunTime(first) : null;
            for (BsonDocument claimed : collection().find(and(scheduled, gte(JobDocuments.CLAIM_UNTIL, wall)))
                .projection(Projections.include(JobDocuments.NEXT_RUN_TIME, JobDocuments.CLAIM_UNTIL))) {
                Instant due = JobDocuments.nextRunTime(claimed);
                BsonValue until = claimed.get(JobDocuments.CLAIM_UNTIL);
                if (due == null || until == null || !until.isNumber()) {
                    continue;
                }
                Instant leaseEnd = Instant.ofEpochMilli(until.asNumber().longValue());
                Instant time = due.isAfter(leaseEnd) ? due : leaseEnd;
                if (earliest == null || time.isBefore(earliest)) {
                    earliest = time;
                }
            }
            return Optional.ofNullable(earliest);
        });
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        JobDocuments documents = documents();
        createIndexes();
        String claimOwner = this.owner + "-" + this.steps.incrementAndGet();
        List<BsonDocument> claimed = new ArrayList<>();
        try {
            claim(now, limit, claimOwner, claimed);
        }
        catch (JobStoreException ex) {
            release(claimOwner);
            throw ex;
        }
        List<AcquiredJob> acquired = new ArrayList<>(claimed.size());
        try {
            for (BsonDocument document : claimed) {
                Job job;
                try {
                    job = documents.decode(document);
                }
                catch (JobRestoreException ex) {
                    markUnrestorable(document, ex, claimOwner);
                    documents.report(ex);
                    continue;
                }
                JobDecision decision = decider.decide(job);
                if (store(document, claimOwner, decision.applyTo(job))) {
                    acquired.add(new AcquiredJob(job, decision));
                }
            }
        }
        catch (RuntimeException ex) {
            release(claimOwner);
            if (acquired.isEmpty()) {
                throw ex;
            }
            // the decisions stored so far took their fire times: they are handed over, not lost
            logger.warn("{}: acquire step ended early after {} job(s): {}", this, acquired.size(), ex.getMessage());
        }
        return acquired;
    }

    /**
     * Finds the earliest due documents that are not claimed (one query, on the {@code next_run_time} index), then
     * claims each with a {@code findOneAndUpdate} by id that matches only while it is still due and unclaimed: a
     * document another step claimed meanwhile is skipped.
     */
    private void claim(Instant now, int limit, String claimOwner, List<BsonDocument> claimed) {
        long wall = this.wallClock.millis();
        Bson due = and(lte(JobDocuments.NEXT_RUN_TIME, JobDocuments.floorMicros(now)), RESTORABLE,
                or(exists(JobDocuments.CLAIM_UNTIL, false), lt(JobDocuments.CLAIM_UNTIL, wall)));
        BsonDocument claim = new BsonDocument("$set",
                new BsonDocument(JobDocuments.CLAIM_OWNER, new BsonString(claimOwner)).append(
                        JobDocuments.CLAIM_UNTIL, new BsonInt64(wall + this.settings.claimLease().toMillis())));
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        call("claim its due jobs", () -> {
            List<BsonValue> candidates = new ArrayList<>();
            for (BsonDocument candidate : collection().find(due)
                .projection(Projections.include(JobDocuments.ID))
                .sort(Sorts.ascending(JobDocuments.NEXT_RUN_TIME, JobDocuments.ID))
                .limit(limit + CANDIDATES_BEYOND_LIMIT)) {
                candidates.add(candidate.get(JobDocuments.ID));
            }
            for (BsonValue id : candidates) {
                if (claimed.size() == limit) {
                    break;
                }
                BsonDocument document = collection().findOneAndUpdate(and(eq(JobDocuments.ID, id), due), claim,
                        options);
                if (document != null) {
                    claimed.add(document);
                }
            }
            return claimed;
        });
    }

    /**
     * Stores a decision for a claimed job, if the job still carries the claim at the version it was claimed at.
     */
    private boolean store(BsonDocument document, String claimOwner, Optional<Job> next) {
        String id = JobDocuments.id(document);
        Bson filter = and(eq(JobDocuments.ID, document.get(JobDocuments.ID)),
                eq(JobDocuments.CLAIM_OWNER, claimOwner), version(document));
        if (next.isEmpty()) {
            return call("remove job '" + id + "'", () -> collection().deleteOne(filter).getDeletedCount()) == 1;
        }
        BsonDocument update = store(documents().stateFields(next.get()));
        return call("store the schedule of job '" + id + "'",
                () -> collection().updateOne(filter, update).getMatchedCount()) == 1;
    }

    /**
     * Gives up what an acquire step still claims, so that other steps need not wait for the lease to pass.
     */
    private void release(String claimOwner) {
        try {
            collection().updateMany(eq(JobDocuments.CLAIM_OWNER, claimOwner),
                    new BsonDocument("$unset", new BsonDocument(JobDocuments.CLAIM_OWNER, new BsonString(""))
                        .append(JobDocuments.CLAIM_UNTIL, new BsonString(""))));
        }
        catch (MongoException | IllegalStateException ex) {
            logger.debug("{}: could not release the claims of {}; they end with their lease", this, claimOwner, ex);
        }
    }

    /**
     * The update that writes a job's state: sets the given fields, removes the other state field, the claim and any
     * restore error, and increases the version.
     */
    private static BsonDocument store(BsonDocument fields) {
        BsonDocument unset = new BsonDocument();
        unset.put(fields.containsKey(JobDocuments.STATE) ? JobDocuments.STATE_JSON : JobDocuments.STATE,
                new BsonString(""));
        unset.put(JobDocuments.CLAIM_OWNER, new BsonString(""));
        unset.put(JobDocuments.CLAIM_UNTIL, new BsonString(""));
        unset.put(JobDocuments.RESTORE_ERROR, new BsonString(""));
        return new BsonDocument("$set", fields).append("$unset", unset)
            .append("$inc", new BsonDocument(JobDocuments.VERSION, new BsonInt64(1)));
    }

    /**
     * Matches a document only at the version it was read at.
     */
    private static Bson version(BsonDocument document) {
        BsonValue version = document.get(JobDocuments.VERSION);
        return (version != null) ? eq(JobDocuments.VERSION, version) : exists(JobDocuments.VERSION, false);
    }

    /**
     * Returns the stored jobs found so far that cannot be restored, for operators: each with the reason. They stay
     * in the collection, skipped, until they are replaced or removed.
     * @return the jobs, ordered by id
     */
    @Override
    public List<UnrestorableJob> unrestorableJobs() {
        return call("list its unrestorable jobs", () -> {
            List<UnrestorableJob> jobs = new ArrayList<>();
            for (BsonDocument document : collection().find(exists(JobDocuments.RESTORE_ERROR, true))
                .sort(Sorts.ascending(JobDocuments.ID))) {
                BsonValue error = document.get(JobDocuments.RESTORE_ERROR);
                jobs.add(new UnrestorableJob(JobDocuments.id(document), JobDocuments.nextRunTime(document),
                        (error != null && error.isString()) ? error.asString().getValue() : String.valueOf(error)));
            }
            return jobs;
        });
    }

    private <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        }
        catch (MongoException ex) {
            throw new JobStoreException(this + " failed to " + action + ": " + ex.getMessage(), ex);
        }
        catch (IllegalStateException ex) {
            // the driver's answer once the client is closed
            throw new JobStoreException(this + " failed to " + action + ": " + ex.getMessage(), ex);
        }
    }

    private JobDocuments documents() {
        JobDocuments documents = this.documents;
        if (documents == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return documents;
    }

    private MongoCollection<BsonDocument> collection() {
        MongoCollection<BsonDocument> collection = this.collection;
        if (collection == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return collection;
    }

    @Override
    public String toString() {
        JobDocuments documents = this.documents;
        return "MongoJobStore[" + ((documents != null) ? documents.alias() : "not started") + "]";
    }

}
