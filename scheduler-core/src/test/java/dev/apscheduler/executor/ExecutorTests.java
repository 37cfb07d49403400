package dev.apscheduler.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

/**
 * The executors on their own: where jobs run, instance counting, shutdown, and the virtual-thread executor on the
 * running JVM.
 */
class ExecutorTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final MutableClock clock = MutableClock.at(T0);

    private final TaskRegistry tasks = new TaskRegistry();

    private final RecordingListener events = new RecordingListener();

    private Job job(String task, int maxInstances) {
        return Job.builder().id("job").task(TaskReference.named(task)).trigger(DateTrigger.of(T0))
            .maxInstances(maxInstances).nextRunTime(T0).build();
    }

    private <E extends JobExecutor> E start(E executor) {
        executor.start(ExecutorContext.of("workers", this.clock, this.tasks, this.events::onEvent));
        return executor;
    }

    @Test
    void aThreadPoolStartsItsWaitingWorkersWithTheExecutorUpToADefaultPool() {
        // a pool no larger than APScheduler's default is ready in full; a larger one starts the rest on demand
        int processors = Runtime.getRuntime().availableProcessors();
        for (int maxWorkers : List.of(3, ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS, 40)) {
            ThreadPoolJobExecutor executor = new ThreadPoolJobExecutor(maxWorkers);
            executor.start(ExecutorContext.of("pool" + maxWorkers, this.clock, this.tasks, this.events::onEvent));
            try {
                int expected = Math.min(maxWorkers, Math.max(ThreadPoolJobExecutor.DEFAULT_MAX_WORKERS, processors));
                await().untilAsserted(() -> assertThat(workerThreads("pool" + maxWorkers)).isEqualTo(expected));
            }
            finally {
                executor.shutdown(Duration.ofSeconds(5));
            }
            // a worker counted out is about to end: its thread is gone shortly after shutdown returns
            await().untilAsserted(() -> assertThat(workerThreads("pool" + maxWorkers)).isZero());
        }
    }

    private static long workerThreads(String alias) {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.isAlive() && thread.getName().startsWith("apscheduler-" + alias + "-"))
            .count();
    }

    @Test
    void directExecutorRunsOnTheCallersThreadBeforeSubmitReturns() {
        this.tasks.register("where", (context) -> Thread.currentThread().getName());
        DirectJobExecutor executor = start(new DirectJobExecutor());
        executor.submit(job("where", 1), List.of(T0));
        assertThat(this.events.codeNames()).containsExactly("JOB_SUBMITTED", "JOB_EXECUTED");
        assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED).get(0).returnValue())
            .isEqualTo(Thread.currentThread().getName());
        assertThat(executor.activeCount()).isZero();
        assertThat(executor.shutdown(Duration.ZERO)).isTrue();
        assertThatExceptionOfType(SchedulerException.class)
            .isThrownBy(() -> executor.submit(job("where", 1), List.of(T0)))
            .withMessage("Executor 'workers' refused job 'job': it is shut down");
    }

    @Test
    void eventsNoListenerWantsAreNotBuilt() {
        this.tasks.register("ok", (context) -> "done");
        this.tasks.register("fails", (context) -> {
            throw new IllegalStateException("boom");
        });
        ExecutorContext all = ExecutorContext.of("workers", this.clock, this.tasks, this.events::onEvent);
        List<Integer> asked = new CopyOnWriteArrayList<>();
        ExecutorContext errorsOnly = new ExecutorContext() {

            @Override
            public String alias() {
                return all.alias();
            }

            @Override
            public java.time.Clock clock() {
                return all.clock();
            }

            @Override
            public TaskRegistry taskRegistry() {
                return all.taskRegistry();
            }

            @Override
            public void dispatch(dev.apscheduler.event.SchedulerEvent event) {
                all.dispatch(event);
            }

            @Override
            public boolean wants(int code) {
                asked.add(code);
                return code == EventCodes.JOB_ERROR;
            }

        };
        DirectJobExecutor executor = new DirectJobExecutor();
        executor.start(errorsOnly);
        executor.submit(job("ok", 1), List.of(T0));
        assertThat(this.events.codeNames()).isEmpty();
        executor.submit(job("fails", 1), List.of(T0));
        assertThat(this.events.codeNames()).containsExactly("JOB_ERROR");
        assertThat(asked).contains(EventCodes.JOB_SUBMITTED, EventCodes.JOB_EXECUTED, EventCodes.JOB_ERROR);
    }

    @Test
    void unstartedExecutorRefusesWork() {
        assertThatExceptionOfType(SchedulerException.class)
            .isThrownBy(() -> new DirectJobExecutor().submit(job("x", 1), List.of(T0)))
            .withMessage("Executor DirectJobExecutor has not been started");
    }

    @Test
    void threadPoolRunsJobsOnNamedWorkerThreadsAndCountsInstances() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        this.tasks.register("blocking", (context) -> {
            release.await();
            return Thread.currentThread().getName();
        });
        ThreadPoolJobExecutor executor = start(new ThreadPoolJobExecutor(2));
        executor.submit(job("blocking", 2), List.of(T0));
        executor.submit(job("blocking", 2), List.of(T0));
        assertThat(executor.runningInstances("job")).isEqualTo(2);
        assertThat(executor.activeCount()).isEqualTo(2);
        assertThatExceptionOfType(MaxInstancesReachedException.class)
            .isThrownBy(() -> executor.submit(job("blocking", 2), List.of(T0)));
        release.countDown();
        await().untilAsserted(() -> assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .hasSize(2));
        assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .extracting((event) -> (String) event.returnValue())
            .allMatch((name) -> name.startsWith("apscheduler-workers-"));
        assertThat(executor.runningInstances("job")).isZero();
        assertThat(executor.maxWorkers()).isEqualTo(2);
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void threadPoolShutdownWaitsForRunningJobsWithinTheTimeout() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        this.tasks.register("blocking", (context) -> {
            started.countDown();
            release.await();
            return null;
        });
        ThreadPoolJobExecutor executor = start(new ThreadPoolJobExecutor());
        executor.submit(job("blocking", 1), List.of(T0));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.shutdown(Duration.ofMillis(50))).isFalse();
        release.countDown();
        assertThat(executor.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(this.events.codeNames()).containsExactly("JOB_SUBMITTED", "JOB_EXECUTED");
    }

    @Test
    void submitAllAcceptsEverySubmissionItCanAndReportsTheOthers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        this.tasks.register("blocking", (context) -> {
            release.await();
            return context.jobId();
        });
        ThreadPoolJobExecutor executor = start(new ThreadPoolJobExecutor(3));
        executor.submit(job("blocking", 1), List.of(T0));
        List<JobExecutor.Submission> refused = new CopyOnWriteArrayList<>();
        List<RuntimeException> reasons = new CopyOnWriteArrayList<>();
        JobExecutor.Submission busy = new JobExecutor.Submission(job("blocking", 1), List.of(T0));
        JobExecutor.Submission other = new JobExecutor.Submission(Job.builder().id("other")
            .task(TaskReference.named("blocking")).trigger(DateTrigger.of(T0)).nextRunTime(T0).build(), List.of(T0));
        executor.submitAll(List.of(busy, other), (submission, ex) -> {
            refused.add(submission);
            reasons.add(ex);
        });
        assertThat(refused).containsExactly(busy);
        assertThat(reasons).singleElement().isInstanceOf(MaxInstancesReachedException.class);
        assertThat(executor.runningInstances("other")).isEqualTo(1);
        release.countDown();
        await().untilAsserted(() -> assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .extracting(JobExecutionEvent::jobId).containsExactlyInAnyOrder("job", "other"));
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
        refused.clear();
        reasons.clear();
        executor.submitAll(List.of(other), (submission, ex) -> {
            refused.add(submission);
            reasons.add(ex);
        });
        assertThat(refused).containsExactly(other);
        assertThat(reasons).singleElement().isInstanceOf(SchedulerException.class).extracting(Throwable::getMessage)
            .isEqualTo("Executor 'workers' refused job 'other': it is shut down");
        assertThat(executor.runningInstances("other")).isZero();
    }

    @Test
    void threadPoolRunsABatchOnAtMostMaxWorkersThreadsAndDrainsItBeforeShuttingDown() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch allWorkersBusy = new CountDownLatch(4);
        this.tasks.register("busy", (context) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            // the first runs wait until four run at once: the pool must have started all its workers
            allWorkersBusy.countDown();
            allWorkersBusy.await(10, TimeUnit.SECONDS);
            running.decrementAndGet();
            return null;
        });
        ThreadPoolJobExecutor executor = start(new ThreadPoolJobExecutor(4));
        List<JobExecutor.Submission> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(new JobExecutor.Submission(Job.builder().id("job-" + i).task(TaskReference.named("busy"))
                .trigger(DateTrigger.of(T0)).nextRunTime(T0).build(), List.of(T0)));
        }
        executor.submitAll(batch, (submission, ex) -> {
            throw new AssertionError("refused " + submission, ex);
        });
        // shutdown stops new work but runs what was accepted
        assertThat(executor.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)).hasSize(200);
        assertThat(mostAtOnce.get()).isEqualTo(4);
        assertThat(threads).hasSize(4).allMatch((name) -> name.startsWith("apscheduler-workers-"));
        assertThat(executor.activeCount()).isZero();
    }

    @Test
    void threadPoolNeedsAtLeastOneWorker() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ThreadPoolJobExecutor(0))
            .withMessage("max_workers must be >= 1, was 0");
    }

    @Test
    void virtualExecutorRunsOnVirtualThreadsOnJava21AndIsRefusedBefore() {
        if (!VirtualThreadJobExecutor.isSupported()) {
            assertThatExceptionOfType(ConfigurationException.class).isThrownBy(VirtualThreadJobExecutor::new)
                .withMessage("executor type 'virtual' needs Java 21 or newer; running on "
                        + System.getProperty("java.version"));
            return;
        }
        this.tasks.register("where", (context) -> Thread.currentThread().toString());
        VirtualThreadJobExecutor executor = start(new VirtualThreadJobExecutor(2));
        executor.submit(job("where", 1), List.of(T0));
        await().untilAsserted(() -> assertThat(this.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .singleElement().extracting(JobExecutionEvent::returnValue).asString().startsWith("VirtualThread"));
        assertThat(executor.maxWorkers()).isEqualTo(2);
        assertThat(executor.shutdown(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void runTimesOfOneSubmissionRunInOrderEachCheckedWhenItStarts() {
        this.tasks.register("slow", (context) -> {
            this.clock.advance(Duration.ofMillis(800));
            return null;
        });
        DirectJobExecutor executor = start(new DirectJobExecutor());
        executor.submit(job("slow", 1), List.of(T0, T0.plusNanos(100_000_000), T0.plusNanos(200_000_000)));
        assertThat(this.events.codeNames()).containsExactly("JOB_SUBMITTED", "JOB_EXECUTED", "JOB_EXECUTED",
                "JOB_MISSED");
    }

}
