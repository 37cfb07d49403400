package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.apscheduler.internal.Engine;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.AcquiredJob;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's own thread ends a long sleep until a store in memory has jobs due with an early pass a moment before:
 * the pass runs nothing, asks no persistent store that has nothing to look at, and the jobs run at their time. Passes
 * driven by an injected clock are never shortened.
 */
class EarlyLoopPassTests {

    private static final Duration EARLY = Duration.ofMillis(2);

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final CountingStore memory = new CountingStore(false);

    private final CountingStore persistent = new CountingStore(true);

    private final ManualScheduler scheduler = this.fixture.builder().jobStore("default", this.memory)
        .jobStore("db", this.persistent).build();

    private final Engine engine = ((AbstractScheduler) this.scheduler).engine();

    @AfterEach
    void shutdown() {
        this.scheduler.shutdown(false);
    }

    @Test
    void aLongSleepUntilAJobInMemoryIsDueEndsWithAnEarlyPassThatRunsNothing() {
        this.scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(at(10))));
        this.scheduler.start();
        assertThat(this.engine.loopPass()).contains(Duration.ofSeconds(10).minus(EARLY));
        int memoryAsked = this.memory.asked;
        int persistentAsked = this.persistent.asked;

        this.fixture.clock.set(at(10).minus(EARLY));
        assertThat(this.engine.loopPass()).contains(EARLY);
        assertThat(this.fixture.ticks).isEmpty();
        assertThat(this.memory.asked).isEqualTo(memoryAsked + 1);
        assertThat(this.persistent.asked).as("the persistent store has nothing due before 10 s").isEqualTo(
                persistentAsked);

        this.fixture.clock.set(at(10));
        assertThat(this.engine.loopPass()).isEmpty();
        assertThat(this.fixture.ticks).containsExactly(at(10));
        assertThat(this.persistent.asked).as("a pass at the due time asks every store").isEqualTo(
                persistentAsked + 1);
    }

    @Test
    void aPassDrivenByAnInjectedClockIsNotShortened() {
        this.scheduler.addJob(JobSpec.task("tick").id("once").trigger(Triggers.date(at(10))));
        this.scheduler.start();
        assertThat(this.engine.processJobs()).contains(Duration.ofSeconds(10));
        assertThat(this.scheduler.runDue()).contains(at(10).toInstant());
    }

    @Test
    void aShortSleepIsNotShortened() {
        this.scheduler.addJob(JobSpec.task("tick").id("soon").trigger(Triggers.date(at(0.015))));
        this.scheduler.start();
        assertThat(this.engine.loopPass()).contains(Duration.ofMillis(15));
    }

    @Test
    void aSleepUntilAPersistentStoreHasAJobDueIsNotShortened() {
        this.scheduler.addJob(JobSpec.task("tick").id("stored").jobstore("db").trigger(Triggers.date(at(5))));
        this.scheduler.addJob(JobSpec.task("tick").id("in-memory").trigger(Triggers.date(at(10))));
        this.scheduler.start();
        assertThat(this.engine.loopPass()).contains(Duration.ofSeconds(5));
    }

    @Test
    void aChangeBeforeTheEarlyPassIsLookedForInEveryStore() {
        this.scheduler.addJob(JobSpec.task("tick").id("in-memory").trigger(Triggers.date(at(10))));
        this.scheduler.start();
        assertThat(this.engine.loopPass()).contains(Duration.ofSeconds(10).minus(EARLY));
        int persistentAsked = this.persistent.asked;
        this.fixture.clock.set(at(9));
        this.scheduler.addJob(JobSpec.task("tick").id("stored").jobstore("db").trigger(Triggers.date(at(9))));

        this.engine.loopPass();
        assertThat(this.persistent.asked).isEqualTo(persistentAsked + 1);
        assertThat(this.fixture.ticks).containsExactly(at(9));
    }

    /** A store in memory counting the acquire steps it is asked for, told to be persistent or not. */
    private static final class CountingStore extends DelegatingJobStore {

        private final boolean persistent;

        int asked;

        CountingStore(boolean persistent) {
            super(new MemoryJobStore());
            this.persistent = persistent;
        }

        @Override
        public boolean isPersistent() {
            return this.persistent;
        }

        @Override
        public List<AcquiredJob> acquireDueJobs(Instant now, int limit, DueJobDecider decider) {
            this.asked++;
            return super.acquireDueJobs(now, limit, decider);
        }

    }

}
