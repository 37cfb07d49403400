package dev.apscheduler.spring.boot.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Creates {@link RedisJobStore}s on the application's Redis connection: type {@code redis}. Options (durations:
 * seconds, {@code 500ms}-style or ISO-8601): {@code jobs_key} (default {@code apscheduler.jobs}) and
 * {@code run_times_key} (default {@code apscheduler.run_times}), the names of the hash of job states and of the
 * sorted set of run times, which must share one hash tag (see {@link RedisKeys}); {@code max_wait} (default one
 * second), how long a scheduler sleeps at most before looking at the store again; {@code look_ahead} (default
 * 250 ms), how far ahead of their run time a scheduler claims jobs; {@code claim_lease} (default ten seconds), how
 * long a claim of an instance that stopped answering holds before another instance takes the job over;
 * {@code run_slot_lease} (default 30 seconds), how long a run slot of a job counted across the cluster
 * ({@code max_instances_scope=cluster}) is held without renewal.
 */
public final class RedisJobStoreFactory implements JobStoreFactory {

    /** The option naming the hash of job states. */
    public static final String JOBS_KEY = "jobs_key";

    /** The option naming the sorted set of run times. */
    public static final String RUN_TIMES_KEY = "run_times_key";

    /** The option bounding how long a scheduler sleeps before looking at the store again. */
    public static final String MAX_WAIT = "max_wait";

    /** The option saying how far ahead of their run time a scheduler claims jobs. */
    public static final String LOOK_AHEAD = JobStoreFactory.LOOK_AHEAD;

    /** The option saying how long a claim holds before another instance may take the job over. */
    public static final String CLAIM_LEASE = "claim_lease";

    /** Options of APScheduler's Redis store that the application's own Redis connection replaces. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("host", "port", "db", "password", "username",
            "connection_pool", "pickle_protocol", "ssl");

    private final Supplier<RedisConnectionFactory> connectionFactory;

    /**
     * Creates the factory.
     * @param connectionFactory the connection the stores use, asked once when the first store is created
     */
    public RedisJobStoreFactory(Supplier<RedisConnectionFactory> connectionFactory) {
        this.connectionFactory = SingletonSupplier.of(Objects.requireNonNull(connectionFactory, "connectionFactory"));
    }

    @Override
    public String type() {
        return RedisJobStore.TYPE;
    }

    @Override
    public JobStore create(ComponentOptions options) {
        for (String name : options.names()) {
            if (CONNECTION_OPTIONS.contains(name)) {
                throw new ConfigurationException(options.keyFor(name), options.keyFor(name)
                        + ": the redis job store uses the application's Redis connection; configure it with "
                        + "spring.data.redis.* (or give the scheduler a RedisConnectionFactory bean qualified "
                        + "@ApschedulerRedisConnectionFactory)");
            }
        }
        options.requireOnly("job store type 'redis'", List.of(JOBS_KEY, RUN_TIMES_KEY, MAX_WAIT, LOOK_AHEAD,
                CLAIM_LEASE, JobStoreFactory.RUN_SLOT_LEASE));
        RedisKeys keys = keys(options);
        Duration maxWait = positive(options, MAX_WAIT, RedisJobStore.DEFAULT_MAX_WAIT, Duration.ZERO);
        Duration claimLease = positive(options, CLAIM_LEASE, RedisJobStore.DEFAULT_CLAIM_LEASE, Duration.ofMillis(1));
        Duration runSlotLease = JobStoreFactory.runSlotLease(options);
        return new RedisJobStore(this.connectionFactory.get(), keys, maxWait,
                JobStoreFactory.lookAhead(options, RedisJobStore.DEFAULT_LOOK_AHEAD), claimLease)
            .runSlotLease(runSlotLease);
    }

    private static RedisKeys keys(ComponentOptions options) {
        String jobsKey = options.string(JOBS_KEY).orElse(RedisKeys.DEFAULT_JOBS_KEY);
        String runTimesKey = options.string(RUN_TIMES_KEY).orElse(RedisKeys.DEFAULT_RUN_TIMES_KEY);
        try {
            return RedisKeys.of(jobsKey, runTimesKey);
        }
        catch (IllegalArgumentException ex) {
            String option = String.valueOf(ex.getMessage()).startsWith("jobs-key") ? JOBS_KEY : RUN_TIMES_KEY;
            String value = option.equals(JOBS_KEY) ? jobsKey : runTimesKey;
            throw new ConfigurationException(options.keyFor(option), value, String.valueOf(ex.getMessage()));
        }
    }

    private static Duration positive(ComponentOptions options, String option, Duration defaultValue, Duration min) {
        Duration value = options.duration(option).orElse(defaultValue);
        if (value.isNegative() || value.isZero() || value.compareTo(min) < 0) {
            throw new ConfigurationException(options.keyFor(option), options.raw(option).orElse(value),
                    "expected a positive duration" + (min.isZero() ? "" : " of at least " + min.toMillis() + "ms"));
        }
        return value;
    }

    @Override
    public String toString() {
        return "RedisJobStoreFactory[redis]";
    }

}
