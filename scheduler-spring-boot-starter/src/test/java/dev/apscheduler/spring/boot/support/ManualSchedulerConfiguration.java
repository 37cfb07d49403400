package dev.apscheduler.spring.boot.support;

import java.time.ZoneOffset;

import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's own scheduler for tests that drive time: a {@link ManualScheduler} on a {@link MutableClock}
 * standing at {@link #T0}, in UTC, with a second job store {@code archive} and a second executor {@code inline}.
 * Jobs run when the test advances the scheduler, on the test's thread.
 */
@Configuration(proxyBeanMethods = false)
public class ManualSchedulerConfiguration {

    /** Where the clock stands when the context starts. */
    public static final String T0 = "2030-01-01T00:00:00Z";

    @Bean
    MutableClock clock() {
        return MutableClock.at(T0);
    }

    @Bean
    ManualScheduler scheduler(MutableClock clock) {
        return ManualScheduler.builder()
            .clock(clock)
            .timezone(ZoneOffset.UTC)
            .jobStore("archive", new MemoryJobStore())
            .executor("inline", new DirectJobExecutor())
            .build();
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

}
