package dev.apscheduler.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.ConflictingIdException;
import dev.apscheduler.JobBatchException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.JobSpecBuilder;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.SchedulerApplicationEvent;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerJpaAutoConfiguration;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adding, changing or removing a job of the {@code jpa} store inside the application's transaction joins it: a
 * rolled-back add leaves no row and is never announced; a committed one is stored, and its event (the core's, the
 * Spring application event, the log line) comes once the transaction has committed, when every other connection
 * sees the row. Outside a transaction, events come at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class TransactionalJobChangesIntegrationTests {

    private static final String SCHEMA = System.getProperty("apscheduler.test.schema", "apscheduler_jpa_test")
            + "_tx";

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

    /** A connection of its own: it sees only committed rows. */
    private static final JdbcTemplate others = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, ApschedulerJpaAutoConfiguration.class,
                ApschedulerAutoConfiguration.class))
        .withBean(TaskRegistry.class, () -> new TaskRegistry().register("tick", () -> { }))
        .withBean(JobEventLog.class)
        .withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=postgres",
                "spring.jpa.hibernate.ddl-auto=none", "apscheduler.jobstores.default.type=jpa",
                "apscheduler.jpa.initialize-schema=always");

    @BeforeEach
    void emptySchema() {
        TestDatabase.POSTGRESQL.require();
        others.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        others.execute("CREATE SCHEMA " + SCHEMA);
    }

    private static JobSpecBuilder job(String id) {
        return JobSpec.task("tick").id(id).name(id).trigger(Triggers.interval(Duration.ofHours(1)));
    }

    private static List<String> storedIds() {
        return others.queryForList("SELECT id FROM apscheduler_jobs ORDER BY id", String.class);
    }

    private static TransactionTemplate transactions(AssertableApplicationContext context) {
        return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @Test
    void rolledBackAddLeavesNoRowAndIsNeverAnnounced(CapturedOutput output) {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            RecordingListener core = RecordingListener.on(scheduler);
            JobEventLog log = context.getBean(JobEventLog.class);
            transactions(context).executeWithoutResult((status) -> {
                scheduler.addJob(job("rolled-back"));
                assertThat(scheduler.getJob("rolled-back")).isPresent();
                status.setRollbackOnly();
            });
            assertThat(storedIds()).isEmpty();
            assertThat(scheduler.getJob("rolled-back")).isEmpty();
            assertThat(core.events).isEmpty();
            assertThat(log.entries).isEmpty();
            assertThat(output).doesNotContain("Added job \"rolled-back\"");
        });
    }

    @Test
    void committedAddIsStoredAndAnnouncedOnceAfterTheCommit(CapturedOutput output) {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            RecordingListener core = RecordingListener.on(scheduler);
            JobEventLog log = context.getBean(JobEventLog.class);
            transactions(context).executeWithoutResult((status) -> {
                scheduler.addJob(job("committed"));
                assertThat(storedIds()).isEmpty();
                assertThat(core.events).isEmpty();
                assertThat(log.entries).isEmpty();
                assertThat(output).doesNotContain("Added job \"committed\"");
            });
            assertThat(storedIds()).containsExactly("committed");
            assertThat(core.events).containsExactly(new JobEvent(EventCodes.JOB_ADDED, "committed", "default"));
            assertThat(log.entries).containsExactly("JOB_ADDED committed, stored: [committed]");
            assertThat(output).contains("Added job \"committed\" to job store \"default\"");
        });
    }

    @Test
    void aBulkAddInATransactionSeesTheJobsItAddedAndAConflictLeavesItUsable() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            transactions(context).executeWithoutResult((status) -> {
                scheduler.addJob(job("first"));
                // the batch is checked on the transaction's own connection, which holds "first" uncommitted
                assertThatExceptionOfType(JobBatchException.class)
                    .isThrownBy(() -> scheduler.addJobs(List.of(job("second").build(), job("first").build())))
                    .satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(ConflictingIdException.class));
                scheduler.addJobs(List.of(job("second").build(), job("third").build()));
                assertThat(storedIds()).isEmpty();
            });
            assertThat(storedIds()).containsExactly("first", "second", "third");
            assertThat(scheduler.getJobs()).extracting(Job::id).containsExactlyInAnyOrder("first", "second", "third");
        });
    }

    @Test
    void changesAndRemovalsInATransactionAreAnnouncedAfterItCommits() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(job("a"));
            scheduler.addJob(job("b"));
            JobEventLog log = context.getBean(JobEventLog.class);
            log.entries.clear();
            transactions(context).executeWithoutResult((status) -> {
                scheduler.pauseJob("a");
                scheduler.removeJob("b");
                assertThat(log.entries).isEmpty();
            });
            assertThat(log.entries).containsExactly("JOB_MODIFIED a, stored: [a]", "JOB_REMOVED b, stored: [a]");
            assertThat(others.queryForObject("SELECT next_run_time FROM apscheduler_jobs WHERE id = 'a'", Long.class))
                .isNull();
        });
    }

    @Test
    void rolledBackRemovalKeepsTheJobAndIsNeverAnnounced() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.addJob(job("kept"));
            JobEventLog log = context.getBean(JobEventLog.class);
            log.entries.clear();
            transactions(context).executeWithoutResult((status) -> {
                scheduler.removeJob("kept");
                status.setRollbackOnly();
            });
            assertThat(storedIds()).containsExactly("kept");
            assertThat(log.entries).isEmpty();
        });
    }

    @Test
    void withoutATransactionChangesAreAnnouncedAtOnce() {
        this.runner.run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            JobEventLog log = context.getBean(JobEventLog.class);
            scheduler.addJob(job("direct"));
            assertThat(log.entries).containsExactly("JOB_ADDED direct, stored: [direct]");
        });
    }

    /**
     * Receives the job events as Spring application events, with the ids another connection sees stored at that
     * moment.
     */
    static class JobEventLog {

        final List<String> entries = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SchedulerApplicationEvent<?> event) {
            if (event.getEvent() instanceof JobEvent job) {
                this.entries.add(job.codeName() + " " + job.jobId() + ", stored: " + storedIds());
            }
        }

    }

    /**
     * Receives the scheduler's own events.
     */
    static final class RecordingListener {

        final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

        static RecordingListener on(Scheduler scheduler) {
            RecordingListener listener = new RecordingListener();
            scheduler.addListener(listener.events::add, EventCodes.JOB_ADDED | EventCodes.JOB_MODIFIED
                    | EventCodes.JOB_REMOVED);
            return listener;
        }

    }

}
