package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.job.JobChanges;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that joins its caller's transaction announces job changes when that transaction ends
 * ({@code JobStore.afterChange}): the scheduler's events for a change arrive only when the store runs the
 * announcement, and never when it drops it.
 */
class JobChangeAnnouncementTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final TransactionalStore store = new TransactionalStore();

    private final ManualScheduler scheduler = this.fixture.builder().jobStore("default", this.store).build();

    @BeforeEach
    void start() {
        this.scheduler.start();
        this.fixture.events.clear();
    }

    @Test
    void addedJobIsAnnouncedOnlyOnceTheStoreSaysItIsVisible() {
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        assertThat(this.fixture.events.events()).isEmpty();
        this.store.commit();
        assertThat(this.fixture.events.events()).containsExactly(new JobEvent(EventCodes.JOB_ADDED, "a", "default"));
    }

    @Test
    void droppedAnnouncementPublishesNothing() {
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        this.store.rollback();
        assertThat(this.fixture.events.events()).isEmpty();
    }

    @Test
    void jobsAddedInBatchesAreAnnouncedOnlyOnceTheStoreSaysTheyAreVisible() {
        this.scheduler.addJobs(List.of(JobSpec.task("tick").id("a").trigger(everySecond()).build(),
                JobSpec.task("tick").id("b").trigger(everySecond()).build()));
        assertThat(this.fixture.events.events()).isEmpty();
        assertThat(this.store.pending).hasSize(1);
        this.store.commit();
        assertThat(this.fixture.events.events()).containsExactly(new JobEvent(EventCodes.JOB_ADDED, "a", "default"),
                new JobEvent(EventCodes.JOB_ADDED, "b", "default"));
        this.fixture.events.clear();
        this.scheduler.addJobs(List.of(JobSpec.task("tick").id("c").trigger(everySecond()).build()));
        this.store.rollback();
        assertThat(this.fixture.events.events()).isEmpty();
    }

    @Test
    void modifiedAndRemovedJobsAreAnnouncedThroughTheStore() {
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        this.scheduler.addJob(JobSpec.task("tick").id("b").trigger(everySecond()));
        this.store.commit();
        this.fixture.events.clear();
        this.scheduler.modifyJob("a", JobChanges.builder().name("renamed").build());
        this.scheduler.pauseJob("b");
        this.scheduler.removeJob("a");
        this.scheduler.removeAllJobs();
        assertThat(this.fixture.events.events()).isEmpty();
        assertThat(this.store.pending).hasSize(4);
        this.store.commit();
        assertThat(this.fixture.events.events()).containsExactly(
                new JobEvent(EventCodes.JOB_MODIFIED, "a", "default"),
                new JobEvent(EventCodes.JOB_MODIFIED, "b", "default"),
                new JobEvent(EventCodes.JOB_REMOVED, "a", "default"),
                new SchedulerStateEvent(EventCodes.ALL_JOBS_REMOVED, null));
    }

    @Test
    void pendingJobsOfAStoppedSchedulerAreAnnouncedAtOnce() {
        this.scheduler.shutdown();
        this.fixture.events.clear();
        this.scheduler.addJob(JobSpec.task("tick").id("a").trigger(everySecond()));
        this.scheduler.modifyJob("a", JobChanges.builder().name("renamed").build());
        this.scheduler.removeJob("a");
        assertThat(this.store.pending).isEmpty();
        assertThat(this.fixture.events.codeNames()).containsExactly("JOB_MODIFIED", "JOB_REMOVED");
    }

    /**
     * Holds announcements as a store inside an open transaction would, until the test commits or rolls back.
     */
    static final class TransactionalStore extends DelegatingJobStore {

        final List<Runnable> pending = new ArrayList<>();

        TransactionalStore() {
            super(new MemoryJobStore());
        }

        @Override
        public void afterChange(Runnable announcement) {
            this.pending.add(announcement);
        }

        void commit() {
            List<Runnable> announcements = new ArrayList<>(this.pending);
            this.pending.clear();
            announcements.forEach(Runnable::run);
        }

        void rollback() {
            this.pending.clear();
        }

    }

}
