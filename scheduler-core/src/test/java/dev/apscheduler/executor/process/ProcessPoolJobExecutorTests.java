package dev.apscheduler.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.executor.ExecutorContext;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobBuilder;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process pool with real worker JVMs, whose tasks come from {@link TestWorkerTasks}.
 */
class ProcessPoolJobExecutorTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.at(T0);

    private final RecordingListener events = new RecordingListener();

    private final List<ProcessPoolJobExecutor> started = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void shutDown() {
        this.started.forEach((executor) -> executor.shutdown(Duration.ZERO));
    }

    private ProcessPoolJobExecutor start(ProcessPoolJobExecutor.Builder builder) {
        ProcessPoolJobExecutor executor = builder.build();
        executor.start(ExecutorContext.of("processes", this.clock, new TaskRegistry(), this.events::onEvent));
        this.started.add(executor);
        return executor;
    }

    private static JobBuilder job(String id, String task) {
        return Job.builder().id(id).task(TaskReference.named(task)).trigger(DateTrigger.of(T0)).nextRunTime(T0);
    }

    private List<JobExecutionEvent> ended(int count) {
        await().atMost(WAIT).until(() -> this.events.events().stream()
            .filter((event) -> event instanceof JobExecutionEvent).count() >= count);
        List<JobExecutionEvent> ended = new ArrayList<>();
        this.events.events().forEach((event) -> {
            if (event instanceof JobExecutionEvent execution) {
                ended.add(execution);
            }
        });
        return ended;
    }

    private JobExecutionEvent endedOnly() {
        List<JobExecutionEvent> ended = ended(1);
        assertThat(ended).hasSize(1);
        return ended.get(0);
    }

    @Test
    void runsATaskInAWorkerWithItsArgumentsAndReturnsItsResultAsJson() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1));
        executor.submit(job("square-job", "square").args(7).kwargs(Map.of("by", "worker")).build(), List.of(T0));
        JobExecutionEvent event = endedOnly();
        assertThat(event.code()).isEqualTo(EventCodes.JOB_EXECUTED);
        assertThat(event.returnValue()).isEqualTo(Map.of("square", 49, "by", "worker", "job", "square-job", "run",
                event.runId()));
        assertThat(executor.workerPids()).hasSize(1).doesNotContain(ProcessHandle.current().pid());
        assertThat(executor.activeCount()).isZero();
        assertThat(executor.type()).isEqualTo("processpool");
    }

    @Test
    void logsWhatTheTaskPrintsWithTheJobIdAndRunId() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1));
            executor.submit(job("printing", "square").args(3).build(), List.of(T0));
            JobExecutionEvent event = endedOnly();
            long pid = executor.workerPids().get(0);
            await().atMost(WAIT).untilAsserted(() -> assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("[processes worker " + pid + "] job 'printing' run " + event.runId() + ": squaring 3 in "
                        + pid));
        }
        finally {
            System.setErr(original);
        }
    }

    @Test
    void aTaskExceptionBecomesAJobErrorWithItsTypeMessageAndStackTrace() {
        start(ProcessPoolJobExecutor.builder().maxWorkers(1))
            .submit(job("failing", "fail").args("chance").build(), List.of(T0));
        JobExecutionEvent event = endedOnly();
        assertThat(event.code()).isEqualTo(EventCodes.JOB_ERROR);
        assertThat(event.exception()).isInstanceOf(WorkerTaskException.class)
            .hasMessage("java.lang.IllegalStateException: no chance");
        WorkerTaskException error = (WorkerTaskException) event.exception();
        assertThat(error.remoteType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.remoteMessage()).isEqualTo("no chance");
        assertThat(error.getStackTrace()).anySatisfy((frame) -> assertThat(frame.getClassName())
            .startsWith(TestWorkerTasks.class.getName()));
        assertThat(error.getCause()).isInstanceOf(WorkerTaskException.class)
            .hasMessage("java.lang.ArithmeticException: underneath");
    }

    @Test
    void anUnknownTaskNameIsAJobErrorListingTheWorkersTasks() {
        start(ProcessPoolJobExecutor.builder().maxWorkers(1))
            .submit(job("lost", "no-such-task").build(), List.of(T0));
        assertThat(endedOnly().exception()).hasMessageContaining("dev.apscheduler.UnknownTaskException")
            .hasMessageContaining("no-such-task").hasMessageContaining("square");
    }

    @Test
    void anInlineTaskIsRefusedAsAJobError() {
        start(ProcessPoolJobExecutor.builder().maxWorkers(1).eager(false))
            .submit(Job.builder().id("inline").task(TaskReference.inline(() -> { }))
                .trigger(DateTrigger.of(T0)).nextRunTime(T0).build(), List.of(T0));
        assertThat(endedOnly().exception()).hasMessageContaining("has an inline task")
            .hasMessageContaining("cannot run on process pool 'processes'");
    }

    @Test
    void aWorkerKilledMidRunFailsTheRunWithItsExitCodeAndIsReplaced() throws Exception {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1));
        Path marker = this.temp.resolve("started");
        executor.submit(job("victim", "sleep").kwargs(Map.of("marker", marker.toString())).build(), List.of(T0));
        await().atMost(WAIT).until(() -> Files.exists(marker));
        long pid = executor.workerPids().get(0);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        JobExecutionEvent event = endedOnly();
        assertThat(event.code()).isEqualTo(EventCodes.JOB_ERROR);
        assertThat(event.exception()).isInstanceOf(WorkerExitedException.class)
            .hasMessageContaining("processes worker " + pid + " exited with code 137 (killed: SIGKILL)")
            .hasMessageContaining("while it ran job 'victim'");
        assertThat(((WorkerExitedException) event.exception()).exitCode()).isEqualTo(137);
        await().atMost(WAIT).until(() -> executor.idleWorkers() == 1);
        assertThat(executor.workerPids()).doesNotContain(pid);
        this.events.clear();
        executor.submit(job("after", "pid").build(), List.of(T0));
        assertThat(endedOnly().code()).isEqualTo(EventCodes.JOB_EXECUTED);
    }

    @Test
    void systemExitInATaskFailsTheRunWithItsExitCodeAndThePoolCarriesOn() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1).eager(false));
        executor.submit(job("quitter", "exit").args(42).build(), List.of(T0));
        JobExecutionEvent event = endedOnly();
        assertThat(event.exception()).isInstanceOf(WorkerExitedException.class)
            .hasMessageContaining("exited with code 42 while it ran job 'quitter'");
        this.events.clear();
        executor.submit(job("next", "pid").build(), List.of(T0));
        assertThat(endedOnly().code()).isEqualTo(EventCodes.JOB_EXECUTED);
    }

    @Test
    void runningOutOfMemoryEndsTheWorkerAndFailsTheRun() {
        start(ProcessPoolJobExecutor.builder().maxWorkers(1).heap("32m").eager(false))
            .submit(job("glutton", "oom").build(), List.of(T0));
        JobExecutionEvent event = endedOnly();
        assertThat(event.exception()).isInstanceOf(WorkerExitedException.class)
            .hasMessageContaining("exited with code 3 (out of memory) while it ran job 'glutton'");
    }

    @Test
    void runsAtMostMaxWorkersTasksAtOnce() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(2));
        for (int i = 0; i < 5; i++) {
            executor.submit(job("sleeper-" + i, "sleep").kwargs(Map.of("millis", 700)).build(), List.of(T0));
        }
        assertThat(executor.activeCount()).isEqualTo(5);
        List<JobExecutionEvent> ended = ended(5);
        List<long[]> spans = new ArrayList<>();
        var pids = new HashSet<Long>();
        for (JobExecutionEvent event : ended) {
            assertThat(event.code()).isEqualTo(EventCodes.JOB_EXECUTED);
            List<?> result = (List<?>) event.returnValue();
            pids.add(((Number) result.get(0)).longValue());
            spans.add(new long[] { ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue() });
        }
        assertThat(pids).hasSize(2);
        int most = 0;
        for (long[] span : spans) {
            int overlapping = (int) spans.stream().filter((other) -> other[0] <= span[0] && span[0] < other[1])
                .count();
            most = Math.max(most, overlapping);
        }
        assertThat(most).isEqualTo(2);
    }

    @Test
    void retiresAWorkerAfterMaxTasksPerChildRuns() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1).maxTasksPerChild(2));
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            this.events.clear();
            executor.submit(job("pid-" + i, "pid").build(), List.of(T0));
            pids.add(((Number) endedOnly().returnValue()).longValue());
        }
        assertThat(pids.get(0)).isEqualTo(pids.get(1));
        assertThat(pids.get(2)).isEqualTo(pids.get(3)).isNotEqualTo(pids.get(0));
        assertThat(pids.get(4)).isNotIn(pids.get(0), pids.get(2));
        await().atMost(WAIT).until(() -> ProcessHandle.of(pids.get(0)).isEmpty());
    }

    @Test
    void startsWorkersLazilyWhenAskedTo() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(3).eager(false));
        assertThat(executor.workerPids()).isEmpty();
        executor.submit(job("lazy", "pid").build(), List.of(T0));
        endedOnly();
        assertThat(executor.workerPids()).hasSize(1);
    }

    @Test
    void aRunPastItsTimeoutKillsItsWorker() throws Exception {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1));
        Path marker = this.temp.resolve("slow");
        await().atMost(WAIT).until(() -> executor.idleWorkers() == 1);
        executor.submit(job("slow", "sleep").kwargs(Map.of("marker", marker.toString()))
            .timeout(Duration.ofSeconds(1)).build(), List.of(T0));
        await().atMost(WAIT).until(() -> Files.exists(marker));
        long pid = executor.workerPids().get(0);
        await().atMost(WAIT).until(() -> !this.events.events(JobExecutionEvent.class, EventCodes.JOB_TIMED_OUT)
            .isEmpty());
        await().atMost(WAIT).until(() -> ProcessHandle.of(pid).isEmpty());
        await().atMost(WAIT).until(() -> executor.activeCount() == 0);
    }

    @Test
    void shutdownWaitsForRunningTasksAndLeavesNoWorkerBehind() {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(2));
        await().atMost(WAIT).until(() -> executor.idleWorkers() == 2);
        List<Long> pids = executor.workerPids();
        executor.submit(job("short", "sleep").kwargs(Map.of("millis", 500)).build(), List.of(T0));
        assertThat(executor.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(endedOnly().code()).isEqualTo(EventCodes.JOB_EXECUTED);
        assertThat(pids).hasSize(2).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).isEmpty());
    }

    @Test
    void shutdownWithoutWaitingKillsTheRunningTasks() throws Exception {
        ProcessPoolJobExecutor executor = start(ProcessPoolJobExecutor.builder().maxWorkers(1));
        Path marker = this.temp.resolve("long");
        executor.submit(job("long", "sleep").kwargs(Map.of("marker", marker.toString())).build(), List.of(T0));
        await().atMost(WAIT).until(() -> Files.exists(marker));
        long pid = executor.workerPids().get(0);
        assertThat(executor.shutdown(Duration.ZERO)).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(endedOnly().exception()).isInstanceOf(WorkerExitedException.class)
            .hasMessageContaining("exited with code 137");
    }

    @Test
    void workersExitWhenTheSchedulersJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanParentMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).startsWith("workers ");
            for (String pid : line.substring("workers ".length()).split(" ")) {
                pids.add(Long.parseLong(pid));
            }
            assertThat(pids).hasSize(2).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).isPresent());
            assertThat(ProcessHandle.of(pids.get(0)).orElseThrow().parent().map(ProcessHandle::pid))
                .contains(parent.pid());
            parent.destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).isEqualTo(137);
            await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(pids)
                    .allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).isEmpty()));
        }
        finally {
            parent.destroyForcibly();
            pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void factoryReadsTheOptionsAndNamesABadOne() {
        ProcessPoolJobExecutorFactory factory = new ProcessPoolJobExecutorFactory();
        assertThat(factory.type()).isEqualTo("processpool");
        ProcessPoolJobExecutor executor = (ProcessPoolJobExecutor) factory.create(ComponentOptions.of(
                "apscheduler.executors.cpu.", Map.of("max_workers", 3, "max_tasks_per_child", "5", "eager", "false",
                        "heap", "64m", "jvm_args", "-Dx=1  --add-opens=java.base/java.lang=ALL-UNNAMED",
                        "environment", "A=1, B=two", "main_class", "com.example.App")));
        assertThat(executor.maxWorkers()).isEqualTo(3);
        assertThat(executor.command("cpu").command()).contains("-Xmx64m", "-Dx=1",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", ProcessWorker.class.getName(), "com.example.App");
        assertThat(executor.command("cpu").environment()).containsEntry("A", "1").containsEntry("B", "two");
        assertThat(executor).hasToString(
                "ProcessPoolJobExecutor[max_workers=3, max_tasks_per_child=5, eager=false, "
                        + "main_class=com.example.App]");
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> factory.create(ComponentOptions.of(
                "apscheduler.executors.cpu.", Map.of("heap", "lots"))))
            .withMessageContaining("apscheduler.executors.cpu.heap").withMessageContaining("lots");
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> factory.create(ComponentOptions.of(
                "apscheduler.executors.cpu.", Map.of("max_tasks_per_child", -1))))
            .withMessageContaining("apscheduler.executors.cpu.max_tasks_per_child");
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> factory.create(ComponentOptions.of(
                "apscheduler.executors.cpu.", Map.of("environment", "novalue"))))
            .withMessageContaining("apscheduler.executors.cpu.environment").withMessageContaining("novalue");
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> factory.create(ComponentOptions.of(
                "apscheduler.executors.cpu.", Map.of("workers", 2))))
            .withMessageContaining("unknown option for executor type 'processpool'");
    }

}
