package dev.apscheduler.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.executor.ThreadPoolJobExecutor;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/**
 * Job runs observed with Micrometer's Observation API: one observation per run, open on the thread that runs the
 * task, with the run's outcome, and low-cardinality keys only in metrics.
 */
class ObservationJobRunInterceptorTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private final ObservationRegistry registry = ObservationRegistry.create();

    private final RecordingObservationHandler handler = new RecordingObservationHandler();

    private final List<Observation> currentInTask = new CopyOnWriteArrayList<>();

    private final TaskRegistry tasks = new TaskRegistry();

    ObservationJobRunInterceptorTests() {
        this.registry.observationConfig().observationHandler(this.handler);
        this.tasks.register("report", (context) -> {
            this.currentInTask.add(this.registry.getCurrentObservation());
            return "sent";
        });
        this.tasks.register("failing", (context) -> {
            throw new IllegalStateException("refused");
        });
    }

    private ManualScheduler.Builder scheduler(ObservationJobRunInterceptor interceptor) {
        return ManualScheduler.builder().clock(MutableClock.at(T0)).timezone(ZoneId.of("UTC")).taskRegistry(this.tasks)
            .jobRunInterceptor(interceptor);
    }

    @Test
    void eachRunIsObservedWithTheRunsKeysAndIsCurrentWhileTheTaskRuns() {
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry)).build();
        scheduler.addJob(JobSpec.task("report").id("nightly").name("Nightly report")
            .trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.handler.stopped()).singleElement().satisfies((context) -> {
            assertThat(context.getName()).isEqualTo("apscheduler.job.run");
            assertThat(context.getContextualName()).isEqualTo("job report");
            assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(KeyValue.of("task", "report"),
                    KeyValue.of("executor", "default"), KeyValue.of("jobstore", "default"),
                    KeyValue.of("outcome", "SUCCESS"), KeyValue.of("exception", "none"));
            assertThat(context.getHighCardinalityKeyValues()).containsExactlyInAnyOrder(
                    KeyValue.of("job.id", "nightly"), KeyValue.of("job.name", "Nightly report"),
                    KeyValue.of("scheduled.time", "2030-01-01T00:00:10Z"));
            assertThat(context.getError()).isNull();
        });
        assertThat(this.currentInTask).singleElement()
            .satisfies((observation) -> assertThat(observation.getContext()).isSameAs(this.handler.stopped().get(0)));
        assertThat(this.registry.getCurrentObservation()).isNull();
    }

    @Test
    void aFailedRunIsAnObservationWithTheErrorAndOutcomeError() {
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry)).build();
        scheduler.addJob(JobSpec.task("failing").id("bad").trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.handler.stopped()).singleElement().satisfies((context) -> {
            assertThat(context.getError()).isInstanceOf(IllegalStateException.class).hasMessage("refused");
            assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("ERROR");
            assertThat(context.getLowCardinalityKeyValue("exception").getValue()).isEqualTo("IllegalStateException");
        });
    }

    @Test
    void theObservationIsOpenOnTheWorkerThread() {
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry))
            .executor("default", new ThreadPoolJobExecutor(1)).build();
        scheduler.addJob(JobSpec.task("report").id("pooled").trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(10));
        await().untilAsserted(() -> assertThat(this.handler.stopped()).hasSize(1));
        assertThat(this.currentInTask).singleElement()
            .satisfies((observation) -> assertThat(observation.getContext().getName())
                .isEqualTo("apscheduler.job.run"));
        scheduler.shutdown();
    }

    @Test
    void aCustomConventionReplacesTheDefaultOne() {
        JobRunObservationConvention convention = new DefaultJobRunObservationConvention() {

            @Override
            public String getName() {
                return "batch.run";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(JobRunObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "reports");
            }

        };
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry, convention)).build();
        scheduler.addJob(JobSpec.task("report").trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.handler.stopped()).singleElement().satisfies((context) -> {
            assertThat(context.getName()).isEqualTo("batch.run");
            assertThat(context.getLowCardinalityKeyValue("team").getValue()).isEqualTo("reports");
        });
    }

    @Test
    void metricsFromTheObservationAreTaggedByTaskExecutorAndOutcomeButNotByJobId() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry)).build();
        scheduler.addJob(JobSpec.task("report").id("nightly").trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(meters.get("apscheduler.job.run").tags("task", "report", "outcome", "SUCCESS").timer().count())
            .isEqualTo(2);
        assertThat(meters.getMeters()).flatExtracting((meter) -> meter.getId().getTags()).extracting(Tag::getKey)
            .doesNotContain("job.id", "job.name", "scheduled.time");
    }

    @Test
    void aRunHandedOverWhileAnObservationIsCurrentIsItsChildAndATriggeredRunStartsATraceOfItsOwn() {
        ManualScheduler scheduler = scheduler(new ObservationJobRunInterceptor(this.registry))
            .executor("default", new ThreadPoolJobExecutor(1)).build();
        scheduler.addJob(JobSpec.task("report").id("on-demand").trigger("interval", Map.of("seconds", 10)));
        scheduler.start();
        Observation request = Observation.start("http.server.requests", this.registry);
        try (Observation.Scope scope = request.openScope()) {
            scheduler.runJob("on-demand");
        }
        finally {
            request.stop();
        }
        await().untilAsserted(() -> assertThat(this.handler.stopped()).filteredOn(
                (context) -> context.getName().equals("apscheduler.job.run")).hasSize(1));
        scheduler.advance(Duration.ofSeconds(10));
        await().untilAsserted(() -> assertThat(this.handler.stopped()).filteredOn(
                (context) -> context.getName().equals("apscheduler.job.run")).hasSize(2));
        List<Observation.Context> runs = this.handler.stopped().stream()
            .filter((context) -> context.getName().equals("apscheduler.job.run")).toList();
        assertThat(runs.get(0).getParentObservation()).isNotNull()
            .satisfies((parent) -> assertThat(parent.getContextView().getName()).isEqualTo("http.server.requests"));
        assertThat(runs.get(1).getParentObservation()).isNull();
        scheduler.shutdown();
    }

}
