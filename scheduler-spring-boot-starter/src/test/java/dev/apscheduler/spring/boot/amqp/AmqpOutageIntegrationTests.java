package dev.apscheduler.spring.boot.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAmqpAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection between the application and the broker drops and comes back while runs are being published and
 * consumed: every run submitted is run, exactly once, and its result recorded.
 */
class AmqpOutageIntegrationTests {

    private static final int RUNS = 60;

    private final TestRabbit rabbit = new TestRabbit();

    private final HistoryStore history = new MemoryHistoryStore();

    private final String queue = this.rabbit.queue("outage");

    @AfterEach
    void deleteQueues() {
        this.rabbit.close();
    }

    private ApplicationContextRunner application(int port, String... properties) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class,
                    ApschedulerAmqpAutoConfiguration.class, ApschedulerAutoConfiguration.class))
            .withBean(HistoryStore.class, () -> this.history)
            .withBean(TestTasks.class)
            .withPropertyValues("spring.rabbitmq.host=" + TestRabbit.HOST, "spring.rabbitmq.port=" + port,
                    "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest",
                    "spring.rabbitmq.connection-timeout=2s", "apscheduler.executors.default.type=amqp",
                    "apscheduler.executors.default.queue=" + this.queue,
                    "apscheduler.executors.default.confirm-timeout=20s")
            .withPropertyValues(properties);
    }

    @Test
    void nothingIsLostWhenTheConnectionDropsAndComesBack() throws Exception {
        try (TcpProxy workerLink = new TcpProxy(TestRabbit.PORT); TcpProxy beatLink = new TcpProxy(TestRabbit.PORT)) {
            application(workerLink.port(), "apscheduler.auto-startup=false", "apscheduler.worker.enabled=true",
                    "apscheduler.worker.queues=" + this.queue, "apscheduler.worker.name=worker-a")
                .run((worker) -> application(beatLink.port()).run((beat) -> {
                    AmqpTasks tasks = beat.getBean(AmqpTasks.class);
                    CompletableFuture<List<TaskResult>> submitting = CompletableFuture.supplyAsync(() -> {
                        List<TaskResult> results = new ArrayList<>();
                        for (int i = 0; i < RUNS; i++) {
                            results.add(tasks.applyAsync("echo", List.of("run " + i), Map.of(),
                                    SubmitOptions.defaults()));
                            pause(25);
                        }
                        return results;
                    });
                    pause(400);
                    workerLink.cut();
                    beatLink.cut();
                    pause(1500);
                    workerLink.restore();
                    beatLink.restore();
                    List<TaskResult> results = submitting.get();
                    TestTasks executed = worker.getBean(TestTasks.class);
                    for (int i = 0; i < RUNS; i++) {
                        assertThat(results.get(i).get(Duration.ofSeconds(30))).isEqualTo("run " + i);
                        assertThat(executed.executions(results.get(i).runId())).isEqualTo(1);
                    }
                    assertThat(executed.executed).hasSize(RUNS);
                }));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
