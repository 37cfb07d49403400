package dev.apscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.trigger.DateTrigger;
import org.junit.jupiter.api.Test;

/**
 * Jobs, job specifications, changes, defaults and the task registry: validation and immutability.
 */
class JobModelTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    private static JobBuilder job() {
        return Job.builder().id("j").task(TaskReference.named("t")).trigger(DateTrigger.of(T0));
    }

    @Test
    void defaultsAreAPSchedulers() {
        assertThat(JobDefaults.DEFAULT_MISFIRE_GRACE_TIME).isEqualTo(Duration.ofSeconds(1));
        assertThat(JobDefaults.DEFAULT_COALESCE).isTrue();
        assertThat(JobDefaults.DEFAULT_MAX_INSTANCES).isEqualTo(1);
        assertThat(JobDefaults.DEFAULTS).isEqualTo(new JobDefaults(Duration.ofSeconds(1), true, 1));
    }

    @Test
    void defaultsRejectBadValuesNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobDefaults.DEFAULTS.withMaxInstances(0))
            .withMessage("max_instances must be >= 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JobDefaults.DEFAULTS.withMisfireGraceTime(Duration.ZERO))
            .withMessage("misfire_grace_time must be positive or null (run however late), was PT0S");
        assertThat(JobDefaults.DEFAULTS.withMisfireGraceTime(null).misfireGraceTimeIfLimited()).isEmpty();
    }

    @Test
    void jobRejectsBadValuesNamingTheJob() {
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> job().maxInstances(0).build())
            .withMessage("Job 'j': max_instances must be >= 1, was 0");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> job().misfireGraceTime(Duration.ofSeconds(-1)).build())
            .withMessageStartingWith("Job 'j': misfire_grace_time must be positive");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> Job.builder().id("j").trigger(DateTrigger.of(T0)).build())
            .withMessage("Job 'j': a task is required");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> Job.builder().id("j").task(TaskReference.named("t")).build())
            .withMessage("Job 'j': a trigger is required");
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> job().id(" ").build())
            .withMessageStartingWith("job id must not be blank, was ' '");
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> job().executor("").build())
            .withMessage("Job 'j': executor alias must not be blank");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> job().kwargs(Map.of("when", T0)).build())
            .withMessageStartingWith("Job 'j': kwargs['when'] = 2030-01-01T00:00Z[UTC] (a java.time.ZonedDateTime)");
    }

    @Test
    void jobIsImmutable() {
        List<Object> args = new ArrayList<>(List.of("a"));
        Job job = job().args(args).build();
        args.add("b");
        assertThat(job.args()).containsExactly("a");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> job.args().add("c"));
        assertThat(job.withNextRunTime(T0)).isNotSameAs(job).isNotEqualTo(job);
        assertThat(job.withNextRunTime(T0).withNextRunTime(null)).isEqualTo(job);
    }

    @Test
    void jobsWithTheSameInstantAreEqualWhateverTheZone() {
        assertThat(job().nextRunTime(T0).build())
            .isEqualTo(job().nextRunTime(T0.withZoneSameInstant(ZoneId.of("Asia/Tokyo"))).build());
    }

    @Test
    void jobPrintsLikeAPScheduler() {
        assertThat(job().name("Report").nextRunTime(T0).build())
            .hasToString("Report (trigger: date[2030-01-01 00:00:00 UTC], next run at: 2030-01-01 00:00:00 UTC)");
        assertThat(job().build()).hasToString("t (trigger: date[2030-01-01 00:00:00 UTC], paused)");
    }

    @Test
    void specSettersValidateAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobSpec.task("t").maxInstances(0))
            .withMessage("max_instances must be >= 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JobSpec.task(" "))
            .withMessage("task name must not be blank, was ' '");
        assertThatIllegalArgumentException().isThrownBy(() -> JobSpec.task("t").id(""))
            .withMessageStartingWith("job id must not be blank, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> JobSpec.task("t").jobstore(""))
            .withMessage("jobstore alias must not be blank, was ''");
    }

    @Test
    void specTellsGivenFromNotGiven() {
        JobSpec unset = JobSpec.task("t").build();
        assertThat(unset.nextRunTimeGiven()).isFalse();
        assertThat(unset.misfireGraceTimeGiven()).isFalse();
        assertThat(unset.coalesce()).isEmpty();
        assertThat(unset.trigger()).isEmpty();
        JobSpec paused = JobSpec.task("t").paused().misfireGraceTime(null).trigger("date", Map.of()).build();
        assertThat(paused.nextRunTimeGiven()).isTrue();
        assertThat(paused.nextRunTime()).isEmpty();
        assertThat(paused.misfireGraceTimeGiven()).isTrue();
        assertThat(paused.misfireGraceTime()).isEmpty();
        assertThat(paused.triggerAlias()).contains("date");
    }

    @Test
    void specIsACopyOfTheBuilder() {
        JobSpecBuilder builder = JobSpec.task("t").id("first");
        JobSpec spec = builder.build();
        builder.id("second");
        assertThat(spec.id()).contains("first");
    }

    @Test
    void changesApplyOnlyWhatTheySet() {
        Job job = job().name("keep").args("x").nextRunTime(T0).build();
        Job changed = JobChanges.builder().maxInstances(3).task("other").build().applyTo(job);
        assertThat(changed.maxInstances()).isEqualTo(3);
        assertThat(changed.task()).isEqualTo(TaskReference.named("other"));
        assertThat(changed.name()).isEqualTo("keep");
        assertThat(changed.args()).containsExactly("x");
        assertThat(changed.nextRunTime()).contains(T0);
        assertThat(JobChanges.nextRunTime(null).applyTo(job).isPaused()).isTrue();
    }

    @Test
    void changingTheTaskOfAJobNamedAfterItRenamesIt() {
        Job job = job().build();
        assertThat(JobChanges.builder().task("other").build().applyTo(job).name()).isEqualTo("other");
    }

    @Test
    void registryRefusesDuplicateAndBlankNames() {
        TaskRegistry registry = new TaskRegistry().register("a", () -> { });
        assertThatIllegalArgumentException().isThrownBy(() -> registry.register("a", () -> { }))
            .withMessage("a task named 'a' is already registered");
        assertThatIllegalArgumentException().isThrownBy(() -> registry.register(" ", () -> { }))
            .withMessage("task name must not be blank, was ' '");
        registry.registerCallable("b", () -> 1);
        registry.registerAction("c", (context) -> context.jobId().length());
        assertThat(registry.names()).containsExactly("a", "b", "c");
        assertThat(registry.unregister("a")).isTrue();
        assertThat(registry.find("a")).isEmpty();
        assertThat(registry.find("b")).isPresent();
    }

    @Test
    void adaptedTasksReturnWhatTheirCodeReturns() throws Exception {
        JobContext context = new JobContext("j", "r", "n", "t", T0, List.of(), Map.of(), "default", "default");
        List<String> seen = new ArrayList<>();
        assertThat(Task.of((Runnable) () -> seen.add("runnable")).run(context)).isNull();
        assertThat(Task.of((Task.Action) (c) -> seen.add(c.jobId())).run(context)).isNull();
        assertThat(Task.of(() -> "called").run(context)).isEqualTo("called");
        assertThat(seen).containsExactly("runnable", "j");
    }

    @Test
    void inlineCodeIsDescribedAfterItsClass() {
        Runnable lambda = () -> { };
        assertThat(TaskReference.describe(lambda)).isEqualTo("JobModelTests.<lambda>");
        assertThat(TaskReference.describe(new Named())).isEqualTo("JobModelTests$Named");
        assertThat(TaskReference.inline(lambda)).hasToString("inline JobModelTests.<lambda>");
    }

    @Test
    void contextGivesArgumentsByPositionAndName() {
        JobContext context = new JobContext("j", "r", "n", "t", T0, java.util.Arrays.asList("a", null), Map.of("k", 1),
                "default", "default");
        assertThat(context.arg(0)).contains("a");
        assertThat(context.arg(1)).isEmpty();
        assertThat(context.arg(5)).isEmpty();
        assertThat(context.kwarg("k")).contains(1);
        assertThat(context.kwarg("x")).isEmpty();
    }

    private static final class Named implements Runnable {

        @Override
        public void run() {
        }

    }

}
