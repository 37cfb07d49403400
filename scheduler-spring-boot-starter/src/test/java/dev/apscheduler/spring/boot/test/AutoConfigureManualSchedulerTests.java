package dev.apscheduler.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * An application's test with {@link AutoConfigureManualScheduler}: the scheduler is a {@link ManualScheduler} on an
 * injectable {@link MutableClock}, the application's {@code @ScheduledJob} methods and {@code apscheduler.jobs.*}
 * run when the test moves time on, on the test's thread, even where a thread pool executor is configured.
 */
@SpringBootTest(classes = AutoConfigureManualSchedulerTests.TestApplication.class,
        properties = { "spring.datasource.generate-unique-name=true", "apscheduler.timezone=UTC",
                "apscheduler.executors.default.type=threadpool", "apscheduler.executors.reports.type=threadpool",
                "apscheduler.jobs.nightly.task=report", "apscheduler.jobs.nightly.executor=reports",
                "apscheduler.jobs.nightly.params.hours=24" })
@AutoConfigureManualScheduler
class AutoConfigureManualSchedulerTests {

    @Autowired
    private Scheduler scheduler;

    @Autowired
    private ManualScheduler manualScheduler;

    @Autowired
    private MutableClock clock;

    @Autowired
    private Jobs jobs;

    @Test
    void declaredJobsRunAsTheTestMovesTimeOnAndOnItsThread() {
        assertThat(this.scheduler).isSameAs(this.manualScheduler);
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(this.scheduler.clock().instant()).isEqualTo(this.clock.instant());
        Instant start = this.clock.instant();
        this.manualScheduler.advance(Duration.ofMinutes(35));
        assertThat(this.jobs.ticks).hasSize(3)
            .containsExactly(start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20)),
                    start.plus(Duration.ofMinutes(30)));
        assertThat(this.jobs.threads).containsOnly(Thread.currentThread());
        this.manualScheduler.advance(Duration.ofHours(48));
        assertThat(this.jobs.ticks).hasSize(3 + 6 * 48);
        assertThat(this.jobs.reports).hasSize(2);
        assertThat(this.jobs.threads).containsOnly(Thread.currentThread());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        Jobs jobs(MutableClock clock) {
            return new Jobs(clock);
        }

    }

    static class Jobs {

        final List<Instant> ticks = new CopyOnWriteArrayList<>();

        final List<Instant> reports = new CopyOnWriteArrayList<>();

        final List<Thread> threads = new CopyOnWriteArrayList<>();

        private final MutableClock clock;

        Jobs(MutableClock clock) {
            this.clock = clock;
        }

        @ScheduledJob(minutes = "10")
        void tick() {
            this.ticks.add(this.clock.instant());
            this.threads.add(Thread.currentThread());
        }

        @JobTask("report")
        void report() {
            this.reports.add(this.clock.instant());
            this.threads.add(Thread.currentThread());
        }

    }

}
