package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import dev.apscheduler.job.Job;

import org.junit.jupiter.api.Test;

/**
 * The job store contract, for {@link MemoryJobStore}.
 */
class MemoryJobStoreTests extends JobStoreContractTests {

    @Override
    protected JobStore createStore() {
        return new MemoryJobStore();
    }

    @Test
    void isNotPersistent() {
        assertThat(this.store.isPersistent()).isFalse();
    }

    @Test
    void acquireRejectsALimitBelowOne() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.store.acquireDueJobs(T0.toInstant(), 0, advanceBy(java.time.Duration.ZERO)))
            .withMessage("limit must be >= 1, was 0");
    }

    @Test
    void aDeciderThatFailsLeavesTheJobsItDidNotDecideScheduled() {
        this.store.addJob(job("first", T0.minusSeconds(2)));
        this.store.addJob(job("second", T0.minusSeconds(1)));
        this.store.addJob(job("third", T0));
        assertThatIllegalStateException().isThrownBy(() -> this.store.acquireDueJobs(T0.toInstant(), 10, (job) -> {
            if (job.id().equals("second")) {
                throw new IllegalStateException("refused");
            }
            return JobDecision.remove(List.of(job.nextRunTime().orElseThrow()));
        })).withMessage("refused");
        assertThat(this.store.getAllJobs()).extracting(Job::id).containsExactly("second", "third");
        assertThat(this.store.nextRunTime()).contains(T0.minusSeconds(1).toInstant());
    }

    @Test
    void aBurstTakingMostOfTheIndexLeavesTheRestInOrderAndPutsRescheduledJobsBack() {
        // seven of ten due: the index is built anew from the three others, then the rescheduled ones go back in
        for (int i = 0; i < 7; i++) {
            this.store.addJob(job("due-" + i, T0.minusSeconds(7 - i)));
        }
        this.store.addJob(job("later-2", T0.plusSeconds(3)));
        this.store.addJob(job("later-0", T0.plusSeconds(1)));
        this.store.addJob(job("later-1", T0.plusSeconds(2)));
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.toInstant(), 100, (job) -> {
            ZonedDateTime due = job.nextRunTime().orElseThrow();
            // the even ones run once and go, the odd ones come back after the later jobs, still due in order
            return job.id().endsWith("0") || job.id().endsWith("2") || job.id().endsWith("4")
                    || job.id().endsWith("6") ? JobDecision.remove(List.of(due))
                            : JobDecision.reschedule(List.of(due), T0.plusSeconds(10));
        });
        assertThat(acquired).extracting((job) -> job.job().id())
            .containsExactly("due-0", "due-1", "due-2", "due-3", "due-4", "due-5", "due-6");
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("later-0", "later-1", "later-2", "due-1", "due-3", "due-5");
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(1).toInstant());
        assertThat(this.store.lookupJob("due-2")).isEmpty();
        assertThat(this.store.lookupJob("due-3")).get().extracting((job) -> job.nextRunTime().orElseThrow())
            .isEqualTo(T0.plusSeconds(10));
        // a later acquisition takes a few off the head of the rebuilt index
        assertThat(this.store.acquireDueJobs(T0.plusSeconds(2).toInstant(), 100, advanceBy(Duration.ofHours(1))))
            .extracting((job) -> job.job().id()).containsExactly("later-0", "later-1");
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("later-2", "due-1", "due-3", "due-5", "later-0", "later-1");
    }

    @Test
    void jobsDueTogetherAndRescheduledTogetherAreIndexedInRunTimeOrder() {
        // the whole index is due: the rescheduled jobs make the new index, in order whichever order they come in
        for (int i = 0; i < 6; i++) {
            this.store.addJob(job("aligned-" + i, T0));
        }
        this.store.addJob(job("paused", null));
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 100, advanceBy(Duration.ofSeconds(1))))
            .extracting((job) -> job.job().id())
            .containsExactly("aligned-0", "aligned-1", "aligned-2", "aligned-3", "aligned-4", "aligned-5");
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("aligned-0", "aligned-1", "aligned-2", "aligned-3", "aligned-4", "aligned-5", "paused");
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(1).toInstant());
        // next time they come back in reverse order, one of them paused and one removed
        List<AcquiredJob> acquired = this.store.acquireDueJobs(T0.plusSeconds(1).toInstant(), 100, (job) -> {
            int index = job.id().charAt(job.id().length() - 1) - '0';
            ZonedDateTime due = job.nextRunTime().orElseThrow();
            return switch (index) {
                case 2 -> JobDecision.remove(List.of(due));
                case 4 -> JobDecision.reschedule(List.of(due), null);
                default -> JobDecision.reschedule(List.of(due), T0.plusSeconds(10 - index));
            };
        });
        assertThat(acquired).hasSize(6);
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("aligned-5", "aligned-3", "aligned-1", "aligned-0", "aligned-4", "paused");
        assertThat(this.store.nextRunTime()).contains(T0.plusSeconds(5).toInstant());
        assertThat(this.store.lookupJob("aligned-2")).isEmpty();
        assertThat(this.store.acquireDueJobs(T0.plusSeconds(9).toInstant(), 100, advanceBy(Duration.ofHours(1))))
            .extracting((job) -> job.job().id()).containsExactly("aligned-5", "aligned-3", "aligned-1");
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("aligned-0", "aligned-5", "aligned-3", "aligned-1", "aligned-4", "paused");
    }

    @Test
    void aBurstClaimedInSeveralStepsSeesTheChangesMadeBetweenThem() {
        // every scheduled job due, more than one step takes: they leave the index at once, and each step takes its part
        for (int i = 0; i < 8; i++) {
            this.store.addJob(job("burst-" + i, T0.minusSeconds(8 - i)));
        }
        this.store.addJob(job("paused", null));
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1))))
            .extracting((job) -> job.job().id()).containsExactly("burst-0", "burst-1", "burst-2");
        // changes between the steps: one removed, one moved later, one added that is due before the rest
        this.store.removeJob("burst-3");
        this.store.updateJob(job("burst-4", T0.plusSeconds(30)));
        this.store.addJob(job("newcomer", T0.minusSeconds(5)));
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("newcomer", "burst-5", "burst-6", "burst-7", "burst-4", "burst-0", "burst-1", "burst-2",
                    "paused");
        assertThat(this.store.nextRunTime()).contains(T0.minusSeconds(5).toInstant());
        assertThat(this.store.lookupJob("burst-3")).isEmpty();
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1))))
            .extracting((job) -> job.job().id()).containsExactly("newcomer", "burst-5", "burst-6");
        // a decider failing mid-step leaves the rest scheduled as they were, in the index
        assertThatIllegalStateException().isThrownBy(() -> this.store.acquireDueJobs(T0.toInstant(), 3, (job) -> {
            throw new IllegalStateException("refused");
        })).withMessage("refused");
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1))))
            .extracting((job) -> job.job().id()).containsExactly("burst-7");
        assertThat(this.store.acquireDueJobs(T0.toInstant(), 3, advanceBy(Duration.ofHours(1)))).isEmpty();
        assertThat(this.store.getAllJobs()).extracting(Job::id)
            .containsExactly("burst-4", "burst-0", "burst-1", "burst-2", "newcomer", "burst-5", "burst-6", "burst-7",
                    "paused");
        this.store.removeAllJobs();
        assertThat(this.store.getAllJobs()).isEmpty();
        assertThat(this.store.nextRunTime()).isEmpty();
    }

    @Test
    void describesItselfWithItsAlias() {
        this.store.addJob(job("a", T0));
        assertThat(this.store).hasToString("MemoryJobStore[default]");
    }

}
