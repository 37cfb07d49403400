package dev.apscheduler.example;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerStateEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.trigger.Triggers;

/**
 * The plain-Java API without Spring, as APScheduler's own examples use it: register tasks, add an interval job
 * (every 2 seconds) and a date job (once, 3 seconds from now), run a {@link BackgroundScheduler} until the interval
 * job has run three times, and print the events.
 *
 * <p>Run it with:
 * <pre>
 * mvn -q -pl scheduler-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp scheduler-core/target/classes:scheduler-core/target/test-classes:$(cat scheduler-core/target/cp.txt) \
 *     dev.apscheduler.example.PlainJavaExample
 * </pre>
 */
public final class PlainJavaExample {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private PlainJavaExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch threeTicks = new CountDownLatch(3);
        TaskRegistry tasks = new TaskRegistry();
        tasks.register("tick", (context) -> {
            System.out.println("Tick! The time is " + TIME.format(ZonedDateTime.now(ZoneId.of("UTC"))));
            threeTicks.countDown();
            return null;
        });
        tasks.register("greet", (context) -> "Hello, " + context.kwarg("name").orElse("world") + "!");

        BackgroundScheduler scheduler = BackgroundScheduler.builder()
            .timezone(ZoneId.of("UTC"))
            .taskRegistry(tasks)
            .config(Map.of("apscheduler.executors.default.max_workers", "4",
                    "apscheduler.job_defaults.coalesce", "true"))
            .build();
        scheduler.addListener(PlainJavaExample::print, EventCodes.ALL);

        scheduler.addJob(JobSpec.task("tick").id("tick").trigger("interval", Map.of("seconds", 2)));
        scheduler.addJob(JobSpec.task("greet").id("greet").kwargs(Map.of("name", "APScheduler"))
            .trigger(Triggers.date(ZonedDateTime.now(ZoneId.of("UTC")).plusSeconds(3))));

        scheduler.start();
        scheduler.printJobs();
        if (!threeTicks.await(30, TimeUnit.SECONDS)) {
            System.out.println("The interval job did not run three times within 30 seconds");
        }
        scheduler.printJobs();
        scheduler.shutdown();
    }

    private static void print(SchedulerEvent event) {
        String details = "";
        if (event instanceof JobSubmissionEvent submission) {
            details = " job=" + submission.jobId() + " run times="
                    + submission.scheduledRunTimes().stream().map(TIME::format).toList();
        }
        else if (event instanceof JobExecutionEvent execution) {
            details = " job=" + execution.jobId() + " scheduled=" + TIME.format(execution.scheduledRunTime())
                    + ((execution.returnValue() != null) ? " returned=" + execution.returnValue() : "");
        }
        else if (event instanceof JobEvent job) {
            details = " job=" + job.jobId() + " store=" + job.jobstore();
        }
        else if (event instanceof SchedulerStateEvent state && state.alias() != null) {
            details = " " + state.alias();
        }
        System.out.println("[event] " + event.codeName() + details);
    }

}
