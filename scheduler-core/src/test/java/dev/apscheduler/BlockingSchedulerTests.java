package dev.apscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.support.EveryTrigger;
import org.junit.jupiter.api.Test;

/**
 * The blocking scheduler: {@code start()} runs the loop on the calling thread until the scheduler is shut down.
 */
class BlockingSchedulerTests {

    @Test
    void startBlocksUntilAJobShutsTheSchedulerDown() throws Exception {
        BlockingScheduler scheduler = BlockingScheduler.builder().build();
        AtomicInteger runs = new AtomicInteger();
        scheduler.taskRegistry().register("count", () -> {
            if (runs.incrementAndGet() == 3) {
                scheduler.shutdown(false);
            }
        });
        ZonedDateTime now = ZonedDateTime.now(scheduler.clock().withZone(scheduler.timezone()));
        scheduler.addJob("count", EveryTrigger.every(Duration.ofMillis(50), now.plusNanos(50_000_000)));
        CompletableFuture<SchedulerState> blocked = CompletableFuture.supplyAsync(() -> {
            scheduler.start();
            return scheduler.state();
        });
        assertThat(blocked.get(60, TimeUnit.SECONDS)).isEqualTo(SchedulerState.STOPPED);
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void startReturnsWhenAnotherThreadShutsTheSchedulerDown() throws Exception {
        BlockingScheduler scheduler = BlockingScheduler.builder().shutdownTimeout(Duration.ofSeconds(5)).build();
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(scheduler::start);
        await().until(() -> scheduler.state() == SchedulerState.RUNNING);
        assertThat(blocked).isNotDone();
        scheduler.shutdown();
        blocked.get(60, TimeUnit.SECONDS);
        assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThatExceptionOfType(SchedulerNotRunningException.class).isThrownBy(scheduler::shutdown);
    }

}
