package dev.apscheduler.spring.boot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the Redis store adds to the contract: the layout it writes, claims left by an instance that died taken over
 * after their lease, changes announced to the other instances through pub/sub, and unrestorable entries listed.
 */
class RedisJobStoreClaimsIntegrationTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final RedisKeys keys = TestRedis.uniqueKeys();

    private final StringRedisTemplate redis = new StringRedisTemplate(TestRedis.connectionFactory());

    private final List<RedisJobStore> stores = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        this.stores.forEach(RedisJobStore::shutdown);
        TestRedis.delete(TestRedis.connectionFactory(), this.keys);
    }

    private RedisJobStore store(Duration claimLease, Runnable wakeup) {
        RedisJobStore store = new RedisJobStore(TestRedis.connectionFactory(), this.keys, Duration.ofSeconds(1),
                Duration.ZERO, claimLease);
        store.start(context(wakeup));
        this.stores.add(store);
        return store;
    }

    private static JobStoreContext context(Runnable wakeup) {
        return JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC, (failure) -> { }).withWakeup(wakeup);
    }

    private static Job job(String id, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("task")).trigger(DateTrigger.of(next)).jobstore("default")
            .nextRunTime(next).build();
    }

    @Test
    void jobsAreKeptAsJsonInAHashWithTheirDueTimesInASortedSetUnderOneHashTag() {
        RedisJobStore store = store(Duration.ofSeconds(10), () -> { });
        store.addJob(job("a", T0));
        assertThat(this.keys.jobs()).startsWith("{apscheduler-test-").endsWith("}.jobs");
        assertThat(RedisKeys.hashTag(this.keys.runTimes())).isEqualTo(RedisKeys.hashTag(this.keys.jobs()));
        assertThat((String) this.redis.opsForHash().get(this.keys.jobs(), "a")).startsWith("{")
            .contains("\"id\":\"a\"");
        assertThat(this.redis.opsForZSet().score(this.keys.runTimes(), "a"))
            .isEqualTo((double) RedisJobEntries.ceilMicros(T0.toInstant()));
    }

    @Test
    void aClaimLeftByAnInstanceThatDiedIsTakenOverAfterItsLease() {
        RedisJobStore dying = store(Duration.ofMillis(300), () -> { });
        RedisJobStore survivor = store(Duration.ofMillis(300), () -> { });
        dying.addJob(job("a", T0));
        dying.addJob(job("b", T0));
        // the instance dies between claiming and storing its decisions: the error stands for its end
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> dying.acquireDueJobs(T0.toInstant(), 10,
                (job) -> {
                    throw new AssertionError("died");
                }));
        assertThat(this.redis.opsForHash().size(this.keys.claims())).isEqualTo(2);
        assertThat(survivor.acquireDueJobs(T0.toInstant(), 10, (job) -> JobDecision.remove(List.of(T0)))).isEmpty();
        List<AcquiredJob> taken = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            taken.addAll(survivor.acquireDueJobs(T0.toInstant(), 10, (job) -> JobDecision.remove(List.of(T0))));
            return taken.size() == 2;
        });
        assertThat(taken).extracting((acquired) -> acquired.job().id()).containsExactlyInAnyOrder("a", "b");
        assertThat(survivor.getAllJobs()).isEmpty();
        assertThat(this.redis.opsForHash().size(this.keys.claims())).isZero();
    }

    @Test
    void aChangeBreaksAClaimSoTheLateDecisionIsNotWritten() {
        RedisJobStore acquirer = store(Duration.ofSeconds(10), () -> { });
        RedisJobStore other = store(Duration.ofSeconds(10), () -> { });
        acquirer.addJob(job("a", T0));
        List<AcquiredJob> acquired = acquirer.acquireDueJobs(T0.toInstant(), 10, (job) -> {
            other.modifyJob("a", (stored) -> stored.toBuilder().name("renamed").build());
            return JobDecision.remove(List.of(T0));
        });
        assertThat(acquired).isEmpty();
        assertThat(other.lookupJob("a")).hasValueSatisfying((job) -> assertThat(job.name()).isEqualTo("renamed"));
        assertThat(other.nextRunTime()).contains(T0.toInstant());
    }

    @Test
    void changesWakeTheOtherInstancesButNotTheOneThatMadeThem() {
        AtomicInteger local = new AtomicInteger();
        AtomicInteger remote = new AtomicInteger();
        RedisJobStore changing = store(Duration.ofSeconds(10), local::incrementAndGet);
        RedisJobStore listening = store(Duration.ofSeconds(10), remote::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            changing.addJob(job("probe-" + System.nanoTime(), T0));
            return remote.get() > 0;
        });
        int before = remote.get();
        changing.addJob(job("added", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > before);
        int afterAdd = remote.get();
        changing.modifyJob("added", (job) -> job.withNextRunTime(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > afterAdd);
        int afterPause = remote.get();
        changing.removeJob("added");
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > afterPause);
        assertThat(listening.lookupJob("added")).isEmpty();
        assertThat(local.get()).isZero();
    }

    @Test
    void unrestorableEntriesAreListedWithTheirReasonAndKept() {
        RedisJobStore store = store(Duration.ofSeconds(10), () -> { });
        this.redis.opsForHash().put(this.keys.jobs(), "broken", "not json");
        this.redis.opsForZSet().add(this.keys.runTimes(), "broken", RedisJobEntries.ceilMicros(T0.toInstant()));
        assertThat(store.getAllJobs()).isEmpty();
        assertThat(store.unrestorableJobs()).singleElement().satisfies((broken) -> {
            assertThat(broken.jobId()).isEqualTo("broken");
            assertThat(broken.nextRunTime()).isEqualTo(T0.toInstant());
            assertThat(broken.reason()).isNotBlank();
        });
        assertThat(store.nextRunTime()).isEmpty();
        assertThat(this.redis.opsForHash().get(this.keys.jobs(), "broken")).isEqualTo("not json");
        store.updateJob(job("broken", T0));
        assertThat(store.unrestorableJobs()).isEmpty();
        assertThat(store.nextRunTime()).contains(T0.toInstant());
    }

}
