package dev.apscheduler.spring.boot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerRedisAutoConfiguration;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code redis} store on the Redis topologies Spring Boot configures from {@code spring.data.redis.*} besides a
 * standalone server: a Redis Cluster (jobs stored and run, changes announced across the cluster's nodes) and a master
 * with a replica behind a Sentinel (jobs stored and run, and still there and running after a failover to the replica),
 * and a server that accepts only TLS connections (an SSL bundle trusting its certificate authority). Each test starts
 * its own servers.
 */
class RedisTopologiesIntegrationTests {

    private final String prefix = "apscheduler-test-" + UUID.randomUUID();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                ApschedulerRedisAutoConfiguration.class, ApschedulerAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.timeout=5s", "apscheduler.auto-startup=false");

    @Test
    void onARedisClusterJobsAreStoredAndRunAndChangesWakeTheOtherInstances() throws Exception {
        try (LocalRedisServers cluster = LocalRedisServers.cluster(3)) {
            this.runner.withPropertyValues("spring.data.redis.cluster.nodes=" + nodes(cluster.ports()))
                .run((context) -> {
                    assertThat(context.getBean(RedisConnectionFactory.class))
                        .isInstanceOfSatisfying(LettuceConnectionFactory.class,
                                (factory) -> assertThat(factory.getClusterConfiguration()).isNotNull());
                    MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
                    List<String> ran = new ArrayList<>();
                    ManualScheduler scheduler = scheduler(context, clock, ran);
                    scheduler.start();
                    try {
                        scheduler.addJob(JobSpec.task("greet").id("greet")
                            .trigger(Triggers.interval().seconds(10).startDate(clock.now().plusSeconds(10)).build())
                            .build());
                        scheduler.advance(Duration.ofSeconds(10));
                        scheduler.advance(Duration.ofSeconds(10));
                        assertThat(ran).containsExactly("greet", "greet");
                        assertThat(scheduler.getJob("greet")).hasValueSatisfying((job) -> assertThat(
                                job.nextRunTime()).contains(clock.now().plusSeconds(10)));
                        assertWakeups(context.getBean(RedisConnectionFactory.class));
                    }
                    finally {
                        scheduler.shutdown();
                        cleanUp(context);
                    }
                });
        }
    }

    @Test
    void behindASentinelJobsAreStoredAndRunAndSurviveAFailoverToTheReplica() throws Exception {
        try (LocalRedisServers servers = LocalRedisServers.sentinel("jobs")) {
            int masterPort = servers.ports().get(0);
            int replicaPort = servers.ports().get(1);
            int sentinelPort = servers.ports().get(2);
            this.runner.withPropertyValues("spring.data.redis.sentinel.master=jobs",
                    "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinelPort)
                .run((context) -> {
                    MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
                    List<String> ran = new ArrayList<>();
                    ManualScheduler scheduler = scheduler(context, clock, ran);
                    scheduler.start();
                    try {
                        scheduler.addJob(JobSpec.task("greet").id("greet")
                            .trigger(Triggers.interval().seconds(10).startDate(clock.now().plusSeconds(10)).build())
                            .build());
                        scheduler.advance(Duration.ofSeconds(10));
                        assertThat(ran).containsExactly("greet");
                        assertThat(servers.redisCli(masterPort, "hexists", "{" + this.prefix + "}.jobs", "greet"))
                            .contains("1");
                        // wait until the replica has the job, as a failover that would lose it is not the point
                        await().atMost(Duration.ofSeconds(10)).until(() -> servers
                            .redisCli(replicaPort, "hexists", "{" + this.prefix + "}.jobs", "greet").contains("1"));
                        servers.redisCli(sentinelPort, "sentinel", "failover", "jobs");
                        await().atMost(Duration.ofSeconds(30)).until(() -> servers
                            .redisCli(sentinelPort, "sentinel", "get-master-addr-by-name", "jobs")
                            .contains(String.valueOf(replicaPort)));
                        await().atMost(Duration.ofSeconds(30))
                            .until(() -> servers.redisCli(replicaPort, "role").startsWith("master"));
                        // once the Sentinel has turned the old master into a replica, it closes its clients'
                        // connections, and the application's connection finds the new master through the Sentinel
                        await().atMost(Duration.ofSeconds(30))
                            .until(() -> servers.redisCli(masterPort, "role").startsWith("slave"));
                        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                            scheduler.addJob(JobSpec.task("greet").id("after-failover")
                                .trigger(Triggers.date(clock.now().plusSeconds(5))).replaceExisting(true).build());
                            return true;
                        });
                        assertThat(servers.redisCli(replicaPort, "hexists", "{" + this.prefix + "}.jobs",
                                "after-failover")).contains("1");
                        scheduler.advance(Duration.ofSeconds(10));
                        assertThat(ran).containsExactly("greet", "after-failover", "greet");
                        assertThat(scheduler.getJob("greet")).isPresent();
                    }
                    finally {
                        scheduler.shutdown();
                    }
                });
        }
    }

    @Test
    void overTlsJobsAreStoredAndRunAndChangesWakeTheOtherInstances() throws Exception {
        try (LocalRedisServers server = LocalRedisServers.tls()) {
            this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.host=127.0.0.1",
                    "spring.data.redis.port=" + server.ports().get(0), "spring.data.redis.ssl.bundle=redis",
                    "spring.ssl.bundle.pem.redis.truststore.certificate=file:" + server.certificateAuthority())
                .run((context) -> {
                    assertThat(context.getBean(RedisConnectionFactory.class))
                        .isInstanceOfSatisfying(LettuceConnectionFactory.class,
                                (factory) -> assertThat(factory.isUseSsl()).isTrue());
                    MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
                    List<String> ran = new ArrayList<>();
                    ManualScheduler scheduler = scheduler(context, clock, ran);
                    scheduler.start();
                    try {
                        scheduler.addJob(JobSpec.task("greet").id("greet")
                            .trigger(Triggers.date(clock.now().plusSeconds(10))).build());
                        assertThat(server.redisCli(server.ports().get(0), "--tls", "--cacert",
                                server.certificateAuthority().toString(), "hexists", "{" + this.prefix + "}.jobs",
                                "greet")).contains("1");
                        scheduler.advance(Duration.ofSeconds(10));
                        assertThat(ran).containsExactly("greet");
                        assertThat(scheduler.getJob("greet")).isEmpty();
                        assertWakeups(context.getBean(RedisConnectionFactory.class));
                    }
                    finally {
                        scheduler.shutdown();
                    }
                });
        }
    }

    private ManualScheduler scheduler(ApplicationContext context, MutableClock clock, List<String> ran) {
        return ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC)
            .taskRegistry(new TaskRegistry().registerAction("greet", (job) -> {
                synchronized (ran) {
                    ran.add(job.jobId());
                }
            }))
            .jobStoreFactory(context.getBean(RedisJobStoreFactory.class))
            .config(Map.of("apscheduler.jobstores.default.type", "redis",
                    "apscheduler.jobstores.default.jobs-key", this.prefix + ".jobs",
                    "apscheduler.jobstores.default.run-times-key", this.prefix + ".run_times",
                    "apscheduler.jobstores.default.look-ahead", "0"))
            .build();
    }

    /**
     * Two stores on the cluster: every change one makes wakes the other, whichever nodes their connections use.
     */
    private void assertWakeups(RedisConnectionFactory connectionFactory) {
        RedisKeys keys = RedisKeys.of(this.prefix + ".wakeups.jobs", this.prefix + ".wakeups.run_times");
        AtomicInteger woken = new AtomicInteger();
        RedisJobStore changing = new RedisJobStore(connectionFactory, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        RedisJobStore listening = new RedisJobStore(connectionFactory, keys, Duration.ofSeconds(1), Duration.ZERO,
                RedisJobStore.DEFAULT_CLAIM_LEASE);
        changing.start(context(() -> { }));
        listening.start(context(woken::incrementAndGet));
        try {
            MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                changing.addJob(dev.apscheduler.job.Job.builder().id("probe-" + System.nanoTime())
                    .task(dev.apscheduler.job.TaskReference.named("greet"))
                    .trigger(Triggers.date(clock.now())).jobstore("default").nextRunTime(clock.now()).build());
                return woken.get() > 0;
            });
            int before = woken.get();
            changing.removeAllJobs();
            await().atMost(Duration.ofSeconds(10)).until(() -> woken.get() > before);
        }
        finally {
            changing.shutdown();
            listening.shutdown();
            new StringRedisTemplate(connectionFactory).delete(keys.dataKeys());
        }
    }

    private void cleanUp(ApplicationContext context) {
        StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
        redis.delete(RedisKeys.of(this.prefix + ".jobs", this.prefix + ".run_times").dataKeys());
    }

    private static String nodes(List<Integer> ports) {
        return String.join(",", ports.stream().map((port) -> "127.0.0.1:" + port).toList());
    }

    private static JobStoreContext context(Runnable wakeup) {
        return JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC, (failure) -> { }).withWakeup(wakeup);
    }

}
