package dev.apscheduler.spring.boot.jpa;

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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.trigger.Triggers;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three application instances, each with its own connection pool, entity manager factory and background scheduler,
 * sharing one PostgreSQL table and running thousands of short jobs: every fire time runs exactly once; when one
 * instance dies mid-run the others carry on, and only runs the dead instance had already claimed can be lost
 * (at-most-once).
 */
class JpaClusterIntegrationTests {

    private static final int ONE_SHOT_JOBS = 2_400;

    private static final int INTERVAL_JOBS = 120;

    private static final int FIRE_TIMES_PER_INTERVAL_JOB = 5;

    private final List<Instance> instances = new ArrayList<>();

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    private final Set<String> expected = new HashSet<>();

    /** The latest fire time of the workload: after it, no run is claimed ahead and waiting any more. */
    private Instant lastFireTime = Instant.MIN;

    @BeforeEach
    void startInstances() {
        for (int i = 1; i <= 3; i++) {
            this.instances.add(new Instance("instance-" + i, StoreApplications.start(TestDatabase.POSTGRESQL,
                    Map.of("spring.datasource.hikari.maximum-pool-size", "4"))));
        }
    }

    @AfterEach
    void stopInstances() {
        this.instances.forEach(Instance::stop);
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
        StoreApplications.replaceJobs(this.instances.get(0).application, jobs);
        StoreApplications.jdbc(this.instances.get(0).application).update("DELETE FROM apscheduler_runs");
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // several instances allowed: a late acquire step hands over several fire times of a job at once, and each
    // must run
    private static Job job(String id, dev.apscheduler.trigger.Trigger trigger, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("record")).trigger(trigger).misfireGraceTime(null)
            .coalesce(false)
            .maxInstances(FIRE_TIMES_PER_INTERVAL_JOB).nextRunTime(next).build();
    }

    private int executed() {
        return this.executions.size();
    }

    @Test
    void everyFireTimeRunsExactlyOnceAcrossInstances() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(this.expected);
            missing.removeAll(this.executions.keySet());
            assertThat(missing).as("fire times not run yet").isEmpty();
            assertThat(StoreApplications.jdbc(this.instances.get(0).application)
                .queryForList("SELECT id || ' ' || COALESCE(CAST(next_run_time AS VARCHAR), 'paused') FROM "
                        + "apscheduler_jobs", String.class)).as("jobs left").isEmpty();
        });
        this.instances.forEach((instance) -> assertThat(instance.scheduler.flushHistory()).isTrue());
        JdbcTemplate jdbc = StoreApplications.jdbc(this.instances.get(0).application);
        List<String> recorded = jdbc.queryForList("SELECT job_id FROM apscheduler_runs", String.class);
        Integer runIds = jdbc.queryForObject("SELECT COUNT(DISTINCT run_id) FROM apscheduler_runs", Integer.class);
        Integer fireTimes = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT DISTINCT job_id, scheduled_at FROM "
                + "apscheduler_runs) runs", Integer.class);
        List<String> outcomes = jdbc.queryForList("SELECT DISTINCT outcome FROM apscheduler_runs", String.class);
        List<String> instances = jdbc.queryForList("SELECT DISTINCT instance FROM apscheduler_runs ORDER BY 1",
                String.class);
        this.instances.forEach(Instance::stop);
        assertThat(this.executions.keySet()).isEqualTo(this.expected);
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.instances).allSatisfy((instance) -> assertThat(instance.ran.get()).isPositive());
        // the shared history: one record per run, run ids that never collide, each run by the instance that ran it
        assertThat(recorded).hasSize(this.expected.size());
        assertThat(runIds).isEqualTo(this.expected.size());
        assertThat(fireTimes).isEqualTo(this.expected.size());
        assertThat(outcomes).containsExactly("SUCCESS");
        assertThat(instances).containsExactly("instance-1", "instance-2", "instance-3");
    }

    @Test
    void othersCarryOnWhenAnInstanceDiesMidRunLosingAtMostWhatItHadClaimed() {
        storeWorkload();
        this.instances.forEach(Instance::startScheduler);
        await().atMost(Duration.ofMinutes(2)).until(() -> executed() >= this.expected.size() / 3);
        Instance dead = this.instances.get(2);
        dead.kill();
        int executedAtDeath = executed();
        // done: every fire time has passed (so no run is held, claimed ahead), the table is empty and no job runs
        await().atMost(Duration.ofMinutes(2)).until(() -> Instant.now().isAfter(this.lastFireTime.plusSeconds(1))
                && StoreApplications.jdbc(this.instances.get(0).application)
                    .queryForObject("SELECT COUNT(*) FROM apscheduler_jobs", Integer.class) == 0
                && this.instances.get(0).idle() && this.instances.get(1).idle());
        this.instances.forEach(Instance::stop);
        Set<String> missing = new HashSet<>(this.expected);
        missing.removeAll(this.executions.keySet());
        assertThat(this.executions.values()).allSatisfy((count) -> assertThat(count.get()).isOne());
        assertThat(this.expected).containsAll(this.executions.keySet());
        assertThat(dead.claimed).containsAll(missing);
        assertThat(executed()).isGreaterThan(executedAtDeath);
    }

    /**
     * One application instance and its scheduler, which records each run it makes in the shared map until it dies.
     */
    private final class Instance {

        private final String name;

        private final ConfigurableApplicationContext application;

        private final Set<String> claimed = ConcurrentHashMap.newKeySet();

        private final AtomicInteger ran = new AtomicInteger();

        private volatile boolean alive = true;

        private BackgroundScheduler scheduler;

        Instance(String name, ConfigurableApplicationContext application) {
            this.name = name;
            this.application = application;
        }

        void startScheduler() {
            TaskRegistry tasks = new TaskRegistry().registerAction("record", (job) -> {
                if (this.alive) {
                    this.ran.incrementAndGet();
                    JpaClusterIntegrationTests.this.executions
                        .computeIfAbsent(job.jobId() + "@" + job.scheduledFireTime().toInstant(),
                                (key) -> new AtomicInteger())
                        .incrementAndGet();
                }
            });
            this.scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC).taskRegistry(tasks)
                .jobStore("default", new DelegatingJobStore(StoreApplications.store(this.application)) {
                    // what this instance claims, when it claims it: due or ahead of time (held, handed over later)
                    @Override
                    public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
                        List<AcquiredJob> acquired = super.acquireDueJobs(now, limit, decider);
                        acquired.forEach((job) -> job.decision().runTimes()
                            .forEach((time) -> Instance.this.claimed.add(job.job().id() + "@" + time.toInstant())));
                        return acquired;
                    }
                })
                .executor("default", new ThreadPoolJobExecutor(10))
                .historyStore(new JpaHistoryStore(this.application.getBean(EntityManagerFactory.class),
                        this.application.getBean(DataSource.class)))
                .instanceName(this.name)
                .build();
            this.scheduler.start();
        }

        /**
         * Dies abruptly: from now on its runs count for nothing, its scheduler stops without waiting and its
         * connections are closed.
         */
        void kill() {
            this.alive = false;
            this.scheduler.shutdown(false);
            this.application.close();
        }

        boolean idle() {
            return this.scheduler.executors().values().stream().allMatch((executor) -> executor.activeCount() == 0);
        }

        void stop() {
            if (this.scheduler != null && this.scheduler.state() != dev.apscheduler.SchedulerState.STOPPED) {
                this.scheduler.shutdown(true);
            }
            if (this.application.isActive()) {
                this.application.close();
            }
        }

    }

}
