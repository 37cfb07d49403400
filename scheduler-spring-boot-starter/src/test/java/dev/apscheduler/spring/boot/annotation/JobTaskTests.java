package dev.apscheduler.spring.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.spring.boot.TaskArgumentException;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.support.ManualSchedulerConfiguration;
import dev.apscheduler.spring.boot.support.RecordedEvents;
import dev.apscheduler.testing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

/**
 * {@code @JobTask} methods are tasks registered by name: jobs added at run time run them with their arguments bound
 * to the method's parameters.
 */
class JobTaskTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(ManualSchedulerConfiguration.class)
        .withBean("reports", Reports.class);

    @Test
    void registersTasksByTheirNameOrBeanNameDotMethodName() {
        this.contextRunner.withPropertyValues("tasks.archive=archive-reports")
            .run((context) -> assertThat(context.getBean(ManualScheduler.class).taskRegistry().names())
                .containsExactlyInAnyOrder("send-report", "summarize", "annotate", "reports.count",
                        "archive-reports"));
    }

    @Test
    void dynamicJobRunsWithPositionalAndKeywordArguments() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops@example.com").kwargs(Map.of("copies", 2)),
                (event, reports) -> {
                    assertThat(event.code()).isEqualTo(EventCodes.JOB_EXECUTED);
                    assertThat(event.returnValue()).isEqualTo("ops@example.com x2 (job-report)");
                    assertThat(reports.sent).containsExactly("ops@example.com x2");
                }));
    }

    @Test
    void keywordArgumentsAreBoundByParameterName() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").kwargs(Map.of("copies", 3, "recipient", "dev")),
                (event, reports) -> assertThat(reports.sent).containsExactly("dev x3")));
    }

    @Test
    void convertsTextToTheParameterType() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", "4"),
                (event, reports) -> assertThat(reports.sent).containsExactly("ops x4")));
    }

    @Test
    void convertsMapsToRecords() {
        this.contextRunner.run(runJob(JobSpec.task("summarize").kwargs(Map.of("summary",
                Map.of("title", "Q3", "pages", 12))), (event, reports) -> assertThat(event.returnValue())
                    .isEqualTo("Q3: 12 pages")));
    }

    @Test
    void optionalParametersMayBeLeftOut() {
        this.contextRunner.run(runJob(JobSpec.task("annotate"),
                (event, reports) -> assertThat(event.returnValue()).isEqualTo("no note")));
        this.contextRunner.run(runJob(JobSpec.task("annotate").args("urgent"),
                (event, reports) -> assertThat(event.returnValue()).isEqualTo("urgent")));
    }

    @Test
    void aMissingArgumentFailsTheRunNamingTheParameter() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops"), failsWith("args",
                "no value for parameter 'copies' of " + Reports.class.getName()
                        + ".send(String, int, JobContext): give it as args[1] or as kwargs['copies']")));
    }

    @Test
    void anUnknownKeywordArgumentFailsTheRun() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", 1).kwargs(Map.of("cc", "boss")),
                failsWith("kwargs", "has no parameter for kwargs [cc] (parameters: recipient, copies)")));
    }

    @Test
    void tooManyPositionalArgumentsFailTheRun() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", 1, "extra"),
                failsWith("args", "takes 2 positional arguments but 3 were given")));
    }

    @Test
    void anArgumentGivenTwiceFailsTheRun() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", 1).kwargs(Map.of("copies", 2)),
                failsWith("kwargs", "parameter 'copies' of " + Reports.class.getName()
                        + ".send(String, int, JobContext) is given twice: as args[1] and as kwargs['copies']")));
    }

    @Test
    void aValueThatCannotBeConvertedFailsTheRun() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", "many"),
                failsWith("args", "args[1] = many cannot be converted to int for parameter 'copies'")));
    }

    @Test
    void nullForAPrimitiveParameterFailsTheRun() {
        this.contextRunner.run(runJob(JobSpec.task("send-report").args("ops", null),
                failsWith("args", "args[1] is null, but parameter 'copies'")));
    }

    private static ContextConsumer<AssertableApplicationContext> runJob(JobSpecBuilder spec,
            RunAssertion assertion) {
        return (context) -> {
            ManualScheduler scheduler = context.getBean(ManualScheduler.class);
            scheduler.addJob(spec.id("job-report").trigger("interval", Map.of("seconds", 10)));
            scheduler.advance(Duration.ofSeconds(10));
            List<JobExecutionEvent> events = context.getBean(RecordedEvents.class).executions("job-report");
            assertThat(events).hasSize(1);
            assertion.check(events.get(0), context.getBean(Reports.class));
        };
    }

    private static RunAssertion failsWith(String part, String message) {
        return (event, reports) -> {
            assertThat(event.code()).isEqualTo(EventCodes.JOB_ERROR);
            assertThat(event.exception()).isInstanceOfSatisfying(TaskArgumentException.class,
                    (ex) -> assertThat(ex.getPart()).isEqualTo(part))
                .hasMessageContaining(message);
            assertThat(reports.sent).isEmpty();
        };
    }

    @FunctionalInterface
    interface RunAssertion {

        void check(JobExecutionEvent event, Reports reports);

    }

    record Summary(String title, int pages) {

    }

    static class Reports {

        final List<String> sent = new CopyOnWriteArrayList<>();

        @JobTask("send-report")
        String send(String recipient, int copies, JobContext context) {
            this.sent.add(recipient + " x" + copies);
            return recipient + " x" + copies + " (" + context.jobId() + ")";
        }

        @JobTask("summarize")
        String summarize(Summary summary) {
            return summary.title() + ": " + summary.pages() + " pages";
        }

        @JobTask("annotate")
        String annotate(Optional<String> note) {
            return note.orElse("no note");
        }

        @JobTask
        int count() {
            return this.sent.size();
        }

        @JobTask("${tasks.archive:archive}")
        void archive() {
        }

    }

}
