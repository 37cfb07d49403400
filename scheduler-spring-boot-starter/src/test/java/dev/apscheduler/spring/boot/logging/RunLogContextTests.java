package dev.apscheduler.spring.boot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The job id and run id are in the log context (MDC) while a task runs, with Logback, the logging system of Spring
 * Boot applications: a log pattern with {@code %X{apscheduler.run_id}} prints them on every line the task logs.
 */
class RunLogContextTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void theTasksLogLinesCarryTheJobAndRunIdsAndTheCallersContextIsKept() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("ch.qos.logback");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        TaskRegistry tasks = new TaskRegistry().registerAction("record", (context) -> seen
            .add(MDC.get(JobContext.MDC_JOB_ID) + " " + MDC.get(JobContext.MDC_RUN_ID) + " " + context.runId()));
        ManualScheduler scheduler = ManualScheduler.builder().clock(MutableClock.at(T0)).timezone(ZoneOffset.UTC)
            .taskRegistry(tasks).listener(events::add, EventCodes.JOB_SUBMITTED).build();
        MDC.put(JobContext.MDC_RUN_ID, "the caller's");
        try {
            scheduler.start();
            scheduler.addJob(JobSpec.task("record").id("nightly")
                .trigger(Triggers.interval().seconds(1).startDate(T0.plusSeconds(1)).build()));
            scheduler.advance(Duration.ofSeconds(2));
            List<String> runIds = events.stream().map((event) -> ((JobSubmissionEvent) event).runIds().get(0)).toList();
            assertThat(runIds).hasSize(2).doesNotHaveDuplicates();
            assertThat(seen).containsExactly("nightly " + runIds.get(0) + " " + runIds.get(0),
                    "nightly " + runIds.get(1) + " " + runIds.get(1));
            // the direct executor ran the tasks on this thread: its log context is as it was
            assertThat(MDC.get(JobContext.MDC_RUN_ID)).isEqualTo("the caller's");
            assertThat(MDC.get(JobContext.MDC_JOB_ID)).isNull();
            scheduler.shutdown();
        }
        finally {
            MDC.clear();
        }
    }

}
