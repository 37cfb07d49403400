package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.Job;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.support.RecordedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With {@code spring.main.lazy-initialization=true} nothing asks for the beans that declare jobs and tasks, or for
 * the scheduler: they are kept eager, so the jobs still run.
 */
class LazyInitializationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withInitializer(
                (context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
        .withBean("reports", Reports.class)
        .withBean("tasks", Tasks.class)
        .withBean("unrelated", Unrelated.class)
        .withBean(RecordedEvents.class);

    @Test
    void beansDeclaringJobsAndTasksAreCreatedAndTheSchedulerStarts() {
        this.contextRunner.run((context) -> {
            assertThat(Unrelated.CREATED).isFalse();
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("reports.report");
            assertThat(scheduler.taskRegistry().names()).containsExactlyInAnyOrder("reports.report", "export");
            assertThat(context.getBean(RecordedEvents.class).codeNames()).contains("SCHEDULER_STARTED", "JOB_ADDED");
        });
    }

    static class Reports {

        @ScheduledJob(hours = "1")
        void report() {
        }

    }

    static class Tasks {

        @JobTask("export")
        void export() {
        }

    }

    static class Unrelated {

        static final AtomicBoolean CREATED = new AtomicBoolean();

        Unrelated() {
            CREATED.set(true);
        }

    }

}
