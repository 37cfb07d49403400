package dev.apscheduler.spring.boot.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The core's job store contract for the Redis store on a Redis Cluster of three masters that the test starts: the
 * store's scripts run there because all of a store's keys share one hash tag, hence one slot.
 */
class RedisClusterModeJobStoreIntegrationTests extends JobStoreContractTests {

    private static LocalRedisServers servers;

    private static LettuceConnectionFactory connectionFactory;

    private final RedisKeys keys = TestRedis.uniqueKeys();

    @BeforeAll
    static void startCluster() throws Exception {
        servers = LocalRedisServers.cluster(3);
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(
                servers.ports().stream().map((port) -> "127.0.0.1:" + port).toList());
        connectionFactory = new LettuceConnectionFactory(cluster,
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Override
    protected JobStore createStore() {
        return newStore();
    }

    @Override
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.of(newStore());
    }

    private RedisJobStore newStore() {
        return new RedisJobStore(connectionFactory, this.keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
    }

    @Override
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
        redis.opsForHash().put(this.keys.jobs(), jobId, "{\"version\":1,\"id\":\"" + jobId + "\",corrupt");
        redis.opsForZSet().add(this.keys.runTimes(), jobId, RedisJobEntries.ceilMicros(nextRunTime));
        return true;
    }

    @Override
    protected boolean dataContains(String jobId) {
        return new StringRedisTemplate(connectionFactory).opsForHash().hasKey(this.keys.jobs(), jobId);
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.delete(connectionFactory, this.keys);
    }

}
