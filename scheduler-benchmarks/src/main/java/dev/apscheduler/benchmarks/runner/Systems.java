package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.apscheduler.spring.boot.redis.RedisJobStore;
import dev.apscheduler.spring.boot.redis.RedisKeys;
import dev.apscheduler.store.MemoryJobStore;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The systems the benchmark program knows, by the name given on its command line. Our scheduler appears once per job
 * store: an {@link ApschedulerRunner} given the store and what to close after it; another store is benchmarked by
 * adding a line here.
 */
public final class Systems {

    private static final Map<String, Function<RunnerEnvironment, SchedulerRunner>> FACTORIES = factories();

    /** The look-ahead window of the second in-memory configuration. */
    private static final Duration MEMORY_LOOK_AHEAD = Duration.ofMillis(250);

    private Systems() {
    }

    private static Map<String, Function<RunnerEnvironment, SchedulerRunner>> factories() {
        Map<String, Function<RunnerEnvironment, SchedulerRunner>> factories = new LinkedHashMap<>();
        factories.put("apscheduler-memory", (environment) -> memory(environment, new MemoryJobStore(),
                Map.of("store", "memory")));
        factories.put("apscheduler-memory-lookahead", (environment) -> memory(environment,
                new MemoryJobStore(MEMORY_LOOK_AHEAD), Map.of("store", "memory, look_ahead=" + MEMORY_LOOK_AHEAD)));
        factories.put("apscheduler-jpa-h2", (environment) -> jpa(environment, JpaStoreApplication.h2(environment)));
        factories.put("apscheduler-jpa-postgres",
                (environment) -> jpa(environment, JpaStoreApplication.postgres(environment)));
        factories.put("apscheduler-redis", Systems::redis);
        factories.put("apscheduler-mongodb", Systems::mongodb);
        factories.put("apscheduler-zookeeper", Systems::zookeeper);
        factories.put("quartz-ram", QuartzRunner::ram);
        factories.put("quartz-jdbc-postgres", QuartzRunner::jdbcPostgres);
        factories.put("db-scheduler-postgres", DbSchedulerRunner::new);
        factories.put("spring-tpts", SpringTaskSchedulerRunner::new);
        return factories;
    }

    /**
     * Our scheduler on a memory store; with {@code --history jpa} its run history goes to a JPA history on
     * PostgreSQL, the history's own application.
     */
    private static SchedulerRunner memory(RunnerEnvironment environment, MemoryJobStore store,
            Map<String, Object> settings) {
        if (!"jpa".equals(environment.history())) {
            return new ApschedulerRunner(environment, store, settings, null, () -> { });
        }
        JpaStoreApplication history = JpaStoreApplication.postgres(environment);
        try {
            Map<String, Object> all = new LinkedHashMap<>(settings);
            all.putAll(history.settings());
            all.put("store", settings.get("store"));
            all.remove("jpa_max_wait");
            all.remove("jpa_look_ahead");
            return new ApschedulerRunner(environment, store, all, history.historyStore().orElseThrow(), history);
        }
        catch (RuntimeException ex) {
            history.close();
            throw ex;
        }
    }

    private static SchedulerRunner jpa(RunnerEnvironment environment, JpaStoreApplication application) {
        try {
            return new ApschedulerRunner(environment, application.store(), application.settings(),
                    application.historyStore().orElse(null), application);
        }
        catch (RuntimeException ex) {
            application.close();
            throw ex;
        }
    }

    /**
     * Our scheduler on a Redis store on the machine's Redis server (127.0.0.1:6379), under keys of its own that are
     * deleted afterwards, with the store's defaults (100 ms look-ahead, 1 s maximum wait).
     */
    private static SchedulerRunner redis(RunnerEnvironment environment) {
        LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        String prefix = "apscheduler-benchmark-" + UUID.randomUUID();
        RedisKeys keys = RedisKeys.of(prefix + ".jobs", prefix + ".run_times");
        RedisJobStore store = new RedisJobStore(connectionFactory, keys, RedisJobStore.DEFAULT_MAX_WAIT,
                RedisJobStore.DEFAULT_LOOK_AHEAD, RedisJobStore.DEFAULT_CLAIM_LEASE);
        Map<String, Object> settings = Map.of("store", "redis, look_ahead=" + RedisJobStore.DEFAULT_LOOK_AHEAD
                + ", max_wait=" + RedisJobStore.DEFAULT_MAX_WAIT);
        return new ApschedulerRunner(environment, store, settings, null, () -> {
            new StringRedisTemplate(connectionFactory).delete(keys.dataKeys());
            connectionFactory.destroy();
        });
    }

    /**
     * Our scheduler on the {@code mongodb} store, on an in-process MongoDB server (mongo-java-server, memory
     * backend) that the real driver talks to over the wire protocol: not a MongoDB deployment's figures.
     */
    private static SchedulerRunner mongodb(RunnerEnvironment environment) {
        MongoStoreApplication application = new MongoStoreApplication();
        try {
            return new ApschedulerRunner(environment, application.store(), application.settings(), null,
                    application);
        }
        catch (RuntimeException ex) {
            application.close();
            throw ex;
        }
    }

    /**
     * Our scheduler on the {@code zookeeper} store, on a ZooKeeper server in the benchmark's JVM (Curator's
     * {@code TestingServer}) that the real client talks to over a local port: not a ZooKeeper ensemble's figures.
     */
    private static SchedulerRunner zookeeper(RunnerEnvironment environment) {
        ZooKeeperStoreApplication application = new ZooKeeperStoreApplication();
        try {
            return new ApschedulerRunner(environment, application.store(), application.settings(), null,
                    application);
        }
        catch (RuntimeException ex) {
            application.close();
            throw ex;
        }
    }

    /**
     * Returns the names of the known systems, in the order of the results table.
     * @return the names
     */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * Creates a runner.
     * @param name the system's name
     * @param environment the shared settings
     * @return a runner, holding the system back until released
     * @throws IllegalArgumentException naming the known systems if {@code name} is not one
     */
    public static SchedulerRunner create(String name, RunnerEnvironment environment) {
        Function<RunnerEnvironment, SchedulerRunner> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown system '" + name + "', expected one of " + names());
        }
        return factory.apply(environment);
    }

}
