package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.apscheduler.JobStoreException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.InvalidScheduledJobException;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The scheduler starts and stops with the context: stopping waits for running jobs up to the shutdown timeout, a
 * failure while bringing the declared jobs in stops the scheduler again, and a scheduler the application started
 * itself still gets its declared jobs.
 */
class SchedulerLifecycleTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withBean("blocking", Blocking.class);

    @Test
    void stoppingWaitsForRunningJobs() {
        this.contextRunner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            Blocking blocking = context.getBean(Blocking.class);
            scheduler.addJob(JobSpec.task("block").id("blocking"));
            assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
            Thread releaser = new Thread(() -> {
                await().until(() -> scheduler.state() == SchedulerState.STOPPED);
                blocking.release.countDown();
            });
            releaser.start();
            context.close();
            assertThat(blocking.finished).isTrue();
            releaser.join();
        });
    }

    @Test
    void stoppingGivesUpWaitingAfterTheShutdownTimeout() {
        this.contextRunner.withPropertyValues("apscheduler.shutdown-timeout=100ms").run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            Blocking blocking = context.getBean(Blocking.class);
            scheduler.addJob(JobSpec.task("block").id("blocking"));
            assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                context.close();
                assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
                assertThat(blocking.finished).isFalse();
            }
            finally {
                blocking.release.countDown();
            }
        });
    }

    @Test
    void contextStopAndStartStopAndRestartTheSchedulerKeepingItsJobs() {
        this.contextRunner.withBean("ticker", Ticker.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            context.stop();
            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            context.start();
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("ticker.tick");
        });
    }

    @Test
    void aFailureWhileBringingTheJobsInStopsTheSchedulerAndTheStartup() {
        RefusingJobStore store = new RefusingJobStore();
        this.contextRunner.withBean("ticker", Ticker.class)
            .withBean("defaultJobStore", JobStore.class, () -> store)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(JobStoreException.class);
                assertThat(context.getStartupFailure()).cause()
                    .isInstanceOf(InvalidScheduledJobException.class)
                    .hasMessageContaining("cannot schedule job 'ticker.tick': no room");
                assertThat(store.shutDown).isTrue();
            });
    }

    @Test
    void aSchedulerTheApplicationStartedItselfIsNotStartedAgainButGetsItsJobs() {
        this.contextRunner.withBean("ticker", Ticker.class).withBean(ManualScheduler.class, () -> {
            ManualScheduler scheduler = ManualScheduler.builder()
                .clock(MutableClock.at("2030-01-01T00:00:00Z"))
                .build();
            scheduler.start(true);
            return scheduler;
        }).run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.PAUSED);
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactly("ticker.tick");
        });
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

    /**
     * A store that refuses new jobs, and remembers being shut down.
     */
    static class RefusingJobStore extends DelegatingJobStore {

        final AtomicBoolean started = new AtomicBoolean();

        volatile boolean shutDown;

        RefusingJobStore() {
            super(new MemoryJobStore());
        }

        @Override
        public void start(JobStoreContext context) {
            this.started.set(true);
            super.start(context);
        }

        @Override
        public void shutdown() {
            this.shutDown = true;
        }

        @Override
        public void addJob(Job job) {
            throw new JobStoreException("no room");
        }

    }

}
