package dev.apscheduler.spring.boot.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.Scheduler;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.RunOutcome;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.RetryPolicy;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAmqpAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.RecordingHistoryStore;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Runs travel from a scheduler (the beat) over the machine's RabbitMQ to workers, and their states and results come
 * back through the run history they share: scheduled runs, ad-hoc runs now, after a countdown or at an ETA, retries
 * on the worker, routing to two queues, revoking, duplicates and poison messages.
 */
class AmqpExecutionIntegrationTests {

    private final TestRabbit rabbit = new TestRabbit();

    /** The history, keeping every record written to it in order. */
    private final RecordingHistoryStore history = new RecordingHistoryStore();

    private final String queue = this.rabbit.queue("runs");

    @AfterEach
    void deleteQueues() {
        this.rabbit.close();
    }

    private ApplicationContextRunner application(String... properties) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class,
                    ApschedulerAmqpAutoConfiguration.class, ApschedulerAutoConfiguration.class))
            .withBean(HistoryStore.class, () -> this.history)
            .withBean(TestTasks.class)
            .withPropertyValues("spring.rabbitmq.host=" + TestRabbit.HOST, "spring.rabbitmq.port=" + TestRabbit.PORT,
                    "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest")
            .withPropertyValues(properties);
    }

    private ApplicationContextRunner beat() {
        return application("apscheduler.executors.default.type=amqp", "apscheduler.executors.default.queue="
                + this.queue);
    }

    private ApplicationContextRunner worker(String name, String queues) {
        return application("apscheduler.auto-startup=false", "apscheduler.worker.enabled=true",
                "apscheduler.worker.name=" + name, "apscheduler.worker.queues=" + queues,
                "apscheduler.worker.heartbeat-interval=200ms");
    }

    private void withBeatAndWorker(BeatAndWorker test) {
        worker("worker-a", this.queue).run((worker) -> {
            assertThat(worker).hasNotFailed();
            beat().run((beat) -> {
                assertThat(beat).hasNotFailed();
                test.run(beat, worker);
            });
        });
    }

    @FunctionalInterface
    interface BeatAndWorker {

        void run(AssertableApplicationContext beat, AssertableApplicationContext worker) throws Exception;

    }

    @Test
    void scheduledRunsReachTheWorkerAndTheirResultsTheHistory() {
        worker("worker-a", this.queue).run((worker) -> beat().run((beat) -> {
            Scheduler scheduler = beat.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("add").id("sum").args(2, 3).trigger(DateTrigger.of(ZonedDateTime.now())));
            RunRecord run = await().atMost(Duration.ofSeconds(10))
                .until(() -> this.history.findRuns("sum", 0, 10).runs().stream()
                    .filter((record) -> record.outcome() != RunOutcome.RUNNING).findFirst().orElse(null),
                        (record) -> record != null);
            assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(run.result()).isEqualTo("5");
            assertThat(run.instance()).isEqualTo("worker-a");
            assertThat(run.executor()).isEqualTo("default");
            assertThat(worker.getBean(TestTasks.class).executed).containsExactly(run.runId());
            assertThat(beat.getBean(TestTasks.class).executed).isEmpty();
            assertThat(beat.getBean(AmqpBroker.class).statistics().published()).isEqualTo(1);
            AmqpStatistics workerStatistics = worker.getBean(AmqpBroker.class).statistics();
            await().untilAsserted(() -> assertThat(workerStatistics.acked()).isEqualTo(1));
        }));
    }

    @Test
    void delayReturnsTheTaskResult() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).delay("add", 40, 2);
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo(42);
            assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(result.record()).get().extracting(RunRecord::jobId).isEqualTo("add");
        });
    }

    @Test
    void getThrowsTheTaskError() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).delay("fail");
            assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> result.get(Duration.ofSeconds(10)))
                .withMessageContaining("IllegalStateException: the report server is down")
                .satisfies((ex) -> {
                    assertThat(ex.state()).isEqualTo(TaskState.FAILURE);
                    assertThat(ex.errorType()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(ex.remoteStackTrace()).contains("TestTasks.fail");
                });
            assertThat(result.state()).isEqualTo(TaskState.FAILURE);
        });
    }

    @Test
    void getTimesOutWhileNoWorkerTakesTheRun() {
        beat().run((beat) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).delay("add", 1, 1);
            assertThat(result.state()).isEqualTo(TaskState.PENDING);
            assertThatExceptionOfType(java.util.concurrent.TimeoutException.class)
                .isThrownBy(() -> result.get(Duration.ofMillis(300)))
                .withMessageContaining("is still PENDING");
        });
    }

    @Test
    void failedAttemptsAreRetriedOnTheWorkerUnderTheSameRunId() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("flaky", List.of(2), Map.of(),
                    SubmitOptions.defaults().retryPolicy(RetryPolicy.attempts(3)
                        .withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))));
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo(3);
            assertThat(result.record()).get().satisfies((record) -> {
                assertThat(record.attempt()).isEqualTo(3);
                assertThat(record.outcome()).isEqualTo(RunOutcome.SUCCESS);
            });
            // a retried attempt is never shown failed for good: RETRY is its first record after it started
            assertThat(this.history.savedFor(result.runId())).extracting(RunRecord::attempt, RunRecord::outcome)
                .containsExactly(tuple(1, RunOutcome.RUNNING), tuple(1, RunOutcome.RETRY), tuple(2, RunOutcome.RUNNING),
                    tuple(2, RunOutcome.RETRY), tuple(3, RunOutcome.RUNNING), tuple(3, RunOutcome.SUCCESS));
        });
    }

    @Test
    void aTimedOutAttemptIsRetriedAndItsLateEndDoesNotReplaceTheRetry() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("stalls", List.of(1), Map.of(),
                    SubmitOptions.defaults().timeout(Duration.ofMillis(300)).retryPolicy(RetryPolicy.attempts(2)
                        .withBackoff(Duration.ofMillis(100), 1.0, Duration.ofMillis(100))));
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo(2);
            assertThat(this.history.savedFor(result.runId())).extracting(RunRecord::attempt, RunRecord::outcome)
                .containsExactly(tuple(1, RunOutcome.RUNNING), tuple(1, RunOutcome.RETRY), tuple(2, RunOutcome.RUNNING),
                    tuple(2, RunOutcome.SUCCESS));
        });
    }

    @Test
    void anAttemptItsPolicyDoesNotRetryIsRecordedAsTheFailureItWas() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("fail", List.of(), Map.of(),
                    SubmitOptions.defaults().retryPolicy(RetryPolicy.attempts(3)
                        .withRetryOn(List.of(IllegalArgumentException.class.getName()))));
            assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> result.get(Duration.ofSeconds(10)))
                .satisfies((ex) -> assertThat(ex.state()).isEqualTo(TaskState.FAILURE));
            assertThat(this.history.savedFor(result.runId())).extracting(RunRecord::attempt, RunRecord::outcome)
                .containsExactly(tuple(1, RunOutcome.RUNNING), tuple(1, RunOutcome.ERROR));
        });
    }

    @Test
    void countdownHoldsTheRunUntilItsTime() {
        withBeatAndWorker((beat, worker) -> {
            Instant submitted = Instant.now();
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("echo", List.of("later"), Map.of(),
                    SubmitOptions.defaults().countdown(Duration.ofMillis(1500)));
            assertThat(result.state()).isEqualTo(TaskState.PENDING);
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo("later");
            assertThat(result.record().orElseThrow().startedAt()).isAfterOrEqualTo(submitted.plusMillis(1500));
        });
    }

    @Test
    void etaHoldsTheRunUntilThatTime() {
        withBeatAndWorker((beat, worker) -> {
            Instant eta = Instant.now().plusMillis(1200);
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("echo", List.of("at eta"), Map.of(),
                    SubmitOptions.defaults().eta(eta));
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo("at eta");
            RunRecord record = result.record().orElseThrow();
            assertThat(record.startedAt()).isAfterOrEqualTo(eta);
            assertThat(record.scheduledAt()).isEqualTo(eta);
        });
    }

    @Test
    void revokedRunIsNotRun() {
        withBeatAndWorker((beat, worker) -> {
            TaskResult result = beat.getBean(AmqpTasks.class).applyAsync("echo", List.of("never"), Map.of(),
                    SubmitOptions.defaults().countdown(Duration.ofMillis(500)));
            assertThat(result.revoke()).isTrue();
            assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> result.get(Duration.ofSeconds(5)))
                .satisfies((ex) -> assertThat(ex.state()).isEqualTo(TaskState.REVOKED));
            AmqpStatistics statistics = worker.getBean(AmqpBroker.class).statistics();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(statistics.duplicates())
                .isEqualTo(1));
            assertThat(worker.getBean(TestTasks.class).executed).isEmpty();
        });
    }

    @Test
    void routesRunsToTwoQueuesThroughAnExchange() {
        String reports = this.rabbit.queue("reports");
        String mail = this.rabbit.queue("mail");
        String exchange = this.rabbit.exchange("tasks");
        worker("reports-worker", reports).run((reportsWorker) -> worker("mail-worker", mail).run((mailWorker) ->
                application("apscheduler.executors.reports.type=celery", "apscheduler.executors.reports.queue="
                        + reports, "apscheduler.executors.reports.exchange=" + exchange,
                        "apscheduler.executors.reports.routing-key=reports", "apscheduler.executors.mail.type=amqp",
                        "apscheduler.executors.mail.queue=" + mail, "apscheduler.executors.mail.exchange=" + exchange,
                        "apscheduler.executors.mail.routing-key=mail").run((beat) -> {
                            AmqpTasks tasks = beat.getBean(AmqpTasks.class);
                            TaskResult report = tasks.applyAsync("echo", List.of("report"), Map.of(),
                                    SubmitOptions.defaults().executor("reports"));
                            TaskResult letter = tasks.applyAsync("echo", List.of("letter"), Map.of(),
                                    SubmitOptions.defaults().executor("mail"));
                            TaskResult direct = tasks.applyAsync("echo", List.of("direct"), Map.of(),
                                    SubmitOptions.defaults().queue(mail));
                            assertThat(report.get(Duration.ofSeconds(10))).isEqualTo("report");
                            assertThat(letter.get(Duration.ofSeconds(10))).isEqualTo("letter");
                            assertThat(direct.get(Duration.ofSeconds(10))).isEqualTo("direct");
                            assertThat(report.record().orElseThrow().instance()).isEqualTo("reports-worker");
                            assertThat(letter.record().orElseThrow().instance()).isEqualTo("mail-worker");
                            assertThat(direct.record().orElseThrow().instance()).isEqualTo("mail-worker");
                            assertThat(reportsWorker.getBean(TestTasks.class).executed)
                                .containsExactly(report.runId());
                            assertThat(mailWorker.getBean(TestTasks.class).executed)
                                .containsExactlyInAnyOrder(letter.runId(), direct.runId());
                            WorkerDirectory directory = beat.getBean(WorkerDirectory.class);
                            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                                    directory.recentWorkers()).extracting(WorkerInfo::name, WorkerInfo::queues)
                                .contains(org.assertj.core.groups.Tuple.tuple("reports-worker", List.of(reports)),
                                        org.assertj.core.groups.Tuple.tuple("mail-worker", List.of(mail))));
                        })));
    }

    @Test
    void aRunPublishedTwiceRunsOnce() {
        withBeatAndWorker((beat, worker) -> {
            RunMessage run = new RunMessage(dev.apscheduler.job.RunIds.next(), "echo", "echo", List.of("once"),
                    Map.of(), ZonedDateTime.now(), null, 1, "default", null, null, RetryPolicy.NONE);
            AmqpBroker broker = beat.getBean(AmqpBroker.class);
            broker.publish(List.of(Map.entry(AmqpRoute.queue(this.queue), run)), Duration.ofSeconds(5));
            TaskResult result = beat.getBean(AmqpTasks.class).result(run.runId(), "echo");
            assertThat(result.get(Duration.ofSeconds(10))).isEqualTo("once");
            broker.publish(List.of(Map.entry(AmqpRoute.queue(this.queue), run)), Duration.ofSeconds(5));
            TestTasks tasks = worker.getBean(TestTasks.class);
            AmqpStatistics statistics = worker.getBean(AmqpBroker.class).statistics();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(statistics.duplicates())
                .isEqualTo(1));
            assertThat(tasks.executions(run.runId())).isEqualTo(1);
        });
    }

    @Test
    void poisonMessagesAreDeadLetteredWithAFailureRecord() {
        worker("worker-a", this.queue).run((worker) -> {
            RabbitTemplate template = new RabbitTemplate(this.rabbit.connectionFactory());
            MessageProperties unknownTask = new MessageProperties();
            unknownTask.setMessageId("run-unknown-task");
            unknownTask.setHeader("task", "no-such-task");
            RunMessage run = new RunMessage("run-unknown-task", "nightly", "no-such-task", List.of(), Map.of(),
                    ZonedDateTime.now(), null, 1, "default", null, null, RetryPolicy.NONE);
            template.send("", this.queue, new Message(run.toJson(), unknownTask));
            MessageProperties badJson = new MessageProperties();
            badJson.setMessageId("run-bad-json");
            badJson.setHeader("task", "add");
            template.send("", this.queue, new Message("{not json".getBytes(StandardCharsets.UTF_8), badJson));
            String deadLetters = this.queue + AmqpRoute.DEAD_LETTER_SUFFIX;
            Message first = template.receive(deadLetters, 10_000);
            Message second = template.receive(deadLetters, 10_000);
            assertThat(List.of(first, second)).extracting((message) -> message.getMessageProperties().getMessageId())
                .containsExactlyInAnyOrder("run-unknown-task", "run-bad-json");
            assertThat(this.history.findRun("run-unknown-task")).get().satisfies((record) -> {
                assertThat(TaskState.of(java.util.Optional.of(record))).isEqualTo(TaskState.FAILURE);
                assertThat(record.errorMessage()).contains("no-such-task");
                assertThat(record.jobId()).isEqualTo("nightly");
            });
            assertThat(this.history.findRun("run-bad-json")).get()
                .satisfies((record) -> assertThat(record.errorMessage()).contains("not a JSON object"));
            assertThat(worker.getBean(AmqpBroker.class).statistics().deadLettered()).isEqualTo(2);
            assertThat(worker.getBean(TestTasks.class).executed).isEmpty();
        });
    }

}
