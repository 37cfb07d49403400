package dev.apscheduler.spring.boot.amqp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAmqpAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM killed (SIGKILL) in the middle of a run: the broker redelivers the unacknowledged run to another
 * worker, which runs it to the end, once.
 */
class WorkerCrashIntegrationTests {

    private final TestRabbit rabbit = new TestRabbit();

    private final HistoryStore history = new MemoryHistoryStore();

    private final String queue = this.rabbit.queue("crash");

    @TempDir
    Path directory;

    @AfterEach
    void deleteQueues() {
        this.rabbit.close();
    }

    @Test
    void runOfAKilledWorkerIsRedeliveredAndFinishesExactlyOnce() throws Exception {
        Path started = this.directory.resolve("started.txt");
        Path log = this.directory.resolve("worker.log");
        Process process = WorkerProcess.start(this.queue, started, log);
        try {
            application().run((beat) -> {
                AmqpTasks tasks = beat.getBean(AmqpTasks.class);
                TaskResult result = tasks.delay("slow");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(started).exists());
                assertThat(Files.readString(started, StandardCharsets.UTF_8).trim()).isEqualTo(result.runId());
                process.destroyForcibly().waitFor();
                assertThat(result.state()).isEqualTo(TaskState.PENDING);
                application("apscheduler.auto-startup=false", "apscheduler.worker.enabled=true",
                        "apscheduler.worker.queues=" + this.queue, "apscheduler.worker.name=survivor")
                    .run((survivor) -> {
                        assertThat(result.get(Duration.ofSeconds(30))).isEqualTo("finished by survivor");
                        assertThat(result.record()).get().satisfies((record) -> {
                            assertThat(record.outcome()).isEqualTo(RunOutcome.SUCCESS);
                            assertThat(record.instance()).isEqualTo("survivor");
                        });
                        AmqpStatistics statistics = survivor.getBean(AmqpBroker.class).statistics();
                        assertThat(statistics.redelivered()).isEqualTo(1);
                        await().untilAsserted(() -> assertThat(statistics.acked()).isEqualTo(1));
                        assertThat(survivor.getBean(QuickTasks.class).runs).containsExactly(result.runId());
                        assertThat(this.history.findRuns("slow", 0, 10).runs()).hasSize(1);
                    });
            });
        }
        finally {
            process.destroyForcibly();
        }
        assertThat(Files.readAllLines(started)).hasSize(1);
    }

    private ApplicationContextRunner application(String... properties) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class,
                    ApschedulerAmqpAutoConfiguration.class, ApschedulerAutoConfiguration.class))
            .withBean(HistoryStore.class, () -> this.history)
            .withBean(QuickTasks.class)
            .withPropertyValues("spring.rabbitmq.host=" + TestRabbit.HOST, "spring.rabbitmq.port=" + TestRabbit.PORT,
                    "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest",
                    "apscheduler.executors.default.type=amqp", "apscheduler.executors.default.queue=" + this.queue)
            .withPropertyValues(properties);
    }

    /**
     * The surviving worker's version of the task: quick.
     */
    public static class QuickTasks {

        final List<String> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

        /**
         * Finishes at once.
         * @param context the run
         * @return a note
         */
        @JobTask("slow")
        public String slow(JobContext context) {
            this.runs.add(context.runId());
            return "finished by survivor";
        }

    }

}
