package dev.apscheduler.spring.boot.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobLookupException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.JobStoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.RunSlots;
import dev.apscheduler.store.UnrestorableJob;
import dev.apscheduler.store.UnrestorableJobs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Keeps jobs in Redis through Spring Data Redis: the {@code redis} job store, APScheduler's {@code RedisJobStore}.
 * Job states live as JSON ({@link JobCodec}, the same JSON as the {@code jpa} store's, never Java serialization) in a
 * hash, due times in a sorted set (see {@link RedisKeys}); several scheduler instances can share them. The acquire
 * step is two Lua scripts around the engine's decision: the first claims due jobs (taking them out of the run times
 * and giving each a claim with a lease), the second writes each decision only if the claim is still this step's,
 * so every fire time runs at most once across instances; a claim whose lease ran out (its instance died) is put
 * back and taken over. Every change breaks a claim on the job, so an acquire step never writes back a stale state.
 * Changes are announced on a pub/sub channel, which wakes the other instances' schedulers at once;
 * {@link #maxWait()} remains as the fallback.
 *
 * <p>An entry that cannot be restored is never deleted: it is marked, skipped, reported through
 * {@link JobStoreContext#reportUnrestorableJob} and listed by {@link #unrestorableJobs()}. Redis failures surface as
 * {@link JobStoreException}s, which the scheduler reports and retries.
 */
public final class RedisJobStore implements JobStore, UnrestorableJobs {

    /** This store's type name. */
    public static final String TYPE = "redis";

    /** How long a scheduler sleeps at most before looking at the store again, by default (pub/sub wakes it sooner). */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** How far ahead of their run time a scheduler claims this store's jobs, by default. */
    public static final Duration DEFAULT_LOOK_AHEAD = Duration.ofMillis(250);

    /** How long a claim holds, by default, before another instance may take the job over. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(RedisJobStore.class);

    private static final Comparator<Job> ORDER = Comparator
        .comparing((Job job) -> job.dueTime().map(ZonedDateTime::toInstant).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Job::id);

    private static final int MAX_MODIFY_ATTEMPTS = 100;

    private final RedisConnectionFactory connectionFactory;

    private final StringRedisTemplate redis;

    private final RedisKeys keys;

    private final List<String> scriptKeys;

    private final Duration maxWait;

    private final Duration lookAhead;

    private final Duration claimLease;

    private final String origin = UUID.randomUUID().toString();

    private final AtomicLong claims = new AtomicLong();

    private volatile @Nullable RedisJobEntries entries;

    private volatile @Nullable RedisChangeListener listener;

    private volatile @Nullable Prefetched prefetched;

    private final RedisRunSlots runSlots;

    /**
     * Creates a store.
     * @param connectionFactory the connection to Redis
     * @param keys the store's keys
     * @param maxWait how long a scheduler sleeps at most before looking at the store again
     * @param lookAhead how far ahead of their run time a scheduler claims jobs ({@link JobStore#lookAhead()})
     * @param claimLease how long a claim holds before another instance may take the job over
     */
    public RedisJobStore(RedisConnectionFactory connectionFactory, RedisKeys keys, Duration maxWait,
            Duration lookAhead, Duration claimLease) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max_wait must be positive, was " + maxWait);
        }
        if (claimLease.toMillis() < 1) {
            throw new IllegalArgumentException("claim_lease must be at least 1ms, was " + claimLease);
        }
        this.maxWait = maxWait;
        this.lookAhead = JobStore.checkLookAhead(lookAhead);
        this.claimLease = claimLease;
        this.redis = new StringRedisTemplate(connectionFactory);
        this.scriptKeys = RedisScripts.keys(keys);
        this.runSlots = new RedisRunSlots(this.redis, keys, this::toString);
    }

    /**
     * Returns the store's Redis keys.
     * @return the keys
     */
    public RedisKeys keys() {
        return this.keys;
    }

    @Override
    public void start(JobStoreContext context) {
        this.runSlots.clock(context.clock());
        RedisJobEntries entries = new RedisJobEntries(context);
        this.entries = entries;
        this.listener = RedisChangeListener.start(this.connectionFactory, this.keys.channel(), this.origin,
                entries::wakeup, this::toString);
        try {
            int unrestorable = recheckUnrestorable(entries);
            if (unrestorable > 0) {
                logger.warn("Job store '{}' holds {} job(s) that cannot be restored; they are kept and skipped",
                        context.alias(), unrestorable);
            }
        }
        catch (JobStoreException ex) {
            logger.warn("{}: could not check the jobs that could not be restored before: {}", this, ex.getMessage());
        }
    }

    /**
     * Sets how long a run slot is held without renewal ({@code run_slot_lease}): how long the slot of a run whose
     * instance died keeps counting towards a cluster-wide {@code max_instances}.
     * @param lease at least one second; {@link RunSlots#DEFAULT_LEASE} unless set
     * @return this store
     */
    public RedisJobStore runSlotLease(Duration lease) {
        this.runSlots.lease(lease);
        return this;
    }

    /**
     * Returns the store's run slots: one sorted set of leases per job, under the store's hash tag, which count the
     * runs of jobs whose {@code max_instances_scope} is {@code cluster} across every instance sharing the keys.
     */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(this.runSlots);
    }

    @Override
    public void shutdown() {
        RedisChangeListener listener = this.listener;
        this.listener = null;
        if (listener != null) {
            listener.stop();
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public Optional<Duration> maxWait() {
        return Optional.of(this.maxWait);
    }

    @Override
    public Duration lookAhead() {
        return this.lookAhead;
    }

    @Override
    public void addJob(Job job) {
        this.prefetched = null;
        RedisJobEntries entries = entries();
        JobCodec.requirePersistable(job, entries.alias());
        Long added = script("add job '" + job.id() + "'", RedisScripts.ADD, job.id(), entries.encode(job),
                RedisJobEntries.score(job), this.keys.channel(), this.origin);
        if (added == null || added == 0) {
            throw new ConflictingIdException(job.id(), entries.alias());
        }
    }

    /**
     * Adds the jobs with one script, in one round trip: all or none.
     */
    @Override
    public void addJobs(List<Job> jobs, boolean replaceExisting) {
        if (jobs.isEmpty()) {
            return;
        }
        this.prefetched = null;
        JobStore.requireDistinctIds(jobs);
        RedisJobEntries entries = entries();
        String[] args = new String[3 + 3 * jobs.size()];
        args[0] = this.keys.channel();
        args[1] = this.origin;
        args[2] = replaceExisting ? "1" : "0";
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            JobCodec.requirePersistable(job, entries.alias());
            args[3 + 3 * i] = job.id();
            args[4 + 3 * i] = entries.encode(job);
            args[5 + 3 * i] = RedisJobEntries.score(job);
        }
        Long conflict = script("add " + jobs.size() + " jobs", RedisScripts.ADD_ALL, args);
        if (conflict == null) {
            throw new JobStoreException(this + ": could not add " + jobs.size() + " jobs: no answer");
        }
        if (conflict > 0) {
            throw new ConflictingIdException(jobs.get((int) (conflict - 1)).id(), entries.alias());
        }
    }

    @Override
    public void updateJob(Job job) {
        this.prefetched = null;
        RedisJobEntries entries = entries();
        JobCodec.requirePersistable(job, entries.alias());
        Long result = put(job, entries.encode(job), null);
        if (result == null || result < 0) {
            throw new JobLookupException(job.id(), entries.alias());
        }
    }

    @Override
    public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
        this.prefetched = null;
        RedisJobEntries entries = entries();
        for (int attempt = 1;; attempt++) {
            String state = script("look up job '" + jobId + "'", RedisScripts.LOOKUP, jobId);
            if (state == null) {
                throw new JobLookupException(jobId, entries.alias());
            }
            Job job = restore(entries, jobId, state).orElseThrow(() -> new JobLookupException(jobId, entries.alias()));
            Job modified = modification.apply(job);
            if (!modified.id().equals(jobId)) {
                throw new IllegalArgumentException("a modification must keep the job's id '" + jobId + "', was '"
                        + modified.id() + "'");
            }
            JobCodec.requirePersistable(modified, entries.alias());
            Long result = put(modified, entries.encode(modified), state);
            if (result == null || result < 0) {
                throw new JobLookupException(jobId, entries.alias());
            }
            if (result == 1) {
                return modified;
            }
            if (attempt == MAX_MODIFY_ATTEMPTS) {
                throw new JobStoreException(this + ": could not modify job '" + jobId + "': it kept changing under "
                        + MAX_MODIFY_ATTEMPTS + " attempts");
            }
        }
    }

    private @Nullable Long put(Job job, String state, @Nullable String expected) {
        return script("store job '" + job.id() + "'", RedisScripts.PUT, job.id(), state, RedisJobEntries.score(job),
                this.keys.channel(), this.origin, (expected != null) ? "1" : "0", (expected != null) ? expected : "");
    }

    @Override
    public void removeJob(String jobId) {
        this.prefetched = null;
        RedisJobEntries entries = entries();
        Long removed = script("remove job '" + jobId + "'", RedisScripts.REMOVE, jobId, this.keys.channel(),
                this.origin);
        if (removed == null || removed == 0) {
            throw new JobLookupException(jobId, entries.alias());
        }
    }

    @Override
    public void removeAllJobs() {
        this.prefetched = null;
        entries();
        script("remove all jobs", RedisScripts.REMOVE_ALL, this.keys.channel(), this.origin);
    }

    @Override
    public Optional<Job> lookupJob(String jobId) {
        RedisJobEntries entries = entries();
        String state = script("look up job '" + jobId + "'", RedisScripts.LOOKUP, jobId);
        return (state != null) ? restore(entries, jobId, state) : Optional.empty();
    }

    @Override
    public List<Job> getAllJobs() {
        RedisJobEntries entries = entries();
        Map<Object, Object> states = call("list its jobs", () -> this.redis.opsForHash().entries(this.keys.jobs()));
        Set<Object> marked = call("list its jobs", () -> this.redis.opsForHash().keys(this.keys.unrestorable()));
        List<Job> jobs = new ArrayList<>(states.size());
        states.forEach((id, state) -> {
            if (!marked.contains(id)) {
                restore(entries, (String) id, (String) state).ifPresent(jobs::add);
            }
        });
        jobs.sort(ORDER);
        return jobs;
    }

    /**
     * Counts the jobs with one script, without restoring them: the jobs without a due time that are not being
     * acquired are the paused ones.
     */
    @Override
    public JobCounts jobCounts() {
        List<Object> counts = call("count its jobs", () -> this.redis.execute(RedisScripts.COUNT, this.scriptKeys));
        long entries = number(counts.get(0));
        long unrestorable = number(counts.get(1));
        long scheduled = number(counts.get(2)) + number(counts.get(3));
        long total = Math.max(0, entries - unrestorable);
        long paused = Math.max(0, total - scheduled);
        return new JobCounts(total, paused, unrestorable);
    }

    /**
     * Returns the earliest due time. Right after an acquire step on the same thread (the scheduler's loop asks for
     * it after every acquire step), the due time that step's script found is returned without asking Redis again.
     */
    @Override
    public Optional<Instant> nextRunTime() {
        Prefetched prefetched = this.prefetched;
        if (prefetched != null && prefetched.thread() == Thread.currentThread()) {
            this.prefetched = null;
            return Optional.ofNullable(prefetched.nextRunTime());
        }
        Set<TypedTuple<String>> first = call(
                "find its next run time", () -> this.redis.opsForZSet().rangeWithScores(this.keys.runTimes(), 0, 0));
        if (first == null || first.isEmpty()) {
            return Optional.empty();
        }
        Double score = first.iterator().next().getScore();
        return Optional.ofNullable(score).map((micros) -> RedisJobEntries.instant(String.valueOf(micros.longValue())));
    }

    @Override
    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        RedisJobEntries entries = entries();
        String token = this.origin + ":" + this.claims.incrementAndGet();
        List<Object> claimed = call("acquire its due jobs", () -> this.redis.execute(RedisScripts.CLAIM,
                this.scriptKeys, String.valueOf(RedisJobEntries.floorMicros(now)), String.valueOf(limit), token,
                String.valueOf(this.claimLease.toMillis())));
        if (claimed.size() <= 1) {
            this.prefetched = new Prefetched(Thread.currentThread(), dueTime(claimed.get(claimed.size() - 1)));
            return List.of();
        }
        DueJobDecisions decisions = DueJobDecisions.decide(entries, claimed, now, decider);
        List<Object> committed = call("acquire its due jobs", () -> this.redis.execute(RedisScripts.COMMIT,
                this.scriptKeys, decisions.arguments(token)));
        decisions.unrestorable().forEach(entries::report);
        this.prefetched = new Prefetched(Thread.currentThread(), dueTime(committed.get(committed.size() - 1)));
        return decisions.acquired(committed);
    }

    private static @Nullable Instant dueTime(@Nullable Object score) {
        return (score == null || "".equals(score)) ? null : RedisJobEntries.instant(score.toString());
    }

    /**
     * Returns the stored entries found so far that cannot be restored, for operators: each with the reason. They
     * stay in Redis, skipped, until they are replaced or removed.
     * @return the jobs, ordered by id
     */
    @Override
    public List<UnrestorableJob> unrestorableJobs() {
        Map<Object, Object> marked = call("list its unrestorable jobs",
                () -> this.redis.opsForHash().entries(this.keys.unrestorable()));
        List<UnrestorableJob> jobs = new ArrayList<>(marked.size());
        marked.forEach((id, value) -> {
            String text = (String) value;
            int bar = text.indexOf('|');
            String score = (bar >= 0) ? text.substring(0, bar) : "";
            jobs.add(new UnrestorableJob((String) id, dueTime(score), text.substring(bar + 1)));
        });
        jobs.sort(Comparator.comparing(UnrestorableJob::jobId));
        return jobs;
    }

    /**
     * Checks the marked entries again: unmarks those that can be restored now and reports the others.
     * @return how many entries are still unrestorable
     */
    private int recheckUnrestorable(RedisJobEntries entries) {
        Set<Object> marked = call("check unrestorable jobs",
                () -> this.redis.opsForHash().keys(this.keys.unrestorable()));
        int unrestorable = 0;
        for (Object id : marked) {
            String state = call("check unrestorable jobs",
                    () -> this.redis.<String, String>opsForHash().get(this.keys.jobs(), id));
            if (state == null) {
                continue;
            }
            try {
                Job job = entries.decode((String) id, state);
                put(job, state, state);
            }
            catch (JobRestoreException ex) {
                entries.report(ex);
                unrestorable++;
            }
        }
        return unrestorable;
    }

    /**
     * Restores a job, or marks its entry and reports it.
     */
    private Optional<Job> restore(RedisJobEntries entries, String id, String state) {
        try {
            return Optional.of(entries.decode(id, state));
        }
        catch (JobRestoreException ex) {
            script("mark job '" + id + "' as unrestorable", RedisScripts.MARK, id, state,
                    String.valueOf(ex.getMessage()));
            entries.report(ex);
            return Optional.empty();
        }
    }

    private <T> @Nullable T script(String operation, RedisScript<T> script, String... args) {
        return call(operation, () -> this.redis.execute(script, this.scriptKeys, (Object[]) args));
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (RuntimeException ex) {
            throw new JobStoreException(this + ": could not " + operation + ": " + ex.getMessage(), ex);
        }
    }

    private static long number(Object value) {
        return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
    }

    private RedisJobEntries entries() {
        RedisJobEntries entries = this.entries;
        if (entries == null) {
            throw new JobStoreException(this + " has not been started");
        }
        return entries;
    }

    /**
     * The next run time an acquire step found, for the thread that made it.
     */
    private record Prefetched(Thread thread, @Nullable Instant nextRunTime) {
    }

    @Override
    public String toString() {
        RedisJobEntries entries = this.entries;
        return "RedisJobStore[" + ((entries != null) ? entries.alias() : "not started") + "]";
    }

}
