package dev.apscheduler.spring.boot.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.store.RunSlots;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The redis store's run slots: one sorted set per job, <code>&lt;jobs-key&gt;.run_slots.&lt;job id&gt;</code> (so
 * under the store's hash tag), whose members are the slot ids scored by when their lease ends (epoch milliseconds of
 * the scheduler's clock). Each operation is one Lua script, atomic on the server: it first drops the expired members,
 * then counts, adds, renews or removes. The set itself expires a while after its last change, so that a job's slots
 * leave nothing behind when every instance holding them died.
 */
final class RedisRunSlots implements RunSlots {

    /** Drops expired slots; takes the slot if fewer than max are held (or it is held already). */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if not redis.call('ZSCORE', KEYS[1], ARGV[3]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """, Long.class);

    /** Drops expired slots; extends the slot if it is still held. */
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final String prefix;

    private final Supplier<String> description;

    private volatile Duration lease = RunSlots.DEFAULT_LEASE;

    private volatile Clock clock = Clock.systemUTC();

    RedisRunSlots(StringRedisTemplate redis, RedisKeys keys, Supplier<String> description) {
        this.redis = redis;
        this.prefix = keys.jobs() + ".run_slots.";
        this.description = description;
    }

    void lease(Duration lease) {
        this.lease = RunSlots.checkLease(lease);
    }

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the key of a job's slots. */
    String key(String jobId) {
        return this.prefix + jobId;
    }

    /** How long a job's set outlives its last change: long enough never to cut a held lease short. */
    private String keyTtl() {
        return String.valueOf(this.lease.toMillis() * 2);
    }

    @Override
    public Duration lease() {
        return this.lease;
    }

    @Override
    public boolean acquire(String jobId, String slotId, int maxInstances) {
        long now = this.clock.millis();
        Long taken = call("take a run slot of job '" + jobId + "'", () -> this.redis.execute(ACQUIRE,
                List.of(key(jobId)), String.valueOf(now), String.valueOf(now + this.lease.toMillis()), slotId,
                String.valueOf(maxInstances), keyTtl()));
        return taken != null && taken == 1L;
    }

    @Override
    public boolean renew(String jobId, String slotId) {
        long now = this.clock.millis();
        Long renewed = call("renew a run slot of job '" + jobId + "'", () -> this.redis.execute(RENEW,
                List.of(key(jobId)), String.valueOf(now), String.valueOf(now + this.lease.toMillis()), slotId,
                keyTtl()));
        return renewed != null && renewed == 1L;
    }

    @Override
    public void release(String jobId, String slotId) {
        call("give back a run slot of job '" + jobId + "'", () -> this.redis.opsForZSet().remove(key(jobId), slotId));
    }

    @Override
    public int count(String jobId) {
        long now = this.clock.millis();
        Long count = call("count the run slots of job '" + jobId + "'",
                () -> this.redis.opsForZSet().count(key(jobId), Math.nextUp((double) now), Double.POSITIVE_INFINITY));
        return (count != null) ? count.intValue() : 0;
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (RuntimeException ex) {
            throw new JobStoreException(this.description.get() + ": could not " + operation + ": " + ex.getMessage(),
                    ex);
        }
    }

}
