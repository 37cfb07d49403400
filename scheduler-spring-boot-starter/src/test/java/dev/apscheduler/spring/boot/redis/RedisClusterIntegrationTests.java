package dev.apscheduler.spring.boot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * Three scheduler instances, each with its own Redis connection and store, sharing one set of keys on the machine's
 * Redis server and running thousands of short jobs: every fire time runs exactly once; when one instance stops
 * abruptly mid-run the others carry on, take over the claims it left (after their lease), and only runs it had
 * already decided can be lost (at-most-once).
 */
class RedisClusterIntegrationTests {

    private static final int ONE_SHOT_JOBS = 3_000;

    private static final int INTERVAL_JOBS = 200;

    private static final int FIRE_TIMES_PER_INTERVAL_JOB = 5;

    private final RedisKeys keys = TestRedis.uniqueKeys();

    private final List<Instance> instances = new ArrayList<>();

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private final Set<String> expected = new HashSet<>();

    private final StringRedisTemplate redis = new StringRedisTemplate(TestRedis.connectionFactory());

    private Instant lastFireTime = Instant.MIN;

    @BeforeEach
    void startInstances() {
        for (int i = 1; i <= 3; i++) {
            this.instances.add(new Instance("instance-" + i));
        }
    }

    @AfterEach
    void stopInstances() {
        this.instances.forEach(Instance::stop);
        TestRedis.delete(TestRedis.connectionFactory(), this.keys);
    }

    /**
     * One-shot jobs spread over four seconds and jobs firing every half second five times, starting two seconds
     * from now, none with a grace time or coalescing, so that each fire time must run, once, however loaded the
     * machine is.
     */
    private void storeWorkload() {
        ZonedDateTime base = Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < ONE_SHOT_JOBS; i++) {
            ZonedDateTime due = base.plusNanos(4_000_000_000L * i / ONE_SHOT_JOBS);
            jobs.add(job("once-" + i, Triggers.date(due), due));
            this.expected.add("once-" + i + "@" + due.toInstant());
            this.lastFireTime = latest(this.lastFireTime, due.toInstant());
        }
        for (int i = 0; i < INTERVAL_JOBS; i++) {
            ZonedDateTime start = base.plusNanos(500_000_000L * i / INTERVAL_JOBS);
            ZonedDateTime last = start.plusNanos(500_000_000L * (FIRE_TIMES_PER_INTERVAL_JOB - 1));
            jobs.add(job("every-" + i, Triggers.interval().every(Duration.ofMillis(500)).startDate(start)
                .endDate(last).build(), start));
            for (int n = 0; n < FIRE_TIMES_PER_INTERVAL_JOB; n++) {
                this.expected.add("every-" + i + "@" + start.plusNanos(500_000_000L * n).toInstant());
            }
            this.lastFireTime = latest(this.lastFireTime, last.toInstant());
        }
        // written in one pipeline, as a batch insert would, so that loading takes far less than the two seconds
        JobCodec codec = new JobCodec(ZoneOffset.UTC, Clock.systemUTC());
        Map<String, String> states = new HashMap<>();
        Set<TypedTuple<String>> runTimes = new HashSet<>();
        for (Job job : jobs) {
            states.put(job.id(), codec.encode(job));
            runTimes.add(TypedTuple.of(job.id(), (double) Long.parseLong(RedisJobEntries.score(job))));
        }
        this.redis.opsForHash().putAll(this.keys.jobs(), states);
        this.redis.opsForZSet().add(this.keys.runTimes(), runTimes);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // several instances allowed: a late acquire step hands over several fire times of a job at once, and each
    // must run
    private static Job job(String id, Trigger trigger, ZonedDateTime next) {
        // no grace time and no coalescing: a fire time taken over late, after a lease, still runs as itself
        return Job.builder().id(id).task(TaskReference.named("record")).trigger(trigger).misfireGraceTime(null)
            .coalesce(false)
            .maxInstances(FIRE_TIMES_PER_INTERVAL_JOB).nextRunTime(next).jobstore("default").build();
    }

    private int executed() {
        return this.executions.size();
    }

    private long stored() {
        Long jobs = this.redis.opsForHash().size(this.keys.jobs());
        Long claims = this.redis.opsForHash().size(this.keys.claims());
        return ((jobs != null) ? jobs : 0) + ((claims != null) ? claims : 0);
    }

    @Test
    void everyFireTimeRunsExactlyOnceAcrossInstances() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(2)).until(() -> (executed() == this.expected.size()
                || Instant.now().isAfter(this.lastFireTime.plusSeconds(20))) && stored() == 0);
        this.instances.forEach(Instance::stop);
        assertThat(this.executions.keySet()).isEqualTo(this.expected);
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.instances).allSatisfy((instance) -> assertThat(instance.ran.get()).isPositive());
    }

    @Test
    void othersTakeOverWhenAnInstanceStopsAbruptlyMidRunLosingAtMostWhatItHadClaimed() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(2)).until(() -> executed() >= this.expected.size() / 3);
        Instance dead = this.instances.get(2);
        dead.kill();
        int executedAtDeath = executed();
        // done: every fire time has passed, no job and no claim is left, and no job runs
        await().atMost(Duration.ofMinutes(2)).until(() -> Instant.now().isAfter(this.lastFireTime.plusSeconds(1))
                && stored() == 0 && this.instances.get(0).idle() && this.instances.get(1).idle());
        this.instances.forEach(Instance::stop);
        Set<String> missing = new HashSet<>(this.expected);
        missing.removeAll(this.executions.keySet());
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.expected).containsAll(this.executions.keySet());
        assertThat(dead.claimed).containsAll(missing);
        assertThat(executed()).isGreaterThan(executedAtDeath);
    }

    /**
     * One scheduler instance with its own connection, which records each run it makes in the shared map until it
     * dies.
     */
    private final class Instance {

        private final String name;

        private final LettuceConnectionFactory connectionFactory = TestRedis.connectionFactory(TestRedis.PORT);

        private final Set<String> claimed = ConcurrentHashMap.newKeySet();

        private final AtomicInteger ran = new AtomicInteger();

        private volatile boolean alive = true;

        private boolean closed;

        private BackgroundScheduler scheduler;

        Instance(String name) {
            this.name = name;
        }

        void startScheduler() {
            TaskRegistry tasks = new TaskRegistry().registerAction("record", (job) -> {
                if (this.alive) {
                    this.ran.incrementAndGet();
                    RedisClusterIntegrationTests.this.executions
                        .computeIfAbsent(job.jobId() + "@" + job.scheduledFireTime().toInstant(),
                                (key) -> new AtomicInteger())
                        .incrementAndGet();
                }
            });
            RedisJobStore store = new RedisJobStore(this.connectionFactory, RedisClusterIntegrationTests.this.keys,
                    Duration.ofSeconds(1), RedisJobStore.DEFAULT_LOOK_AHEAD, Duration.ofSeconds(1));
            this.scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
                .jobStore("default", new DelegatingJobStore(store) {
                    // what this instance decided to run, before its decisions are stored: a superset of what it
                    // claimed, since an instance that dies can have stored a decision without hearing back
                    @Override
                    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                        return super.acquireDueJobs(now, limit, (job) -> {
                            JobDecision decision = decider.decide(job);
                            decision.runTimes().forEach((time) -> Instance.this.claimed
                                .add(job.id() + "@" + time.toInstant()));
                            return decision;
                        });
                    }
                })
                .executor("default", new ThreadPoolJobExecutor(10))
                .instanceName(this.name)
                .build();
            this.scheduler.start();
        }

        /**
         * Dies abruptly: from now on its runs count for nothing, its scheduler stops without waiting and its
         * connection is closed.
         */
        void kill() {
            this.alive = false;
            closeConnection();
            this.scheduler.shutdown(false);
        }

        private synchronized void closeConnection() {
            if (!this.closed) {
                this.closed = true;
                this.connectionFactory.destroy();
            }
        }

        boolean idle() {
            return this.scheduler.executors().values().stream().allMatch((executor) -> executor.activeCount() == 0);
        }

        void stop() {
            if (this.scheduler != null && this.scheduler.state() != SchedulerState.STOPPED) {
                this.scheduler.shutdown(true);
            }
            closeConnection();
        }

    }

}
