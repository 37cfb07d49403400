package dev.apscheduler.spring.boot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContractTests;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The core's job store contract for the Redis store on the machine's Redis server, with a second store instance on
 * the same keys for the cross-instance acquire test. Each test uses keys of its own and deletes them.
 */
class RedisJobStoreIntegrationTests extends JobStoreContractTests {

    private final RedisKeys keys = TestRedis.uniqueKeys();

    @Override
    protected JobStore createStore() {
        return newStore();
    }

    @Override
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.of(newStore());
    }

    /**
     * Returns the connection the stores and the checks use: the machine's Redis server's.
     */
    LettuceConnectionFactory connectionFactory() {
        return TestRedis.connectionFactory();
    }

    private RedisJobStore newStore() {
        return new RedisJobStore(connectionFactory(), this.keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
    }

    @Override
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory());
        redis.opsForHash().put(this.keys.jobs(), jobId, "{\"version\":1,\"id\":\"" + jobId + "\",corrupt");
        redis.opsForZSet().add(this.keys.runTimes(), jobId, RedisJobEntries.ceilMicros(nextRunTime));
        return true;
    }

    @Override
    protected boolean dataContains(String jobId) {
        return new StringRedisTemplate(connectionFactory()).opsForHash().hasKey(this.keys.jobs(), jobId);
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.delete(connectionFactory(), this.keys);
    }

}
