package dev.apscheduler.spring.boot.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.process.app.WorkerTestApplication;
import dev.apscheduler.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bean task with an injected dependency runs in a worker JVM that started the application in worker mode.
 */
class ProcessPoolSpringWorkerIntegrationTests {

    @Test
    void beanTaskRunsInAWorkerStartedFromTheApplicationsMainClass() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerTestApplication.class)
            .web(WebApplicationType.NONE)
            .properties("apscheduler.executors.cpu.type=processpool", "apscheduler.executors.cpu.max-workers=1",
                    "apscheduler.executors.cpu.heap=256m",
                    "apscheduler.executors.cpu.jvm-args[0]=-Dgreeting.suffix=!",
                    "apscheduler.executors.cpu.environment.GREETING_ENV=from-the-pool",
                    "apscheduler.executors.cpu.start-timeout=120s")
            .run()) {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.executors().get("cpu")).extracting(ExecutorInfo::type).isEqualTo("processpool");
            RecordingListener events = new RecordingListener();
            scheduler.addListener(events::onEvent);
            scheduler.addJob(JobSpec.task("greet").id("greeting").executor("cpu").args(List.of("worker")));
            await().atMost(Duration.ofMinutes(2))
                .until(() -> !events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED).isEmpty()
                        || !events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR).isEmpty());
            assertThat(events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR)).isEmpty();
            Object result = events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED).get(0).returnValue();
            assertThat(result).isInstanceOf(Map.class);
            Map<?, ?> report = (Map<?, ?>) result;
            assertThat(report.get("greeting")).isEqualTo("Hello, worker!");
            assertThat(((Number) report.get("pid")).longValue()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(report.get("worker")).isEqualTo(true);
            assertThat(report.get("schedulerRunning")).isEqualTo(false);
            assertThat(report.get("webApplicationType")).isEqualTo("none");
            assertThat(report.get("environment")).isEqualTo("from-the-pool");
        }
    }

}
