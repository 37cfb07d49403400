package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
    void describesItselfWithItsAlias() {
        this.store.addJob(job("a", T0));
        assertThat(this.store).hasToString("MemoryJobStore[default]");
    }

}
