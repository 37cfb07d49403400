package dev.apscheduler.spring.boot.jpa;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A manually driven scheduler on an application's {@code jpa} store, configured the way the starter's
 * auto-configuration does it (the store factory bean and {@code apscheduler.jobstores.default.type}), with a task
 * {@code tick} that records the fire times it runs for, and every event recorded.
 */
final class SchedulerFixture {

    static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    final MutableClock clock = MutableClock.at(T0);

    final List<ZonedDateTime> runs = new CopyOnWriteArrayList<>();

    final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    final TaskRegistry tasks = new TaskRegistry()
        .registerAction("tick", (job) -> this.runs.add(job.scheduledFireTime()));

    /** The store the last start created (the scheduler gives out snapshots of its stores, never the stores). */
    volatile @Nullable JpaJobStore store;

    ManualScheduler start(ConfigurableApplicationContext application) {
        return start(application, "jpa");
    }

    ManualScheduler start(ConfigurableApplicationContext application, String type) {
        ManualScheduler scheduler = ManualScheduler.builder().clock(this.clock).timezone(ZoneOffset.UTC)
            .taskRegistry(this.tasks)
            .jobStoreFactory(capturing(application.getBean(JpaJobStoreFactory.class)))
            .config(Map.of("apscheduler.jobstores.default.type", type, "apscheduler.jobstore_retry_interval", "5"))
            .listener(this.events::add, EventCodes.ALL)
            .build();
        scheduler.start();
        return scheduler;
    }

    JpaJobStore store() {
        return Objects.requireNonNull(this.store, "no store created yet");
    }

    private JobStoreFactory capturing(JpaJobStoreFactory factory) {
        return new JobStoreFactory() {

            @Override
            public String type() {
                return factory.type();
            }

            @Override
            public List<String> aliases() {
                return factory.aliases();
            }

            @Override
            public JobStore create(ComponentOptions options) {
                JpaJobStore created = (JpaJobStore) factory.create(options);
                SchedulerFixture.this.store = created;
                return created;
            }

        };
    }

    List<SchedulerEvent> events(int code) {
        return this.events.stream().filter((event) -> event.code() == code).toList();
    }

    List<ZonedDateTime> missed() {
        return events(EventCodes.JOB_MISSED).stream()
            .map((event) -> ((JobExecutionEvent) event).scheduledRunTime())
            .toList();
    }

}
