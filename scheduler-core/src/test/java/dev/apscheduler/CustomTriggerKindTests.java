package dev.apscheduler;

import static dev.apscheduler.support.SchedulerFixture.at;
import static dev.apscheduler.support.SchedulerFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.CountdownTrigger;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.support.SchedulerFixture;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;

/**
 * Trigger kinds that are not built in, in a scheduler: registered with the builder or listed in
 * {@code META-INF/services}, used by alias, kept by persistent stores through their codec, and refused by them when
 * not registered.
 */
class CustomTriggerKindTests {

    private final SchedulerFixture fixture = new SchedulerFixture();

    private final JsonStore store = new JsonStore();

    @Test
    void aKindRegisteredWithTheBuilderIsUsedByAliasAndStored() {
        ManualScheduler scheduler = this.fixture.builder().triggerFactory(new EveryTriggerFactory())
            .jobStore("db", this.store).build();
        assertThat(scheduler.triggerRegistry().aliases()).contains("every", "countdown");
        scheduler.start();
        Job job = scheduler.addJob(JobSpec.task("tick").id("every5").jobstore("db")
            .trigger("every", Map.of("seconds", 5, "start_date", "2030-01-01T00:00:05Z")));
        assertThat(job.trigger()).isInstanceOf(EveryTrigger.class);
        assertThat(this.store.rows.get("every5"))
            .contains("\"trigger\":{\"alias\":\"every\",\"params\":{\"seconds\":5,");
        scheduler.advance(Duration.ofSeconds(12));
        assertThat(this.fixture.ticks).extracting(ZonedDateTime::toInstant)
            .containsExactly(at(5).toInstant(), at(10).toInstant());
    }

    @Test
    void aKindListedInMetaInfServicesIsKnownWithoutRegistration() {
        ManualScheduler scheduler = this.fixture.builder().jobStore("db", this.store).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").id("three").jobstore("db")
            .trigger("countdown", Map.of("seconds", 2, "count", 3, "start_date", "2030-01-01 00:00:01")));
        assertThat(this.store.rows.get("three")).contains("\"alias\":\"countdown\"");
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(this.fixture.ticks).containsExactlyElementsOf(times(1, 3, 5));
        assertThat(scheduler.getJob("three")).isEmpty();
    }

    @Test
    void aPersistentStoreRefusesAKindThatIsNotRegistered() {
        ManualScheduler scheduler = this.fixture.builder().jobStore("db", this.store).build();
        scheduler.start();
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> scheduler.addJob(JobSpec.task("tick").id("every").jobstore("db")
                .trigger(EveryTrigger.every(Duration.ofSeconds(5), at(5)))))
            .withMessageStartingWith("Job 'every' has a trigger of kind 'every' (every[PT5S]) that job store 'db' "
                    + "could not restore, so it is not stored: unknown trigger alias 'every' (known: date, interval, "
                    + "cron, calendarinterval, and, or, countdown); to use a trigger kind of your own, register a "
                    + "dev.apscheduler.trigger.TriggerFactory for it");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> scheduler.addJob(JobSpec.task("tick").id("nested").jobstore("db")
                .trigger(Triggers.or(Triggers.crontab("0 3 * * *"), EveryTrigger.every(Duration.ofSeconds(5),
                        at(5))))))
            .withMessageContaining("unknown trigger alias 'every'");
        assertThat(this.store.rows).isEmpty();
        assertThat(scheduler.getJobs(null)).isEmpty();
    }

    @Test
    void aPersistentStoreRefusesAChangeToAKindThatIsNotRegistered() {
        ManualScheduler scheduler = this.fixture.builder().jobStore("db", this.store).build();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").id("job").jobstore("db").trigger("interval", Map.of("seconds", 5)));
        Job job = scheduler.rescheduleJob("job", "countdown", Map.of("seconds", 1, "count", 1,
                "start_date", "2030-01-01 00:01:00"));
        assertThat(job.trigger()).isEqualTo(new CountdownTrigger(Duration.ofSeconds(1), 1, at(60)));
        assertThat(this.store.rows.get("job")).contains("\"alias\":\"countdown\"");
        assertThatExceptionOfType(InvalidJobException.class)
            .isThrownBy(() -> scheduler.rescheduleJob("job", EveryTrigger.every(Duration.ofSeconds(5), at(5))))
            .withMessageContaining("unknown trigger alias 'every'");
        assertThat(scheduler.getJob("job")).contains(job);
    }

    @Test
    void theMemoryStoreKeepsAnyKind() {
        ManualScheduler scheduler = this.fixture.scheduler();
        scheduler.start();
        scheduler.addJob(JobSpec.task("tick").trigger(EveryTrigger.every(Duration.ofSeconds(5), at(5))));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(this.fixture.ticks).containsExactly(at(5));
    }

    @Test
    void theStoresCodecUsesTheSchedulersRegistry() {
        ManualScheduler scheduler = this.fixture.builder().triggerFactory(new EveryTriggerFactory())
            .jobStore("db", this.store).build();
        scheduler.start();
        assertThat(this.store.context.triggerRegistry()).isSameAs(scheduler.triggerRegistry());
        assertThat(this.store.context.codec().triggerRegistry().contains("every")).isTrue();
    }

    /**
     * A memory store that keeps each job as the JSON its context's codec writes, and holds what that JSON restores
     * to: a persistent store in miniature.
     */
    static final class JsonStore extends DelegatingJobStore {

        final Map<String, String> rows = new LinkedHashMap<>();

        JobStoreContext context;

        JsonStore() {
            super(new MemoryJobStore());
        }

        @Override
        public void start(JobStoreContext context) {
            this.context = context;
            super.start(context);
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public void addJob(Job job) {
            super.addJob(roundTrip(job));
        }

        @Override
        public void updateJob(Job job) {
            super.updateJob(roundTrip(job));
        }

        @Override
        public Job modifyJob(String jobId, UnaryOperator<Job> modification) {
            return super.modifyJob(jobId, (job) -> roundTrip(modification.apply(job)));
        }

        private Job roundTrip(Job job) {
            String json = this.context.codec().encode(job);
            this.rows.put(job.id(), json);
            return this.context.codec().decode(json, this.context.alias());
        }

    }

}
