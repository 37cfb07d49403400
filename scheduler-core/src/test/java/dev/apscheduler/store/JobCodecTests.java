package dev.apscheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.InvalidJobException;
import dev.apscheduler.JobRestoreException;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.support.CountdownTrigger;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.DateTrigger;
import dev.apscheduler.trigger.InvalidTriggerException;
import dev.apscheduler.trigger.Trigger;
import dev.apscheduler.trigger.TriggerRegistry;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobCodecTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 12, 0, 0, 0, ZoneId.of("Europe/Helsinki"));

    private final JobCodec codec = new JobCodec(ZoneId.of("UTC"), MutableClock.at(T0));

    private Job job() {
        return Job.builder().id("report").name("Daily report").task(TaskReference.named("send-report"))
            .args("ops", 3, 2.5, List.of(1, "x"), null).kwargs(Map.of("to", "ops", "retries", 3L))
            .trigger(DateTrigger.of(T0.plusDays(1))).executor("pool").jobstore("db")
            .misfireGraceTime(Duration.ofMillis(30_500)).coalesce(false).maxInstances(2).nextRunTime(T0).build();
    }

    @Test
    void roundTripRestoresAnEqualJob() {
        Job job = job();
        assertThat(this.codec.decode(this.codec.encode(job), "db")).isEqualTo(job);
    }

    @Test
    void roundTripRestoresEveryTriggerKind() {
        List<Trigger> triggers = List.of(
                Triggers.interval().minutes(5).startDate(T0).endDate(T0.plusDays(1)).jitter(Duration.ofSeconds(3))
                    .build(),
                Triggers.cron().dayOfWeek("mon-fri").hour("9").minute("30").timezone(ZoneId.of("Europe/Helsinki"))
                    .build(),
                Triggers.crontab("0 0 * * 0", ZoneId.of("UTC")),
                Triggers.create("calendarinterval", Map.of("months", 1, "hour", 3), ZoneId.of("UTC")),
                Triggers.or(Triggers.crontab("0 3 * * *", ZoneId.of("UTC")), Triggers.date(T0.plusDays(2))));
        for (Trigger trigger : triggers) {
            Job job = job().toBuilder().trigger(trigger).build();
            assertThat(this.codec.decode(this.codec.encode(job), "db")).as(trigger.describe()).isEqualTo(job);
        }
    }

    @Test
    void roundTripKeepsPausedJobsAndUnlimitedGraceTime() {
        Job job = job().toBuilder().nextRunTime(null).misfireGraceTime(null).build();
        Job restored = this.codec.decode(this.codec.encode(job), "db");
        assertThat(restored.isPaused()).isTrue();
        assertThat(restored.misfireGraceTime()).isEmpty();
        assertThat(restored).isEqualTo(job);
    }

    @Test
    void restoredJobBelongsToTheRestoringStore() {
        assertThat(this.codec.decode(this.codec.encode(job()), "other").jobstore()).isEqualTo("other");
    }

    @Test
    void writesReadableJsonWithTheTaskNameAndTriggerParameters() {
        Map<?, ?> json = JsonMapper.builder().build().readValue(this.codec.encode(job()), Map.class);
        assertThat(json.get("version")).isEqualTo(1);
        assertThat(json.get("task")).isEqualTo("send-report");
        assertThat(json.get("trigger")).isEqualTo(Map.of("alias", "date", "params",
                Map.of("run_date", "2030-01-02T12:00:00+02:00", "timezone", "Europe/Helsinki")));
        assertThat(json.get("misfire_grace_time")).isEqualTo(30.5);
        assertThat(json.get("next_run_time")).isEqualTo("2030-01-01T12:00:00+02:00[Europe/Helsinki]");
    }

    @Test
    void refusesToEncodeInlineCode() {
        Job inline = job().toBuilder().task(TaskReference.inline(() -> { })).build();
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> this.codec.encode(inline))
            .withMessageContaining("Job 'report' runs inline code")
            .withMessageContaining("job store 'db' cannot persist");
    }

    @Test
    void unknownTaskNameIsNotARestoreFailure() {
        Job job = job().toBuilder().task(TaskReference.named("no-such-task")).build();
        assertThat(this.codec.decode(this.codec.encode(job), "db").task().name()).isEqualTo("no-such-task");
    }

    @Test
    void corruptJsonFailsWithAnUnknownId() {
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode("{not json", "db"))
            .withMessageStartingWith("Job '?' cannot be restored: corrupt JSON")
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("?"));
    }

    @Test
    void unknownTriggerAliasFailsWithTheJobId() {
        Job job = job().toBuilder().trigger(EveryTrigger.every(Duration.ofSeconds(2), T0)).build();
        // written by an application that registered the kind, read by one that did not
        String json = new JobCodec(ZoneId.of("UTC"), MutableClock.at(T0),
                TriggerRegistry.defaults().with(List.of(new EveryTriggerFactory()))).encode(job);
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode(json, "db"))
            .withMessageStartingWith("Job 'report' cannot be restored: unknown trigger alias 'every'")
            .withCauseInstanceOf(InvalidTriggerException.class)
            .satisfies((ex) -> assertThat(ex.jobId()).isEqualTo("report"));
    }

    @Test
    void registeredTriggerKindsRoundTrip() {
        JobCodec codec = new JobCodec(ZoneId.of("UTC"), MutableClock.at(T0),
                TriggerRegistry.defaults().with(List.of(new EveryTriggerFactory())));
        for (Trigger trigger : List.of(EveryTrigger.every(Duration.ofSeconds(2), T0),
                new CountdownTrigger(Duration.ofSeconds(5), 3, T0),
                Triggers.and(EveryTrigger.every(Duration.ofSeconds(2), T0), Triggers.crontab("* * * * *")))) {
            Job job = job().toBuilder().trigger(trigger).build();
            String json = codec.encode(job);
            assertThat(json).as(trigger.describe()).contains("\"alias\":\"" + trigger.alias() + "\"");
            assertThat(codec.decode(json, "db")).as(trigger.describe()).isEqualTo(job);
        }
    }

    @Test
    void encodingRefusesATriggerKindItCouldNotRestore() {
        Job job = job().toBuilder().trigger(Triggers.or(Triggers.crontab("0 3 * * *", ZoneId.of("UTC")),
                EveryTrigger.every(Duration.ofSeconds(2), T0))).build();
        assertThatExceptionOfType(InvalidJobException.class).isThrownBy(() -> this.codec.encode(job))
            .withMessageStartingWith("Job 'report' has a trigger of kind 'every' (or[cron[crontab='0 3 * * *'], "
                    + "every[PT2S]]) that job store 'db' could not restore, so it is not stored: unknown trigger "
                    + "alias 'every'")
            .withMessageContaining("register a dev.apscheduler.trigger.TriggerFactory")
            .withMessageContaining("SchedulerBuilder.triggerFactory");
    }

    @Test
    void invalidTriggerParametersFailWithTheJobId() {
        String json = this.codec.encode(job()).replace("2030-01-02T12:00:00+02:00", "tomorrow");
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode(json, "db"))
            .withMessageContaining("Job 'report' cannot be restored")
            .withMessageContaining("run_date")
            .withMessageContaining("tomorrow");
    }

    @Test
    void missingFieldFailsNamingIt() {
        String json = this.codec.encode(job()).replace("\"executor\":\"pool\",", "");
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode(json, "db"))
            .withMessage("Job 'report' cannot be restored: field 'executor' is missing");
    }

    @Test
    void wrongFieldTypeFailsNamingIt() {
        String json = this.codec.encode(job()).replace("\"max_instances\":2", "\"max_instances\":\"two\"");
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode(json, "db"))
            .withMessage("Job 'report' cannot be restored: field 'max_instances' must be a whole number, was 'two'");
    }

    @Test
    void invalidOptionValueFailsWithTheJobId() {
        String json = this.codec.encode(job()).replace("\"max_instances\":2", "\"max_instances\":0");
        assertThatExceptionOfType(JobRestoreException.class).isThrownBy(() -> this.codec.decode(json, "db"))
            .withMessageContaining("Job 'report' cannot be restored")
            .withMessageContaining("max_instances must be >= 1, was 0");
    }

}
