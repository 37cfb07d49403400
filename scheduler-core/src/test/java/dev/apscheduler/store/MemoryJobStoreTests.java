package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
    void describesItselfWithItsAlias() {
        this.store.addJob(job("a", T0));
        assertThat(this.store).hasToString("MemoryJobStore[default]");
    }

}
