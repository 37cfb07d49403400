package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.UTC;
import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.store.MemoryJobStoreFactory;
import dev.apscheduler.store.RunSlots;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code max_instances_scope = cluster}: two scheduler instances sharing one store (a memory store shared in one
 * JVM), each with an executor that holds runs until the test lets them run, so that a run "lasts" as long as the
 * test wants while the injected clock moves. The limit counts both instances' runs, the slot is renewed while its
 * run lasts, and an instance that stops renewing (it died) frees its slot once the lease runs out.
 */
class ClusterMaxInstancesTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final MemoryJobStore shared = new MemoryJobStore();

    private final QueueingExecutor executorA = new QueueingExecutor();

    private final QueueingExecutor executorB = new QueueingExecutor();

    private final RecordingListener eventsB = new RecordingListener();

    private final ManualScheduler a = this.fixture.builder().jobStore("default", this.shared)
        .executor("default", this.executorA).build();

    private final ManualScheduler b = ManualScheduler.builder().clock(this.fixture.clock).timezone(UTC)
        .taskRegistry(this.fixture.tasks).jobStore("default", this.shared).executor("default", this.executorB)
        .listener(this.eventsB).build();

    @AfterEach
    void shutdown() {
        for (ManualScheduler scheduler : new ManualScheduler[] { this.a, this.b }) {
            if (scheduler.state() != SchedulerState.STOPPED) {
                scheduler.shutdown(false);
            }
        }
    }

    private void addClusterJob(int maxInstances) {
        this.a.addJob(JobSpec.task("tick").id("report").trigger(Triggers.interval().seconds(5).startDate(at(5)).build())
            .misfireGraceTime(null).maxInstances(maxInstances).maxInstancesScope(MaxInstancesScope.CLUSTER));
    }

    private RunSlots slots() {
        return this.shared.runSlots().orElseThrow();
    }

    @Test
    void runOfAnotherInstanceCountsTowardsTheLimitAndTheSkippedRunNamesTheScope() {
        this.a.start();
        this.b.start();
        addClusterJob(1);
        this.a.advance(Duration.ofSeconds(5));
        assertThat(this.executorA.queued()).isOne();
        assertThat(slots().count("report")).isOne();
        this.b.advance(Duration.ofSeconds(5));
        assertThat(this.executorB.queued()).isZero();
        assertThat(this.executorB.runningInstances("report")).as("the local count is given back").isZero();
        assertThat(this.eventsB.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES)).singleElement()
            .satisfies((event) -> {
                assertThat(event.scheduledRunTimes()).containsExactly(at(10));
                assertThat(event.maxInstancesScope()).isEqualTo(MaxInstancesScope.CLUSTER);
            });
        this.executorA.runAll();
        assertThat(slots().count("report")).as("released when the run ends").isZero();
        this.b.advance(Duration.ofSeconds(5));
        assertThat(this.executorB.queued()).isOne();
        assertThat(this.fixture.ticks).containsExactly(at(5));
    }

    @Test
    void limitAboveOneAllowsThatManyRunsAcrossInstances() {
        this.a.start();
        this.b.start();
        addClusterJob(2);
        this.a.advance(Duration.ofSeconds(5));
        this.b.advance(Duration.ofSeconds(5));
        this.a.advance(Duration.ofSeconds(5));
        assertThat(this.executorA.queued() + this.executorB.queued()).isEqualTo(2);
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES))
            .extracting((event) -> event.scheduledRunTimes().get(0)).containsExactly(at(15));
    }

    @Test
    void slotIsRenewedWhileTheRunLastsAndFreedByItsLeaseOnceItsInstanceStopsRenewing() {
        Duration lease = slots().lease();
        this.a.start();
        this.b.start();
        addClusterJob(1);
        this.a.advance(Duration.ofSeconds(5));
        // the run on A lasts three leases; B claims every other fire time and finds the slot taken
        for (int step = 0; step < 3 * lease.toSeconds() / 5; step++) {
            ((step % 2 == 0) ? this.b : this.a).advance(Duration.ofSeconds(5));
        }
        assertThat(this.executorB.queued()).isZero();
        assertThat(this.eventsB.events(JobSubmissionEvent.class, EventCodes.JOB_MAX_INSTANCES)).isNotEmpty();
        ZonedDateTime lastDriven = this.fixture.clock.now();
        // A dies: its run never ends and nothing renews its slot; B takes the slot once the lease has run out
        while (this.executorB.queued() == 0) {
            this.b.advance(Duration.ofSeconds(5));
            assertThat(this.fixture.clock.now()).isBefore(lastDriven.plus(lease).plusSeconds(10));
        }
        ZonedDateTime taken = this.eventsB.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED).get(0)
            .scheduledRunTimes().get(0);
        assertThat(taken).isAfter(lastDriven.plus(lease.multipliedBy(2).dividedBy(3)));
    }

    @Test
    void storeWithoutRunSlotsRefusesAClusterScopedJobNamingTheStore() {
        DelegatingJobStore plain = new DelegatingJobStore(new MemoryJobStore()) {

            @Override
            public Optional<RunSlots> runSlots() {
                return Optional.empty();
            }

        };
        ManualScheduler scheduler = this.fixture.builder().jobStore("plain", plain).build();
        scheduler.start();
        try {
            assertThatExceptionOfType(InvalidJobException.class)
                .isThrownBy(() -> scheduler.addJob(JobSpec.task("tick").id("everywhere").jobstore("plain")
                    .trigger(Triggers.interval().seconds(5).build()).maxInstancesScope(MaxInstancesScope.CLUSTER)))
                .withMessageContaining("Job 'everywhere' has max_instances_scope 'cluster'")
                .withMessageContaining("job store 'plain'");
            assertThat(scheduler.getJob("everywhere")).isEmpty();
            scheduler.addJob(JobSpec.task("tick").id("local").jobstore("plain")
                .trigger(Triggers.interval().seconds(5).build()));
            assertThatExceptionOfType(InvalidJobException.class)
                .isThrownBy(() -> scheduler.modifyJob("local",
                        JobChanges.builder().maxInstancesScope(MaxInstancesScope.CLUSTER).build()))
                .withMessageContaining("job store 'plain'");
            assertThat(scheduler.getJob("local").orElseThrow().maxInstancesScope())
                .isEqualTo(MaxInstancesScope.INSTANCE);
        }
        finally {
            scheduler.shutdown(false);
        }
    }

    @Test
    void scopeIsStoredOnlyWhenItIsClusterAndReadBackInAnyCase() {
        JobStoreContext context = JobStoreContext.of("default", this.fixture.clock, UTC);
        Job cluster = Job.builder().id("c").task(TaskReference.named("tick")).trigger(Triggers.date(at(5)))
            .maxInstancesScope(MaxInstancesScope.CLUSTER).build();
        String json = context.codec().encode(cluster);
        assertThat(json).contains("\"max_instances_scope\":\"cluster\"");
        assertThat(context.codec().decode(json, "default")).isEqualTo(cluster);
        Job local = cluster.toBuilder().maxInstancesScope(MaxInstancesScope.INSTANCE).build();
        assertThat(context.codec().encode(local)).doesNotContain("max_instances_scope");
        assertThat(context.codec().decode(context.codec().encode(local), "default").maxInstancesScope())
            .isEqualTo(MaxInstancesScope.INSTANCE);
        assertThatExceptionOfType(JobRestoreException.class)
            .isThrownBy(() -> context.codec().decode(json.replace("\"cluster\"", "\"galaxy\""), "default"))
            .withMessageContaining("max_instances_scope must be 'instance' or 'cluster', was 'galaxy'");
    }

    @Test
    void scopeOptionIsCheckedAndCombinedLikeTheOtherOptions() {
        assertThat(MaxInstancesScope.of("Cluster")).isEqualTo(MaxInstancesScope.CLUSTER);
        assertThat(MaxInstancesScope.of("instance")).isEqualTo(MaxInstancesScope.INSTANCE);
        assertThatExceptionOfType(dev.apscheduler.job.InvalidJobOptionException.class)
            .isThrownBy(() -> MaxInstancesScope.of("everywhere"))
            .withMessage("max_instances_scope must be 'instance' or 'cluster', was 'everywhere'");
        assertThat(JobSpec.task("tick").maxInstancesScope(MaxInstancesScope.CLUSTER).build().maxInstancesScope())
            .contains(MaxInstancesScope.CLUSTER);
        assertThat(JobSpec.task("tick").build().maxInstancesScope()).isEmpty();
    }

    @Test
    void runSlotLeaseIsAStoreOptionCheckedWhereItIsGiven() {
        MemoryJobStoreFactory factory = new MemoryJobStoreFactory();
        assertThat(factory.create(ComponentOptions.empty("apscheduler.jobstores.default.")).runSlots().orElseThrow()
            .lease()).isEqualTo(RunSlots.DEFAULT_LEASE);
        assertThat(factory.create(ComponentOptions.of("apscheduler.jobstores.default.",
                Map.of("run_slot_lease", "5s"))).runSlots().orElseThrow().lease()).isEqualTo(Duration.ofSeconds(5));
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> factory.create(ComponentOptions.of("apscheduler.jobstores.default.",
                    Map.of("run_slot_lease", "500ms"))))
            .satisfies((ex) -> assertThat(ex.key()).isEqualTo("apscheduler.jobstores.default.run_slot_lease"))
            .withMessageContaining("500ms");
    }

}
