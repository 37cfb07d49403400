package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.TestSchedulerConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerEndpointAutoConfiguration;
import dev.apscheduler.testing.ManualScheduler;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The endpoint exposed over JMX, called through the platform MBean server as a JMX client would.
 */
class ApschedulerEndpointJmxTests {

    private static final String[] ID = { String.class.getName() };

    private static final String[] ID_AND_ACTION = { String.class.getName(), String.class.getName() };

    private static final String[] ID_AND_PAGE = { String.class.getName(), Integer.class.getName(),
            Integer.class.getName() };

    private static final String[] PAGE = { Integer.class.getName(), Integer.class.getName() };

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
                JacksonEndpointAutoConfiguration.class, JmxEndpointAutoConfiguration.class,
                ApschedulerEndpointAutoConfiguration.class))
        .withUserConfiguration(TestSchedulerConfiguration.class)
        .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=apscheduler",
                "management.endpoint.apscheduler.access=UNRESTRICTED");

    private static ObjectName endpointName(MBeanServer server) throws Exception {
        Set<ObjectName> names = server
            .queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Apscheduler,*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }

    @Test
    void summaryAndJobDetailsAreReadOverJmx() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
            scheduler.start();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = endpointName(server);
            Object summary = server.invoke(name, "scheduler", new Object[0], new String[0]);
            assertThat(summary).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("state", "RUNNING")
                .containsKeys("jobstores", "executors", "jobs");
            Object job = server.invoke(name, "job", new Object[] { "nightly" }, ID);
            assertThat(job).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("id", "nightly")
                .containsEntry("nextRunTime", "2030-01-01T03:00:00Z")
                .extractingByKey("trigger", InstanceOfAssertFactories.MAP)
                .containsEntry("type", "cron");
        });
    }

    @Test
    void jobsArePausedRunAndRemovedOverJmx() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("report").id("hourly").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = endpointName(server);
            Object paused = server.invoke(name, "changeJob", new Object[] { "hourly", "pause" }, ID_AND_ACTION);
            assertThat(paused).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("action", "pause");
            assertThat(scheduler.getJob("hourly").orElseThrow().isPaused()).isTrue();
            server.invoke(name, "changeJob", new Object[] { "hourly", "run" }, ID_AND_ACTION);
            scheduler.flushHistory();
            assertThat(server.invoke(name, "jobRuns", new Object[] { "hourly", null, null }, ID_AND_PAGE))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("total", 1L);
            server.invoke(name, "removeJob", new Object[] { "hourly" }, ID);
            assertThat(scheduler.getJobs()).isEmpty();
        });
    }

    @Test
    void runsAreReadOverJmx() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            scheduler.runJob("bad");
            scheduler.runJob("bad");
            scheduler.flushHistory();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = endpointName(server);
            Object page = server.invoke(name, "jobRuns", new Object[] { "bad", 1, 1 }, ID_AND_PAGE);
            assertThat(page).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("total", 2L)
                .containsEntry("page", 1)
                .extractingByKey("runs", InstanceOfAssertFactories.LIST)
                .singleElement(InstanceOfAssertFactories.MAP)
                .containsEntry("outcome", "ERROR")
                .doesNotContainKey("stackTrace");
            Object failures = server.invoke(name, "failures", new Object[] { null, null }, PAGE);
            assertThat(failures).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("total", 2L)
                .containsEntry("size", 20);
            String runId = scheduler.historyStore().orElseThrow().findRuns("bad", 0, 1).runs().get(0).runId();
            Object run = server.invoke(name, "run", new Object[] { runId }, ID);
            assertThat(run).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("runId", runId)
                .extractingByKey("stackTrace", InstanceOfAssertFactories.STRING)
                .contains("mail server refused the report");
            assertThatExceptionOfType(MBeanException.class)
                .isThrownBy(() -> server.invoke(name, "failures", new Object[] { -1, null }, PAGE))
                .havingCause()
                .withMessage("page must be >= 0, was -1");
            assertThatExceptionOfType(MBeanException.class)
                .isThrownBy(() -> server.invoke(name, "run", new Object[] { "ghost" }, ID))
                .havingCause()
                .withMessage("No run by the id of 'ghost' was found");
        });
    }

    @Test
    void unknownJobsAndActionsFailWithAMessageSayingWhatWasWrong() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(JobSpec.task("report").id("hourly").trigger("interval", Map.of("hours", 1)));
            scheduler.start();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = endpointName(server);
            assertThatExceptionOfType(MBeanException.class)
                .isThrownBy(() -> server.invoke(name, "job", new Object[] { "ghost" }, ID))
                .havingCause()
                .withMessage("No job by the id of 'ghost' was found");
            assertThatExceptionOfType(MBeanException.class)
                .isThrownBy(() -> server.invoke(name, "changeJob", new Object[] { "hourly", "explode" },
                        ID_AND_ACTION))
                .havingCause()
                .withMessage("Unknown action 'explode'; expected one of pause, resume, run");
        });
    }

}
