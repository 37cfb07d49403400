package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.history.RunRecord;
import dev.apscheduler.job.RunIds;
import dev.apscheduler.support.RecordingListener;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * Every run has an id: in the task's context and in its events.
 */
class RunIdTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void theTaskAndTheEventsShareTheRunsId() {
        // the log context (MDC) is tested with Logback in the starter: this module logs through slf4j-simple
        this.fixture.tasks.register("record", (context) -> {
            this.seen.add(context.runId());
            return null;
        });
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("record").id("r").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        this.scheduler.advance(Duration.ofSeconds(3));
        List<String> submitted = this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED)
            .stream().flatMap((event) -> event.runIds().stream()).toList();
        List<String> executed = this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED)
            .stream().map(JobExecutionEvent::runId).toList();
        assertThat(submitted).hasSize(3).doesNotHaveDuplicates().allMatch((id) -> id.matches(EventTests.RUN_ID));
        assertThat(executed).isEqualTo(submitted);
        assertThat(this.seen).isEqualTo(submitted);
    }

    @Test
    void withoutAListenerForSubmissionsEachIdIsMadeAsItsRunStartsAndIsTheOneRecorded() {
        RecordingListener executions = new RecordingListener();
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.fixture.clock).timezone(SchedulerFixture.UTC)
            .taskRegistry(this.fixture.tasks).listener(executions, EventCodes.JOB_EXECUTED).build();
        this.fixture.tasks.register("record", (context) -> {
            this.seen.add(context.runId());
            return null;
        });
        scheduler.start();
        scheduler.addJob(JobSpec.task("record").id("r").trigger(Triggers.interval().seconds(1)
            .startDate(at(1)).build()));
        scheduler.advance(Duration.ofSeconds(3));
        scheduler.flushHistory();
        List<String> executed = executions.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED).stream()
            .map(JobExecutionEvent::runId).toList();
        List<String> recorded = scheduler.historyStore().orElseThrow().findRuns("r", 0, 10).runs().stream()
            .map(RunRecord::runId).toList();
        assertThat(this.seen).hasSize(3).doesNotHaveDuplicates().allMatch((id) -> id.matches(EventTests.RUN_ID));
        // made in the order the runs started: ids sort by creation
        assertThat(this.seen).isSorted();
        assertThat(executed).isEqualTo(this.seen);
        List<String> newestFirst = new ArrayList<>(this.seen);
        Collections.reverse(newestFirst);
        assertThat(recorded).isEqualTo(newestFirst);
        scheduler.shutdown(false);
    }

    @Test
    void runsDroppedAtMaxInstancesAndRunsNowHaveIdsToo() {
        this.scheduler.start();
        this.scheduler.addJob(JobSpec.task("tick").id("t").trigger(Triggers.date(at(60))));
        this.scheduler.runJob("t");
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .singleElement().extracting(JobExecutionEvent::runId).asString().matches(EventTests.RUN_ID);
        JobSubmissionEvent dropped = new JobSubmissionEvent(EventCodes.JOB_MAX_INSTANCES, "t", "default", "default",
                "tick", List.of(at(1), at(2)), RunIds.next(2));
        assertThat(dropped.runIds()).hasSize(2).doesNotHaveDuplicates();
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> new JobSubmissionEvent(EventCodes.JOB_SUBMITTED, "t", "default", "default", "tick",
                    List.of(at(1), at(2)), List.of("only-one")))
            .withMessage("one run id for each run time: 1 ids for 2 run times");
    }

    @Test
    void idsMadeInOneProcessIncreaseStrictlyEvenWithinAMillisecond() {
        List<String> ids = RunIds.next(20_000);
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void idsAreUniqueAndSortByTheTimeTheyWereMade() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RunIds.next());
        }
        assertThat(ids).hasSize(100_000).allMatch((id) -> id.matches(EventTests.RUN_ID));
        String earlier = RunIds.next();
        long madeBy = System.currentTimeMillis();
        while (System.currentTimeMillis() <= madeBy) {
            Thread.onSpinWait();
        }
        String later = RunIds.next();
        // made in a later millisecond: the id sorts after
        assertThat(later.compareTo(earlier)).isPositive();
    }

}
