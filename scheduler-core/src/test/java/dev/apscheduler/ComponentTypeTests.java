package dev.apscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.apscheduler.executor.AbstractJobExecutor;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.executor.VirtualThreadJobExecutor;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.FailingJobStore;
import org.junit.jupiter.api.Test;

/**
 * The type names job stores and executors report for monitoring: the configured type of the core's own, and a name
 * derived from the class for others.
 */
class ComponentTypeTests {

    @Test
    void coreComponentsReportTheirConfiguredTypes() {
        assertThat(new MemoryJobStore().type()).isEqualTo("memory");
        assertThat(new ThreadPoolJobExecutor().type()).isEqualTo("threadpool");
        assertThat(new DirectJobExecutor().type()).isEqualTo("direct");
        if (VirtualThreadJobExecutor.isSupported()) {
            assertThat(new VirtualThreadJobExecutor().type()).isEqualTo("virtual");
        }
    }

    @Test
    void otherComponentsReportTheirClassNameWithoutTheSuffix() {
        assertThat(new FailingJobStore(new MemoryJobStore()).type()).isEqualTo("failing");
        assertThat(new QueueJobExecutor().type()).isEqualTo("queue");
        assertThat(new Workers().type()).isEqualTo("workers");
    }

    static final class QueueJobExecutor extends Workers {

    }

    static class Workers extends AbstractJobExecutor {

        @Override
        protected void execute(Runnable work) {
            work.run();
        }

        @Override
        public boolean shutdown(Duration timeout) {
            return true;
        }

        @Override
        public int maxWorkers() {
            return 1;
        }

    }

}
