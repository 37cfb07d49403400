package dev.apscheduler.spring.boot.redis;

import java.util.List;

import dev.apscheduler.spring.boot.support.StoreRestartTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code redis} store across restarts of a fully auto-configured application on the machine's Redis server, under
 * keys of the test's own.
 */
class RedisRestartIntegrationTests extends StoreRestartTests {

    private final RedisKeys keys = TestRedis.uniqueKeys();

    @AfterEach
    void deleteKeys() {
        TestRedis.delete(TestRedis.connectionFactory(), this.keys);
    }

    @Override
    protected List<String> storeProperties() {
        TestRedis.connectionFactory();
        return List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + TestRedis.PORT,
                "spring.data.redis.timeout=2s", "apscheduler.jobstores.default.type=redis",
                "apscheduler.jobstores.default.jobs-key=" + this.keys.jobs(),
                "apscheduler.jobstores.default.run-times-key=" + this.keys.runTimes(),
                "apscheduler.jobstores.default.look-ahead=0",
                // MongoDB is on the test class path for its own store's tests, not running
                "spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure."
                        + "MongoAutoConfiguration,org.springframework.boot.mongodb.autoconfigure."
                        + "MongoReactiveAutoConfiguration");
    }

    @Override
    protected @Nullable String storedState(String id) {
        return new StringRedisTemplate(TestRedis.connectionFactory()).<String, String>opsForHash()
            .get(this.keys.jobs(), id);
    }

}
