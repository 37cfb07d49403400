package dev.apscheduler.spring.boot.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three scheduler instances, each with its own MongoDB client and background scheduler, sharing one collection and
 * running thousands of short jobs: every fire time runs exactly once; when one instance stops abruptly the others
 * carry on, and only runs the stopped instance had already claimed can be lost (at-most-once).
 */
class MongoClusterTests {

    private static final MongoJobStoreSettings SETTINGS = MongoJobStoreSettings.defaults()
        .withCollection("apscheduler_cluster", "jobs");

    private static final int ONE_SHOT_JOBS = 2_400;

    private static final int INTERVAL_JOBS = 120;

    private static final int FIRE_TIMES_PER_INTERVAL_JOB = 5;

    private final List<Instance> instances = new ArrayList<>();

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private final Set<String> expected = new HashSet<>();

    private Instant lastFireTime = Instant.MIN;

    private MongoClient client;

    @BeforeEach
    void connect() {
        this.client = MongoTestServer.client();
        for (int i = 1; i <= 3; i++) {
            this.instances.add(new Instance("instance-" + i));
        }
    }

    @AfterEach
    void stopInstances() {
        this.instances.forEach(Instance::stop);
        this.client.close();
    }

    private long storedJobs() {
        return this.client.getDatabase(SETTINGS.database()).getCollection(SETTINGS.collection()).countDocuments();
    }

    /**
     * One-shot jobs spread over ten seconds and jobs firing every half second five times, starting two seconds
     * from now, none with a grace time or coalescing, so that each fire time must run, once, however loaded the
     * machine and the in-process server (which scans the collection for every query) are.
     */
    private void storeWorkload() {
        MongoJobStore loader = new MongoJobStore(this.client, SETTINGS);
        loader.start(JobStoreContext.of("default", java.time.Clock.systemUTC(), ZoneOffset.UTC));
        loader.removeAllJobs();
        ZonedDateTime base = Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC);
        for (int i = 0; i < ONE_SHOT_JOBS; i++) {
            ZonedDateTime due = base.plusNanos(10_000_000_000L * i / ONE_SHOT_JOBS);
            loader.addJob(job("once-" + i, Triggers.date(due), due));
            this.expected.add("once-" + i + "@" + due.toInstant());
            this.lastFireTime = latest(this.lastFireTime, due.toInstant());
        }
        for (int i = 0; i < INTERVAL_JOBS; i++) {
            ZonedDateTime start = base.plusNanos(500_000_000L * i / INTERVAL_JOBS);
            ZonedDateTime last = start.plusNanos(500_000_000L * (FIRE_TIMES_PER_INTERVAL_JOB - 1));
            loader.addJob(job("every-" + i, Triggers.interval().every(Duration.ofMillis(500)).startDate(start)
                .endDate(last).build(), start));
            for (int n = 0; n < FIRE_TIMES_PER_INTERVAL_JOB; n++) {
                this.expected.add("every-" + i + "@" + start.plusNanos(500_000_000L * n).toInstant());
            }
            this.lastFireTime = latest(this.lastFireTime, last.toInstant());
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // several instances allowed: a late acquire step hands over several fire times of a job at once, and each
    // must run
    private static Job job(String id, Trigger trigger, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("record")).trigger(trigger).jobstore("default")
            .misfireGraceTime(null).coalesce(false)
            .maxInstances(FIRE_TIMES_PER_INTERVAL_JOB).nextRunTime(next).build();
    }

    private int executed() {
        return this.executions.size();
    }

    @Test
    void everyFireTimeRunsExactlyOnceAcrossInstances() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(3))
            .until(() -> executed() == this.expected.size() && storedJobs() == 0);
        this.instances.forEach(Instance::stop);
        assertThat(this.executions.keySet()).isEqualTo(this.expected);
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.instances).allSatisfy((instance) -> assertThat(instance.ran.get()).isPositive());
    }

    @Test
    void othersCarryOnWhenAnInstanceStopsAbruptlyLosingAtMostWhatItHadClaimed() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(3)).until(() -> executed() >= this.expected.size() / 3);
        Instance dead = this.instances.get(2);
        dead.kill();
        int executedAtDeath = executed();
        await().atMost(Duration.ofMinutes(3)).until(() -> Instant.now().isAfter(this.lastFireTime.plusSeconds(1))
                && storedJobs() == 0 && this.instances.get(0).idle() && this.instances.get(1).idle());
        this.instances.forEach(Instance::stop);
        Set<String> missing = new HashSet<>(this.expected);
        missing.removeAll(this.executions.keySet());
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.expected).containsAll(this.executions.keySet());
        assertThat(dead.claimed).containsAll(missing);
        assertThat(executed()).isGreaterThan(executedAtDeath);
    }

    /**
     * One scheduler instance with its own client, which records each run it makes in the shared map until it stops.
     */
    private final class Instance {

        private final String name;

        private final MongoClient client = MongoTestServer.client();

        private final Set<String> claimed = ConcurrentHashMap.newKeySet();

        private final AtomicInteger ran = new AtomicInteger();

        private volatile boolean alive = true;

        private BackgroundScheduler scheduler;

        Instance(String name) {
            this.name = name;
        }

        void startScheduler() {
            TaskRegistry tasks = new TaskRegistry().registerAction("record", (job) -> {
                if (this.alive) {
                    this.ran.incrementAndGet();
                    MongoClusterTests.this.executions
                        .computeIfAbsent(job.jobId() + "@" + job.scheduledFireTime().toInstant(),
                                (key) -> new AtomicInteger())
                        .incrementAndGet();
                }
            });
            this.scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
                .jobStore("default", new DelegatingJobStore(new MongoJobStore(this.client, SETTINGS)) {
                    @Override
                    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                        List<AcquiredJob> acquired = super.acquireDueJobs(now, limit, decider);
                        acquired.forEach((job) -> job.decision().runTimes()
                            .forEach((time) -> Instance.this.claimed.add(job.job().id() + "@" + time.toInstant())));
                        return acquired;
                    }
                })
                .executor("default", new ThreadPoolJobExecutor(10))
                .instanceName(this.name)
                .build();
            this.scheduler.start();
        }

        /**
         * Stops abruptly: from now on its runs count for nothing, its scheduler stops without waiting and its client
         * is closed.
         */
        void kill() {
            this.alive = false;
            this.scheduler.shutdown(false);
            this.client.close();
        }

        boolean idle() {
            return this.scheduler.executors().values().stream().allMatch((executor) -> executor.activeCount() == 0);
        }

        void stop() {
            if (this.scheduler != null && this.scheduler.state() != SchedulerState.STOPPED) {
                this.scheduler.shutdown(true);
            }
            this.client.close();
        }

    }

}
