package dev.apscheduler.spring.boot;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.QueueingExecutor;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A scheduler for tests, defined as an application would define its own: a {@link ManualScheduler} on a
 * {@link MutableClock} at {@link #T0}, whose {@code default} executor runs jobs on the caller's thread and whose
 * {@code queue} executor holds them until the test runs them, with a {@code default} memory job store and a
 * {@code flaky} one that fails while the test says so. Tasks: {@code report} returns {@code "sent"},
 * {@code failing} throws, {@code slow} moves the clock by 250 ms while it runs. Not started: tests start it when they
 * need it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSchedulerConfiguration {

    /** The clock's initial time. */
    public static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    @Bean
    MutableClock clock() {
        return MutableClock.at(T0);
    }

    @Bean
    QueueingExecutor queueingExecutor() {
        return new QueueingExecutor();
    }

    @Bean
    FailingJobStore flakyJobStore() {
        return new FailingJobStore(new MemoryJobStore());
    }

    @Bean
    ManualScheduler scheduler(MutableClock clock, QueueingExecutor queueingExecutor, FailingJobStore flakyJobStore) {
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("report", (context) -> "sent");
        tasks.register("failing", (context) -> {
            throw new IllegalStateException("mail server refused the report");
        });
        tasks.register("slow", (context) -> {
            clock.advance(Duration.ofMillis(250));
            return null;
        });
        return ManualScheduler.builder().clock(clock).timezone(ZoneId.of("UTC")).taskRegistry(tasks)
            .executor("queue", queueingExecutor).jobStore("flaky", flakyJobStore).build();
    }

}
