package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.store.JobStoreContext;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wake-ups across instances of the JPA store through PostgreSQL's {@code LISTEN}/{@code NOTIFY}: a committed add,
 * replacement or modification made by one instance wakes the others at once, not the instance that made it; a
 * rolled-back add, a removal and an acquire step notify no one. On H2 the store does not listen, and it never does
 * with {@code listen-notify} off.
 */
class JpaNotificationsIntegrationTests {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final List<JpaJobStore> stores = new ArrayList<>();

    @AfterEach
    void stop() {
        this.stores.forEach((store) -> {
            store.removeAllJobs();
            store.shutdown();
        });
    }

    @Test
    void onPostgresqlCommittedChangesOfAnotherInstanceWakeTheSchedulerAtOnce() throws Exception {
        ConfigurableApplicationContext first = StoreApplications.shared(TestDatabase.POSTGRESQL, 1);
        ConfigurableApplicationContext second = StoreApplications.shared(TestDatabase.POSTGRESQL, 2);
        AtomicInteger remote = new AtomicInteger();
        JpaJobStore changing = start(first, ComponentOptions.empty("apscheduler.jobstores.default."), () -> { });
        JpaJobStore listening = start(second, ComponentOptions.empty("apscheduler.jobstores.default."),
                remote::incrementAndGet);
        changing.removeAllJobs();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                List.of(changing.notificationState(), listening.notificationState()))
            .containsOnly(PostgresNotifications.State.LISTENING));
        // what the changing instance sends, seen on a connection of the test's own (other tests' stores may share
        // the schema and wake the listening instance too, so its wake-ups are only counted up)
        try (Connection observer = first.getBean(DataSource.class).getConnection()) {
            try (Statement statement = observer.createStatement()) {
                statement.execute("LISTEN " + PostgresNotifications.CHANNEL);
            }
            int before = remote.get();
            changing.addJob(job("a", T0));
            await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > before);
            int afterAdd = remote.get();
            changing.modifyJob("a", (job) -> job.withNextRunTime(T0.minusMinutes(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > afterAdd);
            int afterModify = remote.get();
            changing.updateJob(job("a", T0.minusMinutes(2)));
            await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > afterModify);
            assertThat(sent(observer, changing)).isEqualTo(3);
            // nothing made due sooner: an acquire step, a removal, an add rolled back with the caller's transaction
            assertThat(changing.acquireDueJobs(T0.toInstant(), 10,
                    (job) -> JobDecision.reschedule(List.of(T0.minusMinutes(2)), T0.plusHours(1))))
                .extracting((acquired) -> acquired.job().id()).containsExactly("a");
            changing.removeJob("a");
            TransactionTemplate transaction = new TransactionTemplate(
                    first.getBean(PlatformTransactionManager.class));
            transaction.executeWithoutResult((status) -> {
                changing.addJob(job("rolled-back", T0));
                status.setRollbackOnly();
            });
            assertThat(changing.lookupJob("rolled-back")).isEmpty();
            int beforeLast = remote.get();
            changing.addJob(job("b", T0));
            await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > beforeLast);
            assertThat(sent(observer, changing)).isEqualTo(1);
            try (Statement statement = observer.createStatement()) {
                statement.execute("UNLISTEN " + PostgresNotifications.CHANNEL);
            }
        }
        // an instance's own changes do not wake it
        AtomicInteger own = new AtomicInteger();
        JpaJobStore alone = start(second, ComponentOptions.empty("apscheduler.jobstores.default."),
                own::incrementAndGet);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> alone.notificationState() == PostgresNotifications.State.LISTENING);
        int woken = remote.get();
        alone.addJob(job("c", T0));
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.get() > woken);
        assertThat(own.get()).isZero();
    }

    /**
     * Counts the notifications a store instance sent that the observing connection received meanwhile.
     */
    private static int sent(Connection observer, JpaJobStore store) throws SQLException {
        try (Statement statement = observer.createStatement()) {
            statement.execute("SELECT 1");
        }
        PGNotification[] received = observer.unwrap(PGConnection.class).getNotifications(1000);
        int count = 0;
        for (PGNotification notification : (received != null) ? received : new PGNotification[0]) {
            if (notification.getParameter().endsWith("|" + store.origin())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void onH2TheStoreDoesNotListen() {
        JpaJobStore store = start(StoreApplications.shared(TestDatabase.H2, 1),
                ComponentOptions.empty("apscheduler.jobstores.default."), () -> { });
        await().atMost(Duration.ofSeconds(10))
            .until(() -> store.notificationState() == PostgresNotifications.State.UNSUPPORTED);
        store.addJob(job("a", T0));
        assertThat(store.lookupJob("a")).isPresent();
    }

    @Test
    void turnedOffTheStoreDoesNotListen() {
        JpaJobStore store = start(StoreApplications.shared(TestDatabase.POSTGRESQL, 1),
                ComponentOptions.of("apscheduler.jobstores.default.", java.util.Map.of("listen-notify", "false")),
                () -> { });
        assertThat(store.notificationState()).isNull();
    }

    private JpaJobStore start(ConfigurableApplicationContext context, ComponentOptions options, Runnable wakeup) {
        JpaJobStore store = (JpaJobStore) context.getBean(JpaJobStoreFactory.class).create(options);
        store.start(JobStoreContext.of("default", Clock.systemUTC(), ZoneOffset.UTC, (failure) -> { })
            .withWakeup(wakeup));
        this.stores.add(store);
        return store;
    }

    private static Job job(String id, ZonedDateTime next) {
        return Job.builder().id(id).task(TaskReference.named("report")).trigger(Triggers.date(next))
            .jobstore("default").nextRunTime(next).build();
    }

}
