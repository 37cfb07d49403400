package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting down with the context, under Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}: running jobs are
 * waited for within it, a job that outlasts it is named and left behind without holding the context, and a job added
 * once stopping has begun is refused rather than kept in memory.
 */
@ExtendWith(OutputCaptureExtension.class)
class SchedulerShutdownTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ApschedulerAutoConfiguration.class))
        .withBean("blocking", Blocking.class);

    @Test
    void stopsAfterTheWebServersGracefulShutdownAndBeforeTheWebServerStops() {
        assertThat(SchedulerLifecycle.PHASE).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
            .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        this.contextRunner.run((context) -> assertThat(context.getBean(SchedulerLifecycle.class).getPhase())
            .isEqualTo(SchedulerLifecycle.PHASE));
    }

    @Test
    void runningJobFinishesWithinThePhaseTimeoutAndJobsAddedMeanwhileAreRefused() {
        this.contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20s").run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            Blocking blocking = context.getBean(Blocking.class);
            scheduler.addJob(JobSpec.task("block").id("blocking"));
            assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
            Thread closer = close(context);
            await("the scheduler stopping").atMost(Duration.ofSeconds(10))
                .until(() -> scheduler.state() == SchedulerState.STOPPED);
            assertThatExceptionOfType(SchedulerNotRunningException.class)
                .isThrownBy(() -> scheduler.addJob(JobSpec.task("block").id("too-late")))
                .withMessageContaining("cannot add job 'too-late' (task 'block')");
            assertThat(closer.isAlive()).as("the context waits for the running job").isTrue();
            blocking.release.countDown();
            await("the context closing").atMost(Duration.ofSeconds(10)).until(() -> !closer.isAlive());
            assertThat(blocking.finished).isTrue();
            assertThat(scheduler.getJobs()).extracting(Job::id).doesNotContain("too-late");
        });
    }

    @Test
    void jobLongerThanThePhaseTimeoutIsNamedAndTheContextClosesWithinTheTimeout(CapturedOutput output) {
        this.contextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=2s",
                "apscheduler.shutdown-timeout=30s")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                Blocking blocking = context.getBean(Blocking.class);
                scheduler.addJob(JobSpec.task("block").id("endless"));
                assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
                try {
                    Thread closer = close(context);
                    await("the context closing").atMost(Duration.ofSeconds(4)).until(() -> !closer.isAlive());
                    assertThat(blocking.finished).isFalse();
                    assertThat(output).contains(
                            "Jobs were still running when the scheduler shut down after waiting PT1.8S: [endless]")
                        .doesNotContain("still running after timeout");
                }
                finally {
                    blocking.release.countDown();
                }
            });
    }

    @Test
    void jobAddedToAStoppedContextIsRefusedUntilItStartsAgain() {
        this.contextRunner.withBean("ticker", Ticker.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            context.stop();
            assertThatExceptionOfType(SchedulerNotRunningException.class)
                .isThrownBy(() -> scheduler.addJob(JobSpec.task("block").id("while-stopped")))
                .withMessage("Scheduler is not running: cannot add job 'while-stopped' (task 'block'): it has been "
                        + "shut down, and a job kept pending now would be lost");
            context.start();
            scheduler.addJob(JobSpec.task("block").id("after-restart").trigger("interval", Map.of("hours", 1)));
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactlyInAnyOrder("ticker.tick",
                    "after-restart");
        });
    }

    @Test
    void shutdownWaitIsBoundedByThePhaseTimeoutLessAMargin() {
        assertThat(SchedulerLifecycle.shutdownWait(Duration.ofSeconds(30), Duration.ofSeconds(30)))
            .isEqualTo(Duration.ofSeconds(29));
        assertThat(SchedulerLifecycle.shutdownWait(Duration.ofSeconds(30), Duration.ofSeconds(2)))
            .isEqualTo(Duration.ofMillis(1800));
        assertThat(SchedulerLifecycle.shutdownWait(Duration.ofSeconds(5), Duration.ofSeconds(30)))
            .isEqualTo(Duration.ofSeconds(5));
        assertThat(SchedulerLifecycle.shutdownWait(Duration.ZERO, Duration.ofSeconds(30))).isZero();
    }

    private static Thread close(ConfigurableApplicationContext context) {
        Thread closer = new Thread(context::close, "context-closer");
        closer.start();
        return closer;
    }

    static class Blocking {

        final CountDownLatch started = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        volatile boolean finished;

        @JobTask("block")
        void block() throws InterruptedException {
            this.started.countDown();
            if (this.release.await(60, TimeUnit.SECONDS)) {
                this.finished = true;
            }
        }

    }

    static class Ticker {

        @ScheduledJob(hours = "1")
        void tick() {
        }

    }

}
