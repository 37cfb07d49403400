package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.T0;
import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.everySecond;
import static dev.apscheduler.support.SchedulerFixture.seconds;
import static dev.apscheduler.support.SchedulerFixture.times;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How due jobs run: the seeds' examples, misfire grace time and coalescing in every combination, finished triggers.
 */
class RunSemanticsTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final ManualScheduler scheduler = this.fixture.scheduler();

    @Test
    void intervalJobEveryTwoSecondsRunsAtEachFireTime() {
        this.scheduler.addJob("tick", "interval", java.util.Map.of("seconds", 2));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(2, 4, 6, 8, 10));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED)).isEmpty();
    }

    @Test
    void cronJobRunsAtItsFireTimes() {
        this.scheduler.addJob(JobSpec.task("tick").trigger("cron", java.util.Map.of("minute", "*/15")));
        this.scheduler.addJob(JobSpec.task("tick").trigger(dev.apscheduler.trigger.Triggers.crontab("50 0 * * *",
                SchedulerFixture.UTC)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofHours(1));
        assertThat(this.fixture.ticks).containsExactly(T0, T0.plusMinutes(15), T0.plusMinutes(30),
                T0.plusMinutes(45), T0.plusMinutes(50), T0.plusHours(1));
    }

    @Test
    void dateJobRunsOnceAndIsRemoved() {
        this.scheduler.addJob(JobSpec.task("tick").id("once").trigger(DateTrigger.of(at(5))));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(60));
        assertThat(this.fixture.ticks).containsExactly(at(5));
        assertThat(this.scheduler.getJob("once")).isEmpty();
        assertThat(this.fixture.events.events(JobEvent.class, EventCodes.JOB_REMOVED))
            .containsExactly(new JobEvent(EventCodes.JOB_REMOVED, "once", "default"));
    }

    @Test
    void jobWithoutTriggerRunsOnceNow() {
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(3));
        this.scheduler.addJob(JobSpec.task("tick").id("now"));
        this.scheduler.runDue();
        assertThat(this.fixture.ticks).containsExactly(at(3));
        assertThat(this.scheduler.getJob("now")).isEmpty();
    }

    @Test
    void jobWithoutTriggerAddedBeforeStartRunsWhenTheSchedulerStarts() {
        this.scheduler.addJob(JobSpec.task("tick").id("now"));
        this.fixture.clock.advance(Duration.ofSeconds(30));
        this.scheduler.start();
        this.scheduler.runDue();
        assertThat(this.fixture.ticks).containsExactly(at(30));
    }

    @Test
    void firstRunThreePointTwoSecondsLateWithoutCoalescingSubmitsFourRunTimesOfWhichThreeAreMissed() {
        this.scheduler.addJob(JobSpec.task("tick").id("late").trigger(everySecond()).coalesce(false));
        this.scheduler.start();
        this.scheduler.jump(seconds(4.2));
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED))
            .singleElement()
            .satisfies((event) -> assertThat(event.scheduledRunTimes()).containsExactlyElementsOf(times(1, 2, 3, 4)));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactlyElementsOf(times(1, 2, 3));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_EXECUTED))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactly(at(4));
        assertThat(this.fixture.ticks).containsExactly(at(4));
        assertThat(this.scheduler.getJob("late").orElseThrow().nextRunTime()).contains(at(5));
    }

    @Test
    void firstRunThreePointTwoSecondsLateWithCoalescingRunsOnce() {
        this.scheduler.addJob(JobSpec.task("tick").id("late").trigger(everySecond()).coalesce(true));
        this.scheduler.start();
        this.scheduler.jump(seconds(4.2));
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED))
            .singleElement()
            .satisfies((event) -> assertThat(event.scheduledRunTimes()).containsExactly(at(4)));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED)).isEmpty();
        assertThat(this.fixture.ticks).containsExactly(at(4));
    }

    /**
     * Every combination of coalescing and misfire grace time for a job due every second from T0+1 s, processed
     * {@code wakeUpAt} seconds after T0 (a late wake-up). Grace "none" means run however late.
     */
    @ParameterizedTest(name = "coalesce={0}, grace={1}, woken at +{2}s -> submitted {3}, missed {4}, executed {5}")
    @CsvSource({
            "false, 1,    4.2, '1,2,3,4', '1,2,3', '4'",
            "true,  1,    4.2, '4',       '',      '4'",
            "false, none, 4.2, '1,2,3,4', '',      '1,2,3,4'",
            "true,  none, 4.2, '4',       '',      '4'",
            "false, 1,    2.0, '1,2',     '',      '1,2'",
            "true,  1,    2.0, '2',       '',      '2'",
            "false, 0.5,  1.6, '1',       '1',     ''",
            "true,  0.5,  1.6, '1',       '1',     ''",
            "false, 0.5,  2.7, '1,2',     '1,2',   ''",
            "true,  0.5,  2.7, '2',       '2',     ''",
            "false, 10,   4.2, '1,2,3,4', '',      '1,2,3,4'",
            "true,  10,   4.2, '4',       '',      '4'" })
    void misfireGraceTimeAndCoalescing(boolean coalesce, String grace, double wakeUpAt, String submitted,
            String missed, String executed) {
        JobSpecBuilder spec = JobSpec.task("tick").id("job").trigger(everySecond()).coalesce(coalesce)
            .misfireGraceTime(grace.equals("none") ? null : seconds(Double.parseDouble(grace)));
        this.scheduler.addJob(spec);
        this.scheduler.start();
        this.scheduler.jump(seconds(wakeUpAt));
        assertThat(this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED))
            .singleElement()
            .satisfies((event) -> assertThat(event.scheduledRunTimes()).containsExactlyElementsOf(parse(submitted)));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactlyElementsOf(parse(missed));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(parse(executed));
    }

    private static java.util.List<java.time.ZonedDateTime> parse(String seconds) {
        if (seconds.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(seconds.split(",")).map(Double::parseDouble).map(SchedulerFixture::at)
            .toList();
    }

    @Test
    void runLateByExactlyTheGraceTimeStillRuns() {
        this.scheduler.addJob(JobSpec.task("tick").trigger(everySecond()).misfireGraceTime(Duration.ofSeconds(1)));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofSeconds(2));
        assertThat(this.fixture.ticks).containsExactly(at(2));
        this.fixture.ticks.clear();
        this.scheduler.addJob(JobSpec.task("tick").trigger(DateTrigger.of(at(3))).misfireGraceTime(seconds(1)));
        this.scheduler.jump(Duration.ofSeconds(2));
        assertThat(this.fixture.ticks).contains(at(3));
    }

    @Test
    void jobDefaultsDecideWhenTheJobDoesNot() {
        ManualScheduler scheduler = this.fixture.builder()
            .jobDefaults(dev.apscheduler.job.JobDefaults.DEFAULTS.withCoalesce(false).withMisfireGraceTime(null))
            .build();
        scheduler.addJob("tick", everySecond());
        scheduler.start();
        scheduler.jump(seconds(3.5));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2, 3));
    }

    @Test
    void finishedTriggerRemovesTheJobAfterItsLastRun() {
        this.scheduler.addJob(JobSpec.task("tick").id("three").trigger(EveryTrigger.every(Duration.ofSeconds(1),
                at(1), at(3))));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2, 3));
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void finishedTriggerRemovesTheJobEvenWhenItsLastRunsAreDueTogether() {
        this.scheduler.addJob(JobSpec.task("tick").id("three").coalesce(false)
            .misfireGraceTime(null).trigger(EveryTrigger.every(Duration.ofSeconds(1), at(1), at(3))));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofSeconds(10));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 2, 3));
        assertThat(this.scheduler.getJobs()).isEmpty();
    }

    @Test
    void nextRunTimeGivenOverridesTheTriggersFirstFireTime() {
        this.scheduler.addJob(JobSpec.task("tick").trigger(EveryTrigger.every(Duration.ofSeconds(10), at(10)))
            .nextRunTime(at(3)));
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(20));
        assertThat(this.fixture.ticks).containsExactly(at(3), at(13));
    }

    @Test
    void jobAddedPausedDoesNotRunUntilResumed() {
        this.scheduler.addJob(JobSpec.task("tick").id("paused").trigger(everySecond()).paused());
        this.scheduler.start();
        this.scheduler.advance(Duration.ofSeconds(5));
        assertThat(this.fixture.ticks).isEmpty();
        assertThat(this.scheduler.getJob("paused").orElseThrow().isPaused()).isTrue();
        this.scheduler.resumeJob("paused");
        this.scheduler.advance(Duration.ofSeconds(2));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(5, 6, 7));
    }

    @Test
    void clockJumpSubmitsAtMostAThousandRunTimesAndSkipsAheadFromNow() {
        this.scheduler.addJob(JobSpec.task("tick").id("jumpy").trigger(everySecond()).coalesce(false));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofDays(1));
        var submissions = this.fixture.events.events(JobSubmissionEvent.class, EventCodes.JOB_SUBMITTED);
        assertThat(submissions).hasSize(2);
        assertThat(submissions.get(0).scheduledRunTimes()).hasSize(1000).startsWith(at(9001)).endsWith(at(10000));
        assertThat(submissions.get(1).scheduledRunTimes()).containsExactly(T0.plusDays(1));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED)).hasSize(1000);
        assertThat(this.fixture.ticks).containsExactly(T0.plusDays(1));
        assertThat(this.scheduler.getJob("jumpy").orElseThrow().nextRunTime()).contains(T0.plusDays(1).plusSeconds(1));
    }

    @Test
    void clockJumpWithCoalescingRunsTheJobOnceAtTheCurrentFireTime() {
        this.scheduler.addJob(JobSpec.task("tick").id("jumpy").trigger(everySecond()));
        this.scheduler.start();
        this.scheduler.jump(Duration.ofDays(1));
        assertThat(this.fixture.ticks).containsExactly(T0.plusDays(1));
        assertThat(this.fixture.events.events(JobExecutionEvent.class, EventCodes.JOB_MISSED))
            .extracting(JobExecutionEvent::scheduledRunTime).containsExactly(at(10000));
    }

}
