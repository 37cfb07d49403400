package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

/**
 * The scheduler's events reach {@code @EventListener} methods as {@link SchedulerApplicationEvent}s, which a listener
 * may narrow by the core event's type or by a condition on its code.
 */
class SchedulerApplicationEventTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class)
        .withBean("reports", Reports.class)
        .withBean(Listeners.class);

    @Test
    void listenersReceiveTheEventsOfTheTypeTheyAskFor() {
        this.contextRunner.run((context) -> {
            context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(20));
            Listeners listeners = context.getBean(Listeners.class);
            assertThat(listeners.all).extracting(SchedulerEvent::codeName)
                .contains("SCHEDULER_STARTED", "JOB_ADDED", "JOB_SUBMITTED", "JOB_EXECUTED");
            assertThat(listeners.executions).extracting(JobExecutionEvent::returnValue).containsExactly(1, 2);
            assertThat(listeners.jobEvents).extracting(JobEvent::jobId).containsExactly("reports.count");
            assertThat(listeners.started).isEqualTo(1);
        });
    }

    @Test
    void theApplicationEventCarriesTheSchedulerAndTheCodeName() {
        this.contextRunner.run((context) -> {
            Listeners listeners = context.getBean(Listeners.class);
            assertThat(listeners.applicationEvents).isNotEmpty().allSatisfy((event) -> {
                assertThat(event.getScheduler()).isSameAs(context.getBean(ManualScheduler.class));
                assertThat(event.getSource()).isSameAs(event.getScheduler());
                assertThat(event.getCodeName()).isEqualTo(event.getEvent().codeName());
            });
        });
    }

    static class Reports {

        private int count;

        @ScheduledJob(seconds = "10")
        int count() {
            return ++this.count;
        }

    }

    static class Listeners {

        final List<SchedulerEvent> all = new CopyOnWriteArrayList<>();

        final List<SchedulerApplicationEvent<?>> applicationEvents = new CopyOnWriteArrayList<>();

        final List<JobExecutionEvent> executions = new CopyOnWriteArrayList<>();

        final List<JobEvent> jobEvents = new CopyOnWriteArrayList<>();

        volatile int started;

        @EventListener
        void any(SchedulerApplicationEvent<?> event) {
            this.all.add(event.getEvent());
            this.applicationEvents.add(event);
        }

        @EventListener
        void executed(SchedulerApplicationEvent<JobExecutionEvent> event) {
            this.executions.add(event.getEvent());
        }

        @EventListener
        void jobChanged(SchedulerApplicationEvent<JobEvent> event) {
            this.jobEvents.add(event.getEvent());
        }

        @EventListener(condition = "#event.codeName == 'SCHEDULER_STARTED'")
        void started(SchedulerApplicationEvent<?> event) {
            this.started++;
        }

    }

}
