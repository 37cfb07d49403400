package dev.apscheduler.spring.boot.redis;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis server the tests run on: the machine's, on 127.0.0.1:6379 (CI starts it), unless a test starts one of
 * its own. Each test uses keys under a prefix of its own and deletes them afterwards. When the server is unreachable,
 * the tests fail where {@code CI=true} and are skipped elsewhere.
 */
final class TestRedis {

    /** The machine's server's port. */
    static final int PORT = 6379;

    private static volatile LettuceConnectionFactory shared;

    private TestRedis() {
    }

    /**
     * Returns a connection factory on the machine's server, shared by the tests, after checking the server answers.
     */
    static synchronized LettuceConnectionFactory connectionFactory() {
        if (shared == null) {
            LettuceConnectionFactory factory = connectionFactory(PORT);
            require(factory);
            shared = factory;
        }
        return shared;
    }

    /**
     * Creates and starts a connection factory on a local server, with a short command timeout so that calls fail
     * fast while the server is down.
     */
    static LettuceConnectionFactory connectionFactory(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(2))
            .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1",
                port), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static void require(LettuceConnectionFactory factory) {
        try {
            new StringRedisTemplate(factory).execute((org.springframework.data.redis.core.RedisCallback<String>) (
                    connection) -> connection.ping());
        }
        catch (RuntimeException ex) {
            String message = "Redis server at 127.0.0.1:" + PORT + " is not reachable: " + ex.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message, ex);
            }
            Assumptions.abort(message);
        }
    }

    /**
     * Returns keys under a prefix no other test uses.
     */
    static RedisKeys uniqueKeys() {
        String prefix = "apscheduler-test-" + UUID.randomUUID();
        return RedisKeys.of(prefix + ".jobs", prefix + ".run_times");
    }

    /**
     * Deletes a store's keys.
     */
    static void delete(LettuceConnectionFactory factory, RedisKeys keys) {
        new StringRedisTemplate(factory).delete(keys.dataKeys());
    }

}
