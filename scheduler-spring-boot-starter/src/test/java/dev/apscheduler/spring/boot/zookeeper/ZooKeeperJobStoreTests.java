package dev.apscheduler.spring.boot.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.JobStoreContractTests;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's job store contract for the ZooKeeper store, on a real ZooKeeper server in the test JVM, with a second
 * store on its own client (its own session) for the cross-instance acquire test.
 */
class ZooKeeperJobStoreTests extends JobStoreContractTests {

    static final ZooKeeperJobStoreSettings SETTINGS = ZooKeeperJobStoreSettings.defaults()
        .withPath("/apscheduler-contract");

    private static final ZooKeeperNodes NODES = new ZooKeeperNodes(SETTINGS.path());

    private static CuratorFramework client;

    private static CuratorFramework secondClient;

    @BeforeAll
    static void connect() {
        client = ZooKeeperTestServer.client();
        secondClient = ZooKeeperTestServer.client();
    }

    @AfterAll
    static void disconnect() {
        client.close();
        secondClient.close();
    }

    @Override
    protected JobStore createStore() {
        return new ZooKeeperJobStore(client, SETTINGS);
    }

    @Override
    protected Optional<JobStore> createStoreSharingData() {
        return Optional.of(new ZooKeeperJobStore(secondClient, SETTINGS));
    }

    @Override
    protected boolean storeUnrestorableJob(String jobId, Instant nextRunTime) {
        String name = ZooKeeperNodes.name(jobId);
        try {
            client.transaction().forOperations(
                    client.transactionOp().create().forPath(NODES.job(name),
                            ("{\"version\":1,\"id\":\"" + jobId + "\",corrupt").getBytes(StandardCharsets.UTF_8)),
                    client.transactionOp().create().forPath(NODES.runTime(ZooKeeperNodes
                        .entry(ZooKeeperNodes.ceilMicros(nextRunTime), name)), new byte[0]));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return true;
    }

    @Override
    protected boolean dataContains(String jobId) {
        try {
            return client.checkExists().forPath(NODES.job(ZooKeeperNodes.name(jobId))) != null;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void changesOnOneInstanceWakeTheOtherThroughItsWatch() {
        AtomicInteger wakeups = new AtomicInteger();
        JobStoreContext base = context();
        JobStoreContext waking = new JobStoreContext() {

            @Override
            public String alias() {
                return base.alias();
            }

            @Override
            public Clock clock() {
                return base.clock();
            }

            @Override
            public ZoneId timezone() {
                return base.timezone();
            }

            @Override
            public JobCodec codec() {
                return base.codec();
            }

            @Override
            public void reportUnrestorableJob(JobRestoreException failure) {
                base.reportUnrestorableJob(failure);
            }

            @Override
            public void wakeup() {
                wakeups.incrementAndGet();
            }

        };
        JobStore watching = new ZooKeeperJobStore(secondClient, SETTINGS);
        watching.start(waking);
        try {
            int before = wakeups.get();
            this.store.addJob(job("added-elsewhere", T0));
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() > before);
            int afterAdd = wakeups.get();
            this.store.modifyJob("added-elsewhere", (job) -> job.withNextRunTime(null));
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() > afterAdd);
            int afterModify = wakeups.get();
            this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofHours(1)));
            this.store.removeJob("added-elsewhere");
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() > afterModify);
        }
        finally {
            watching.shutdown();
        }
    }

    @Test
    void idsThatAreNoZnodeNamesAreKeptUnderEncodedNames() {
        List<String> ids = List.of("billing:daily", "ops@example.com", "$price", "a.b~c", "billing_3Adaily");
        for (String id : ids) {
            this.store.addJob(job(id, T0));
        }
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(this.store.lookupJob("billing:daily")).isPresent();
        assertThat(dataContains("billing:daily")).isTrue();
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 10, advanceBy(Duration.ofMinutes(1))))
            .extracting((acquired) -> acquired.job().id()).containsExactlyInAnyOrderElementsOf(ids);
        this.store.removeJob("$price");
        assertThat(this.store.getAllJobs()).hasSize(4);
    }

    @Test
    void unrestorableJobsAreListedWithTheirReasonAndDueTime() {
        Instant due = T0.minusMinutes(1).toInstant();
        storeUnrestorableJob("broken/one", due);
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(((ZooKeeperJobStore) this.store).unrestorableJobs()).singleElement().satisfies((job) -> {
            assertThat(job.jobId()).isEqualTo("broken/one");
            assertThat(job.nextRunTime()).isEqualTo(due);
            assertThat(job.reason()).contains("broken/one");
        });
        assertThat(this.store.nextRunTime()).isEmpty();
        this.store.removeJob("broken/one");
        assertThat(((ZooKeeperJobStore) this.store).unrestorableJobs()).isEmpty();
        assertThat(dataContains("broken/one")).isFalse();
    }

}
