package dev.apscheduler.spring.boot.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The core's job store contract for the Redis store on a Redis Cluster of three masters that the test starts: the
 * store's scripts run there because all of a store's keys share one hash tag, hence one slot.
 */
class RedisClusterModeJobStoreIntegrationTests extends RedisJobStoreIntegrationTests {

    private static LocalRedisServers servers;

    private static LettuceConnectionFactory connectionFactory;

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
    LettuceConnectionFactory connectionFactory() {
        return connectionFactory;
    }

}
