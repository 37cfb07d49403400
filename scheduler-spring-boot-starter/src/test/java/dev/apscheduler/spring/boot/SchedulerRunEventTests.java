package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import dev.apscheduler.event.HistoryEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.FailingHistoryStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The events of runs that are retried, that give up and that time out, and of a run history that fails and recovers,
 * reach {@code @EventListener} methods as {@link SchedulerApplicationEvent}s, like every other scheduler event.
 */
class SchedulerRunEventTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(RunsConfiguration.class)
        .withBean("exports", Exports.class)
        .withBean(Listeners.class);

    @Test
    void aRetryAndTheLastFailedAttemptArePublished() {
        this.contextRunner.run((context) -> {
            context.getBean(ManualScheduler.class).advance(Duration.ofSeconds(30));
            List<JobExecutionEvent> runs = context.getBean(Listeners.class).runs("flaky");
            assertThat(runs).extracting(SchedulerEvent::codeName)
                .containsExactlyInAnyOrder("JOB_ERROR", "JOB_RETRY_SCHEDULED", "JOB_ERROR", "JOB_RETRIES_EXHAUSTED")
                .startsWith("JOB_ERROR", "JOB_RETRY_SCHEDULED");
            assertThat(runs).filteredOn((event) -> event.codeName().equals("JOB_RETRY_SCHEDULED")).singleElement()
                .satisfies((retry) -> {
                    assertThat(retry.attempt()).isEqualTo(1);
                    assertThat(retry.retryAt()).isEqualTo(T0.plusSeconds(20).toInstant());
                    assertThat(retry.exception()).hasMessage("upstream is down");
                });
            assertThat(runs).filteredOn((event) -> event.codeName().equals("JOB_RETRIES_EXHAUSTED")).singleElement()
                .satisfies((exhausted) -> {
                    assertThat(exhausted.attempt()).isEqualTo(2);
                    assertThat(exhausted.scheduledRunTime()).isEqualTo(T0.plusSeconds(10));
                    assertThat(exhausted.exception()).hasMessage("upstream is down");
                });
        });
    }

    @Test
    void aTimedOutRunIsPublishedInsteadOfItsEnd() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            Exports exports = context.getBean(Exports.class);
            scheduler.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).until(() -> exports.started.getCount() == 0);
            scheduler.advance(Duration.ofSeconds(5));
            Listeners listeners = context.getBean(Listeners.class);
            assertThat(listeners.timeouts).singleElement().satisfies((event) -> {
                assertThat(event.jobId()).isEqualTo("slow");
                assertThat(event.executor()).isEqualTo("pool");
                assertThat(event.duration()).isEqualTo(Duration.ofSeconds(5));
                assertThat(event.exception()).isInstanceOf(TimeoutException.class)
                    .hasMessage("Job 'slow' exceeded its timeout of PT5S");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> exports.interrupted);
            assertThat(listeners.runs("slow")).extracting(SchedulerEvent::codeName).containsExactly("JOB_TIMED_OUT");
        });
    }

    @Test
    void aHistoryOutageAndItsRecoveryArePublished() {
        this.contextRunner.run((context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            FailingHistoryStore history = context.getBean(FailingHistoryStore.class);
            history.failing = true;
            scheduler.advance(Duration.ofSeconds(30));
            history.failing = false;
            assertThat(scheduler.flushHistory()).isTrue();
            assertThat(context.getBean(Listeners.class).history).satisfiesExactly((failed) -> {
                assertThat(failed.codeName()).isEqualTo("HISTORY_FAILED");
                assertThat(failed.historyType()).isEqualTo("failing");
                assertThat(failed.exception()).hasMessage("history database is down");
            }, (recovered) -> {
                assertThat(recovered.codeName()).isEqualTo("HISTORY_RECOVERED");
                assertThat(recovered.exception()).isNull();
            });
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class RunsConfiguration {

        @Bean
        FailingHistoryStore history() {
            return new FailingHistoryStore();
        }

        @Bean
        ManualScheduler scheduler(FailingHistoryStore history) {
            return ManualScheduler.builder()
                .clock(MutableClock.at(T0.toInstant()))
                .timezone(ZoneOffset.UTC)
                .executor("pool", new ThreadPoolJobExecutor(2))
                .historyStore(history)
                .build();
        }

    }

    static class Exports {

        final CountDownLatch started = new CountDownLatch(1);

        volatile boolean interrupted;

        @ScheduledJob(id = "flaky", runDate = "2030-01-01T00:00:10Z", maxAttempts = "2", retryBackoff = "10s")
        void flaky() {
            throw new IllegalStateException("upstream is down");
        }

        @ScheduledJob(id = "slow", runDate = "2030-01-01T00:01:00Z", executor = "pool", timeout = "5s")
        void slow() throws InterruptedException {
            this.started.countDown();
            try {
                new CountDownLatch(1).await();
            }
            catch (InterruptedException ex) {
                this.interrupted = true;
                throw ex;
            }
        }

    }

    static class Listeners {

        final List<JobExecutionEvent> runs = new CopyOnWriteArrayList<>();

        final List<JobExecutionEvent> timeouts = new CopyOnWriteArrayList<>();

        final List<HistoryEvent> history = new CopyOnWriteArrayList<>();

        @EventListener
        void run(SchedulerApplicationEvent<JobExecutionEvent> event) {
            this.runs.add(event.getEvent());
        }

        @EventListener(condition = "#event.codeName == 'JOB_TIMED_OUT'")
        void timedOut(SchedulerApplicationEvent<JobExecutionEvent> event) {
            this.timeouts.add(event.getEvent());
        }

        @EventListener
        void history(SchedulerApplicationEvent<HistoryEvent> event) {
            this.history.add(event.getEvent());
        }

        List<JobExecutionEvent> runs(String jobId) {
            return this.runs.stream().filter((event) -> event.jobId().equals(jobId)).toList();
        }

    }

}
