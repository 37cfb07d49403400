package dev.apscheduler.spring.boot.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.executor.VirtualThreadJobExecutor;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.trigger.Triggers;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * What a run of the auto-configured scheduler takes along and where it runs: the application's task decorators, the
 * logging context of the thread that hands it over, and virtual threads when the application runs on them.
 */
class JobRunContextTests {

    private static final ThreadLocal<String> DECORATED = new ThreadLocal<>();

    private static final ThreadLocal<String> PROPAGATED = new ThreadLocal<>();

    private static final String PROPAGATED_KEY = "apscheduler.test.propagated";

    private static final List<String> RESULTS = new CopyOnWriteArrayList<>();

    private static final List<String> DECORATIONS = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withUserConfiguration(TasksConfiguration.class);

    @AfterEach
    void clear() {
        MDC.clear();
        RESULTS.clear();
        DECORATIONS.clear();
    }

    @Test
    void aTaskDecoratorBeanAppliesToRunsNowAndToRunsDueByTheirTrigger() {
        this.contextRunner.withUserConfiguration(DecoratorConfiguration.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("decorated").id("now").trigger("interval", Map.of("hours", 1)));
            scheduler.runJob("now");
            scheduler.addJob(JobSpec.task("decorated").id("due").trigger(Triggers.date(ZonedDateTime.now())));
            await().untilAsserted(() -> assertThat(RESULTS).containsExactlyInAnyOrder(
                    "now saw " + DecoratorConfiguration.VALUE, "due saw " + DecoratorConfiguration.VALUE));
            assertThat(DECORATIONS).as("decorate() is called on the thread that hands the run over")
                .contains("decorated on " + Thread.currentThread().getName());
        });
    }

    @Test
    void severalTaskDecoratorsAreComposed() {
        this.contextRunner.withUserConfiguration(TwoDecoratorsConfiguration.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("decorated").id("both").trigger("interval", Map.of("hours", 1)));
            scheduler.runJob("both");
            await().untilAsserted(() -> assertThat(RESULTS).singleElement().asString().startsWith("both saw "));
            assertThat(DECORATIONS).containsExactlyInAnyOrder("first", "second");
        });
    }

    @Test
    void bootsContextPropagatingDecoratorCarriesTheRegisteredThreadLocalsOfTheThreadThatRunsAJobNow() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(PROPAGATED_KEY, PROPAGATED::get, PROPAGATED::set,
                PROPAGATED::remove);
        try {
            this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
                .withPropertyValues("spring.task.execution.propagate-context=true")
                .run((context) -> {
                    assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    scheduler.addJob(JobSpec.task("propagated").id("carried").trigger("interval", Map.of("hours", 1)));
                    PROPAGATED.set("from the caller");
                    try {
                        scheduler.runJob("carried");
                    }
                    finally {
                        PROPAGATED.remove();
                    }
                    await().untilAsserted(() -> assertThat(RESULTS).containsExactly("carried saw from the caller"));
                });
        }
        finally {
            ContextRegistry.getInstance().removeThreadLocalAccessor(PROPAGATED_KEY);
        }
    }

    @Test
    void theMdcOfTheThreadThatRunsAJobNowIsTheRunsAndTheRunsOwnEntriesWin() {
        this.contextRunner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(JobSpec.task("mdc").id("traced").trigger("interval", Map.of("hours", 1)));
            MDC.put("request_id", "r-42");
            MDC.put(JobContext.MDC_JOB_ID, "the-request-job");
            scheduler.runJob("traced");
            MDC.clear();
            await().untilAsserted(() -> assertThat(RESULTS).containsExactly("request_id=r-42 job=traced"));
        });
    }

    @Test
    void aRunDueByItsTriggerHasOnlyItsOwnMdcEntries() {
        this.contextRunner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            MDC.put("request_id", "r-43");
            scheduler.addJob(JobSpec.task("mdc").id("triggered").trigger(Triggers.date(ZonedDateTime.now())));
            await().untilAsserted(() -> assertThat(RESULTS)
                .containsExactly("request_id=null job=triggered"));
        });
    }

    @Test
    void withVirtualThreadsTheDefaultThreadPoolRunsOnVirtualThreadsBoundedByMaxWorkers() {
        this.contextRunner
            .withPropertyValues("spring.threads.virtual.enabled=true", "apscheduler.executors.default.max-workers=3")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                ExecutorInfo executor = scheduler.executors().get("default");
                scheduler.addJob(JobSpec.task("where").id("where").trigger("interval", Map.of("hours", 1)));
                scheduler.runJob("where");
                await().untilAsserted(() -> assertThat(RESULTS).hasSize(1));
                assertThat(executor.maxWorkers()).isEqualTo(3);
                if (VirtualThreadJobExecutor.isSupported()) {
                    assertThat(executor.type()).isEqualTo(VirtualThreadJobExecutor.TYPE);
                    assertThat(RESULTS.get(0)).startsWith("VirtualThread");
                }
                else {
                    assertThat(executor.type()).as("Boot runs on virtual threads from Java 21 only")
                        .isEqualTo("threadpool");
                    assertThat(RESULTS.get(0)).contains("apscheduler-default-");
                }
            });
    }

    @Test
    void withoutVirtualThreadsTheDefaultExecutorIsAThreadPoolOfPlatformThreads() {
        this.contextRunner.withPropertyValues("apscheduler.executors.default.max-workers=3").run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.executors().get("default").type()).isEqualTo("threadpool");
            scheduler.addJob(JobSpec.task("where").id("where").trigger("interval", Map.of("hours", 1)));
            scheduler.runJob("where");
            await().untilAsserted(() -> assertThat(RESULTS).singleElement().asString()
                .contains("apscheduler-default-").doesNotStartWith("VirtualThread"));
        });
    }

    @Test
    void virtualThreadsLeaveADefaultExecutorOfAnotherTypeAlone() {
        this.contextRunner
            .withPropertyValues("spring.threads.virtual.enabled=true", "apscheduler.executors.default.type=direct")
            .run((context) -> assertThat(context.getBean(Scheduler.class).executors().get("default").type())
                .isEqualTo("direct"));
    }

    /**
     * Tasks that report what their run saw.
     */
    @Configuration(proxyBeanMethods = false)
    static class TasksConfiguration {

        @Bean
        TaskRegistry taskRegistry() {
            return new TaskRegistry()
                .register("decorated", (context) -> RESULTS.add(context.jobId() + " saw " + DECORATED.get()))
                .register("mdc", (context) -> RESULTS.add("request_id=" + MDC.get("request_id") + " job="
                        + MDC.get(JobContext.MDC_JOB_ID)))
                .register("where", (context) -> RESULTS.add(Thread.currentThread().toString()))
                .register("propagated", (context) -> RESULTS.add(context.jobId() + " saw " + PROPAGATED.get()));
        }

    }

    /**
     * A decorator that sets a thread-local value for the run and notes where it decorated.
     */
    @Configuration(proxyBeanMethods = false)
    static class DecoratorConfiguration {

        static final String VALUE = "decorator's value";

        @Bean
        TaskDecorator taskDecorator() {
            return (runnable) -> {
                DECORATIONS.add("decorated on " + Thread.currentThread().getName());
                return () -> {
                    DECORATED.set(VALUE);
                    try {
                        runnable.run();
                    }
                    finally {
                        DECORATED.remove();
                    }
                };
            };
        }

    }

    /**
     * Two ordered decorators, each setting the thread-local value and noting that it ran.
     */
    @Configuration(proxyBeanMethods = false)
    static class TwoDecoratorsConfiguration {

        @Bean
        @Order(1)
        TaskDecorator firstDecorator() {
            return setting("first");
        }

        @Bean
        @Order(2)
        TaskDecorator secondDecorator() {
            return setting("second");
        }

        private static TaskDecorator setting(String value) {
            return (runnable) -> () -> {
                DECORATIONS.add(value);
                String previous = DECORATED.get();
                DECORATED.set((previous != null) ? previous : value);
                try {
                    runnable.run();
                }
                finally {
                    DECORATED.remove();
                }
            };
        }

    }

}
