package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpoint;
import dev.apscheduler.spring.boot.actuate.JobDetailsDescriptor;
import dev.apscheduler.spring.boot.actuate.JobExecutionHistory;
import dev.apscheduler.spring.boot.annotation.InvalidScheduledJobException;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code max_instances_scope} as the starter's entry points declare it: the {@code @ScheduledJob} attribute and the
 * {@code apscheduler.jobs.<id>.max-instances-scope} property give the job its scope, a bad value fails the startup
 * naming the attribute or the key, and the actuator's job details show it.
 */
class ClusterMaxInstancesDeclarationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class);

    @Test
    void annotationAttributeGivesTheScope() {
        this.contextRunner.withBean("jobs", ExclusiveJobs.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.getJob("exclusive").orElseThrow().maxInstancesScope())
                .isEqualTo(MaxInstancesScope.CLUSTER);
            assertThat(scheduler.getJob("local").orElseThrow().maxInstancesScope())
                .isEqualTo(MaxInstancesScope.INSTANCE);
            JobDetailsDescriptor details = new ApschedulerEndpoint(scheduler, new JobExecutionHistory(), List.of())
                .job("exclusive", false);
            assertThat(details.options().maxInstancesScope()).isEqualTo("cluster");
            assertThat(details.options().maxInstances()).isEqualTo(2);
        });
    }

    @Test
    void badAnnotationValueFailsTheStartupNamingTheAttribute() {
        this.contextRunner.withBean("jobs", BadScope.class).run((context) -> {
            assertThat(context).hasFailed();
            InvalidScheduledJobException failure = find(context.getStartupFailure(),
                    InvalidScheduledJobException.class);
            assertThat(failure.getAttribute()).isEqualTo("maxInstancesScope");
            assertThat(failure).hasMessageContaining("max_instances_scope must be 'instance' or 'cluster', "
                    + "was 'everywhere'");
        });
    }

    @Test
    void propertyGivesTheScope() {
        this.contextRunner.withBean("tasks", Tasks.class)
            .withPropertyValues("apscheduler.jobs.rebuild.task=rebuild", "apscheduler.jobs.rebuild.params.minutes=5",
                    "apscheduler.jobs.rebuild.max-instances-scope=cluster")
            .run((context) -> assertThat(context.getBean(Scheduler.class).getJob("rebuild").orElseThrow()
                .maxInstancesScope()).isEqualTo(MaxInstancesScope.CLUSTER));
    }

    @Test
    void badPropertyValueFailsTheStartupNamingTheKey() {
        this.contextRunner.withBean("tasks", Tasks.class)
            .withPropertyValues("apscheduler.jobs.rebuild.task=rebuild", "apscheduler.jobs.rebuild.params.minutes=5",
                    "apscheduler.jobs.rebuild.max-instances-scope=galaxy")
            .run((context) -> {
                assertThat(context).hasFailed();
                ConfigurationException failure = find(context.getStartupFailure(), ConfigurationException.class);
                assertThat(failure.key()).isEqualTo("apscheduler.jobs.rebuild.max-instances-scope");
                assertThat(failure).hasMessageContaining("was 'galaxy'");
            });
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
            if (type.isInstance(candidate)) {
                return type.cast(candidate);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    static class ExclusiveJobs {

        @ScheduledJob(id = "exclusive", minutes = "5", maxInstances = "2", maxInstancesScope = "cluster")
        void exclusive() {
        }

        @ScheduledJob(id = "local", minutes = "5")
        void local() {
        }

    }

    static class BadScope {

        @ScheduledJob(id = "bad", minutes = "5", maxInstancesScope = "everywhere")
        void run() {
        }

    }

    static class Tasks {

        @JobTask("rebuild")
        void rebuild() {
        }

    }

}
