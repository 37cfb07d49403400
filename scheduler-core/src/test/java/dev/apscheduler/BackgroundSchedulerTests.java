package dev.apscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.FailingJobStore;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background scheduler on real time and real threads (waiting on conditions with Awaitility).
 */
class BackgroundSchedulerTests {

    private final List<ZonedDateTime> ticks = new CopyOnWriteArrayList<>();

    private final RecordingListener events = new RecordingListener();

    private final BackgroundScheduler scheduler = BackgroundScheduler.builder().listener(this.events).build();

    BackgroundSchedulerTests() {
        this.scheduler.taskRegistry().register("tick", (context) -> this.ticks.add(context.scheduledFireTime()));
    }

    @AfterEach
    void shutdown() {
        this.scheduler.close();
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(this.scheduler.clock().withZone(this.scheduler.timezone()));
    }

    @Test
    void runsAnIntervalJobOnItsOwnDaemonThread() {
        this.scheduler.addJob("tick", EveryTrigger.every(Duration.ofMillis(100), now().plusNanos(100_000_000)));
        this.scheduler.start();
        await().until(() -> this.ticks.size() >= 3);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> thread.getName().equals("APScheduler"))
            .singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isTrue());
        this.scheduler.shutdown();
        assertThat(this.scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().equals("APScheduler"));
        assertThat(this.events.codeNames()).contains("JOB_SUBMITTED", "JOB_EXECUTED").endsWith("SCHEDULER_SHUTDOWN");
    }

    @Test
    void sleepingSchedulerIsWokenByANewJob() {
        this.scheduler.start();
        await().until(() -> this.events.codeNames().contains("SCHEDULER_STARTED"));
        this.scheduler.addJob(JobSpec.task("tick").id("now"));
        await().until(() -> this.ticks.size() == 1);
    }

    @Test
    void sleepingSchedulerIsWokenByAnEarlierNextRunTime() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("later").trigger(DateTrigger.of(now().plusHours(1))));
        this.scheduler.modifyJob("later", dev.apscheduler.job.JobChanges.nextRunTime(now()));
        await().until(() -> this.ticks.size() == 1);
    }

    @Test
    void shutdownWaitsForRunningJobs() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        this.scheduler.taskRegistry().register("long", (context) -> {
            started.countDown();
            release.await();
            finished.set(true);
            return null;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("long"));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> shutdown = CompletableFuture
            .supplyAsync(() -> this.scheduler.shutdown(Duration.ofSeconds(30)) && finished.get());
        await().until(() -> this.scheduler.state() == SchedulerState.STOPPED);
        release.countDown();
        assertThat(shutdown.get(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shutdownWithoutWaitingReturnsWhileJobsRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.scheduler.taskRegistry().register("long", (context) -> {
            started.countDown();
            release.await();
            return null;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("long"));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(this.scheduler.shutdown(Duration.ZERO)).isFalse();
        }
        finally {
            release.countDown();
        }
        await().until(() -> this.events.codeNames().contains("JOB_EXECUTED"));
    }

    @Test
    void loopOutlivesAFailingStore() {
        FailingJobStore flaky = new FailingJobStore(new MemoryJobStore());
        BackgroundScheduler scheduler = BackgroundScheduler.builder().jobStore("flaky", flaky)
            .jobstoreRetryInterval(Duration.ofMillis(50)).listener(this.events).build();
        scheduler.taskRegistry().register("tick", (context) -> this.ticks.add(context.scheduledFireTime()));
        try {
            scheduler.start();
            scheduler.addJob(JobSpec.task("tick").jobstore("flaky")
                .trigger(DateTrigger.of(now().plusNanos(200_000_000))));
            flaky.failing = true;
            scheduler.wakeup();
            await().until(() -> flaky.failedCalls >= 2);
            flaky.failing = false;
            await().until(() -> this.ticks.size() == 1);
            assertThat(this.events.codeNames()).contains("JOBSTORE_FAILED", "JOBSTORE_RECOVERED");
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        }
        finally {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void listenersHearExecutionsFromWorkerThreads() {
        RecordingListener executions = new RecordingListener();
        this.scheduler.addListener(executions, EventCodes.JOB_EXECUTED);
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick"));
        await().until(() -> executions.events().size() == 1);
    }

}
