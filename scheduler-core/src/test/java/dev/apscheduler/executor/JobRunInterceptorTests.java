package dev.apscheduler.executor;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static dev.apscheduler.support.SchedulerFixture.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

/**
 * Run interceptors registered on the scheduler builder: they wrap each run that starts, on the thread that runs the
 * task, in the order they were added, and their outcome is the run's outcome.
 */
class JobRunInterceptorTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final List<String> trace = new CopyOnWriteArrayList<>();

    private JobRunInterceptor recording(String name) {
        return (context, task) -> {
            this.trace.add(name + " before " + context.jobId());
            try {
                return task.run(context);
            }
            finally {
                this.trace.add(name + " after " + context.jobId());
            }
        };
    }

    @Test
    void interceptorsWrapEachRunFirstAddedOutermost() {
        this.fixture.tasks.register("traced", (context) -> this.trace.add("task " + context.scheduledFireTime()));
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor(recording("outer"))
            .jobRunInterceptor(recording("inner")).build();
        scheduler.addJob(JobSpec.task("traced").id("job").trigger(DateTrigger.of(at(1))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.trace).containsExactly("outer before job", "inner before job", "task " + at(1),
                "inner after job", "outer after job");
    }

    @Test
    void interceptorRunsOnTheWorkerThreadThatRunsTheTask() {
        List<String> threads = new CopyOnWriteArrayList<>();
        this.fixture.tasks.register("where", (context) -> threads.add("task " + Thread.currentThread().getName()));
        ManualScheduler scheduler = this.fixture.builder().executor("default", new ThreadPoolJobExecutor(1))
            .jobRunInterceptor((context, task) -> {
                threads.add("interceptor " + Thread.currentThread().getName());
                return task.run(context);
            })
            .build();
        scheduler.addJob(JobSpec.task("where").trigger(DateTrigger.of(at(1))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        await().untilAsserted(() -> assertThat(threads).containsExactly("interceptor apscheduler-default-1",
                "task apscheduler-default-1"));
        scheduler.shutdown();
    }

    @Test
    void interceptorSeesTheRunsContextAndItsResultIsTheEventsReturnValue() {
        List<JobContext> contexts = new CopyOnWriteArrayList<>();
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor((context, task) -> {
            contexts.add(context);
            return "wrapped " + task.run(context);
        }).build();
        scheduler.addJob(JobSpec.task("tick").id("ticker").args(List.of(7)).trigger(DateTrigger.of(at(2))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(contexts).singleElement().satisfies((context) -> {
            assertThat(context.jobId()).isEqualTo("ticker");
            assertThat(context.taskName()).isEqualTo("tick");
            assertThat(context.scheduledFireTime()).isEqualTo(at(2));
            assertThat(context.executor()).isEqualTo("default");
            assertThat(context.jobstore()).isEqualTo("default");
            assertThat(context.args()).containsExactly(7);
        });
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .extracting(JobExecutionEvent::returnValue).containsExactly("wrapped tick@00:00:02");
    }

    @Test
    void failureOfTheTaskPassesThroughTheInterceptorAsTheRunsError() {
        IllegalStateException failure = new IllegalStateException("boom");
        this.fixture.tasks.register("failing", (context) -> {
            throw failure;
        });
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor((context, task) -> {
            try {
                return task.run(context);
            }
            catch (Exception ex) {
                seen.add(ex);
                throw ex;
            }
        }).build();
        scheduler.addJob(JobSpec.task("failing").trigger(DateTrigger.of(at(1))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(seen).containsExactly(failure);
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR))
            .extracting(JobExecutionEvent::exception).containsExactly(failure);
    }

    @Test
    void failureOfTheInterceptorIsReportedAsTheRunsError() {
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor((context, task) -> {
            throw new IllegalStateException("interceptor failed for " + context.jobId());
        }).build();
        scheduler.addJob(JobSpec.task("tick").id("job").trigger(DateTrigger.of(at(1))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.fixture.ticks).isEmpty();
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_ERROR))
            .singleElement()
            .satisfies((event) -> assertThat(event.exception()).hasMessage("interceptor failed for job"));
    }

    @Test
    void missedRunsDoNotReachTheInterceptor() {
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor(recording("interceptor")).build();
        scheduler.addJob(JobSpec.task("tick").id("late").trigger(everySecond()).coalesce(false)
            .misfireGraceTime(Duration.ofSeconds(1)));
        scheduler.start();
        scheduler.jump(seconds(3.5));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactly(at(1), at(2));
        assertThat(this.trace).containsExactly("interceptor before late", "interceptor after late");
        assertThat(this.fixture.ticks).containsExactly(at(3));
    }

    @Test
    void emptyChainRunsTheTaskAlone() throws Exception {
        JobContext context = new JobContext("id", "run", "name", "task", at(0), List.of(), java.util.Map.of(),
                "default", "default");
        assertThat(JobRunInterceptor.chain(List.of()).intercept(context, (ctx) -> "ran " + ctx.jobId()))
            .isEqualTo("ran id");
    }

    @Test
    void captureRunsOnTheSubmittingThreadAndItsInterceptorWrapsTheRunOnTheWorker() {
        List<String> threads = new CopyOnWriteArrayList<>();
        this.fixture.tasks.register("where", (context) -> threads.add("task " + Thread.currentThread().getName()));
        ManualScheduler scheduler = this.fixture.builder().executor("default", new ThreadPoolJobExecutor(1))
            .jobRunInterceptor(new CapturingInterceptor(threads))
            .jobRunInterceptor(recording("plain"))
            .build();
        scheduler.addJob(JobSpec.task("where").id("job").trigger(DateTrigger.of(at(100))));
        scheduler.start();
        String caller = Thread.currentThread().getName();
        scheduler.runJob("job");
        await().untilAsserted(() -> assertThat(threads).containsExactly("captured on " + caller,
                "run with " + caller + " on apscheduler-default-1", "task apscheduler-default-1"));
        assertThat(this.trace).containsExactly("plain before job", "plain after job");
        scheduler.shutdown();
    }

    @Test
    void aFailingCaptureDoesNotLoseTheRun() {
        this.fixture.tasks.register("plain", (context) -> this.trace.add("task"));
        ManualScheduler scheduler = this.fixture.builder().jobRunInterceptor(new JobRunInterceptor() {

            @Override
            public Object intercept(JobContext context, dev.apscheduler.job.Task task) throws Exception {
                JobRunInterceptorTests.this.trace.add("uncaptured");
                return task.run(context);
            }

            @Override
            public JobRunInterceptor capture() {
                throw new IllegalStateException("no context");
            }

        }).build();
        scheduler.addJob(JobSpec.task("plain").id("job").trigger(DateTrigger.of(at(1))));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(this.trace).containsExactly("uncaptured", "task");
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)).hasSize(1);
    }

    /**
     * Takes the submitting thread's name along to the run.
     */
    private static final class CapturingInterceptor implements JobRunInterceptor {

        private final List<String> threads;

        private final String captured;

        CapturingInterceptor(List<String> threads) {
            this(threads, "nothing");
        }

        private CapturingInterceptor(List<String> threads, String captured) {
            this.threads = threads;
            this.captured = captured;
        }

        @Override
        public Object intercept(JobContext context, dev.apscheduler.job.Task task) throws Exception {
            this.threads.add("run with " + this.captured + " on " + Thread.currentThread().getName());
            return task.run(context);
        }

        @Override
        public JobRunInterceptor capture() {
            String thread = Thread.currentThread().getName();
            this.threads.add("captured on " + thread);
            return new CapturingInterceptor(this.threads, thread);
        }

    }

}
