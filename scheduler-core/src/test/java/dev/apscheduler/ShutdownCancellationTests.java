package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * A shutdown that has waited as long as it may cancels the runs still queued, so nothing starts after the scheduler
 * has stopped; they are recorded as cancelled.
 */
class ShutdownCancellationTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    @Test
    void queuedRunsAreCancelledWhenTheShutdownWaitRunsOut() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.fixture.tasks.register("block", (context) -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            return null;
        });
        ManualScheduler scheduler = this.fixture.builder().executor("default", new ThreadPoolJobExecutor(1)).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("block").id("first").trigger(Triggers.date(at(1))));
        scheduler.addJob(JobSpec.task("tick").id("queued").trigger(Triggers.date(at(1))));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        HistoryStore history = scheduler.historyStore().orElseThrow();
        try {
            assertThat(scheduler.shutdown(Duration.ofMillis(200))).isFalse();
        }
        finally {
            release.countDown();
        }
        assertThat(history.findRuns("queued", 0, 10).runs()).singleElement()
            .satisfies((record) -> {
                assertThat(record.outcome()).isEqualTo(RunOutcome.CANCELLED);
                assertThat(record.startedAt()).isNull();
            });
        assertThat(history.findRuns("first", 0, 10).runs()).singleElement()
            .extracting((record) -> record.outcome()).isEqualTo(RunOutcome.RUNNING);
        assertThat(this.fixture.ticks).isEmpty();
    }

}
