package dev.apscheduler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.EveryTrigger;
import org.junit.jupiter.api.Test;

/**
 * The testing helpers themselves: the settable clock and the manually driven scheduler.
 */
class ManualSchedulerTests {

    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

    @Test
    void clockMovesOnlyWhenToldAndViewsShareItsTime() {
        Clock helsinki = this.clock.withZone(ZoneId.of("Europe/Helsinki"));
        assertThat(this.clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(helsinki.instant()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
        assertThat(helsinki.getZone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
        this.clock.set(Instant.parse("2029-12-31T23:00:00Z"));
        assertThat(helsinki.instant()).isEqualTo(Instant.parse("2029-12-31T23:00:00Z"));
        assertThat(this.clock.now().getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void advanceStopsAtEveryWakeUpOnTheWay() {
        List<Instant> seenAt = new ArrayList<>();
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).build();
        scheduler.taskRegistry().register("record", () -> seenAt.add(this.clock.instant()));
        scheduler.addJob("record", EveryTrigger.every(Duration.ofSeconds(3), this.clock.now().plusSeconds(3)));
        scheduler.start();
        assertThat(scheduler.advance(Duration.ofSeconds(10))).contains(Instant.parse("2030-01-01T00:00:12Z"));
        assertThat(seenAt).containsExactly(Instant.parse("2030-01-01T00:00:03Z"), Instant.parse("2030-01-01T00:00:06Z"),
                Instant.parse("2030-01-01T00:00:09Z"));
        assertThat(this.clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:10Z"));
    }

    @Test
    void jumpProcessesOnlyOnceAtTheNewTime() {
        List<Instant> seenAt = new ArrayList<>();
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).build();
        scheduler.taskRegistry().register("record", () -> seenAt.add(this.clock.instant()));
        scheduler.addJob(JobSpec.task("record").trigger(EveryTrigger.every(Duration.ofSeconds(3),
                this.clock.now().plusSeconds(3))).misfireGraceTime(null).coalesce(false));
        scheduler.start();
        scheduler.jump(Duration.ofSeconds(10));
        assertThat(seenAt).hasSize(3).containsOnly(Instant.parse("2030-01-01T00:00:10Z"));
    }

    @Test
    void advanceNeedsAMutableClock() {
        ManualScheduler scheduler = ManualScheduler.builder().clock(Clock.systemUTC()).build();
        scheduler.start();
        assertThatIllegalStateException().isThrownBy(() -> scheduler.advance(Duration.ofSeconds(1)))
            .withMessageStartingWith("advance() and jump() need a MutableClock");
        assertThat(scheduler.runDue()).isEmpty();
    }

    @Test
    void defaultExecutorRunsJobsBeforeRunDueReturns() {
        List<String> runs = new ArrayList<>();
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).build();
        scheduler.start();
        scheduler.addJob(JobSpec.runnable(() -> runs.add("ran")));
        scheduler.runDue();
        assertThat(runs).containsExactly("ran");
        assertThat(scheduler.executors().get("default").type()).isEqualTo("direct");
    }

}
