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
    void describesItselfWithItsAlias() {
        this.store.addJob(job("a", T0));
        assertThat(this.store).hasToString("MemoryJobStore[default]");
    }

}
