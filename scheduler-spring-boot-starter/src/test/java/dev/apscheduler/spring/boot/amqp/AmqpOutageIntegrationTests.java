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
import static org.awaitility.Awaitility.await;

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
                    // half the runs before the outage, the other half submitted while the network is cut
                    List<TaskResult> results = new ArrayList<>();
                    for (int i = 0; i < RUNS / 2; i++) {
                        results.add(tasks.applyAsync("echo", List.of("run " + i), Map.of(),
                                SubmitOptions.defaults()));
                    }
                    workerLink.cut();
                    beatLink.cut();
                    CompletableFuture<List<TaskResult>> submitting = CompletableFuture.supplyAsync(() -> {
                        List<TaskResult> later = new ArrayList<>();
                        for (int i = RUNS / 2; i < RUNS; i++) {
                            later.add(tasks.applyAsync("echo", List.of("run " + i), Map.of(),
                                    SubmitOptions.defaults()));
                        }
                        return later;
                    });
                    // both sides noticed: the worker and the beat try to reconnect and are refused
                    await().atMost(Duration.ofSeconds(30))
                        .until(() -> workerLink.refused() > 0 && beatLink.refused() > 0);
                    assertThat(submitting).isNotDone();
                    workerLink.restore();
                    beatLink.restore();
                    results.addAll(submitting.get());
                    TestTasks executed = worker.getBean(TestTasks.class);
                    for (int i = 0; i < RUNS; i++) {
                        assertThat(results.get(i).get(Duration.ofSeconds(30))).isEqualTo("run " + i);
                        assertThat(executed.executions(results.get(i).runId())).isEqualTo(1);
                    }
                    assertThat(executed.executed).hasSize(RUNS);
                }));
        }
    }

}
