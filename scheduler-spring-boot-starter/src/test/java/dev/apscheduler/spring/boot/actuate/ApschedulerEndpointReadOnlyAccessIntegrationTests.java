package dev.apscheduler.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.testing.ManualScheduler;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code management.endpoint.apscheduler.access=read-only} wins over a default of unrestricted access: over HTTP and
 * over JMX the scheduler and its jobs can be read, and no operation that pauses, resumes, runs or removes a job is
 * offered, neither the endpoint's nor its web and JMX extensions'.
 */
@SpringBootTest(classes = ApschedulerEndpointWebIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.access.default=unrestricted",
                "management.endpoint.apscheduler.access=read-only",
                "management.endpoints.web.exposure.include=apscheduler", "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=apscheduler",
                "management.endpoints.jmx.domain=apscheduler.readonly" })
class ApschedulerEndpointReadOnlyAccessIntegrationTests {

    private static final String[] ID = { String.class.getName() };

    private static final String[] ID_AND_ACTION = { String.class.getName(), String.class.getName() };

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private ManualScheduler scheduler;

    @BeforeEach
    void addJob() {
        if (this.scheduler.state() == SchedulerState.STOPPED) {
            this.scheduler.start();
        }
        this.scheduler.removeAllJobs();
        this.scheduler.addJob(JobSpec.task("report").id("nightly").trigger("cron", Map.of("hour", "3")));
    }

    @Test
    void readsWorkOverHttp() throws Exception {
        assertThat(send("GET", "", null).statusCode()).isEqualTo(200);
        HttpResponse<String> job = send("GET", "/jobs/nightly", null);
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(job.body()).contains("\"id\":\"nightly\"");
    }

    @Test
    void writesAreRefusedOverHttp() throws Exception {
        for (String action : new String[] { "pause", "resume", "run" }) {
            HttpResponse<String> response = send("POST", "/jobs/nightly", "{\"action\": \"" + action + "\"}");
            assertThat(response.statusCode()).as("%s: %s", action, response.body()).isEqualTo(405);
        }
        HttpResponse<String> removal = send("DELETE", "/jobs/nightly", null);
        assertThat(removal.statusCode()).as(removal.body()).isEqualTo(405);
        assertThat(this.scheduler.getJob("nightly")).hasValueSatisfying((job) -> assertThat(job.isPaused()).isFalse());
        assertThat(this.scheduler.flushHistory()).isTrue();
        assertThat(this.scheduler.historyStore().orElseThrow().findRuns("nightly", 0, 1).total()).isZero();
    }

    @Test
    void readsWorkOverJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = endpointName(server);
        assertThat(server.invoke(name, "scheduler", new Object[0], new String[0]))
            .asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("state", "RUNNING");
        assertThat(server.invoke(name, "job", new Object[] { "nightly" }, ID))
            .asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("id", "nightly");
    }

    @Test
    void writesAreNotOfferedOverJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = endpointName(server);
        assertThat(Arrays.stream(server.getMBeanInfo(name).getOperations()).map(MBeanOperationInfo::getName))
            .contains("scheduler", "job", "jobRuns", "run", "failures")
            .doesNotContain("changeJob", "removeJob");
        assertThatExceptionOfType(JMException.class).isThrownBy(
                () -> server.invoke(name, "changeJob", new Object[] { "nightly", "pause" }, ID_AND_ACTION));
        assertThatExceptionOfType(JMException.class)
            .isThrownBy(() -> server.invoke(name, "removeJob", new Object[] { "nightly" }, ID));
        assertThat(this.scheduler.getJob("nightly")).hasValueSatisfying((job) -> assertThat(job.isPaused()).isFalse());
    }

    private static ObjectName endpointName(MBeanServer server) throws Exception {
        Set<ObjectName> names = server
            .queryNames(new ObjectName("apscheduler.readonly:type=Endpoint,name=Apscheduler,*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return ApschedulerEndpointWebIntegrationTests.send(this.http, this.port, method, path, body);
    }

}
