package dev.apscheduler.spring.boot.jpa;

import static dev.apscheduler.spring.boot.jpa.SchedulerFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import javax.sql.DataSource;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpoint;
import dev.apscheduler.spring.boot.actuate.JobExecutionHistory;
import dev.apscheduler.spring.boot.actuate.SchedulerDescriptor;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;
import dev.apscheduler.spring.boot.jpa.InspectingDataSource.Issued;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeterBinder;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeters;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobQuery;
import dev.apscheduler.store.JobSlice;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.trigger.Triggers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large store on PostgreSQL: with {@value #JOBS} rows in the table, starting a scheduler, its acquire step, counting
 * for monitoring (health, metrics, the endpoint), and listing a page read only the rows they need, as recorded by a
 * data source that counts the rows every query hands over; and the statements the store issues are served by its
 * indexes ({@code EXPLAIN}: no sequential scan of the table, no sort for the due jobs). The table lives in a schema of
 * its own so that its rows never meet the other tests'.
 */
class JpaJobStoreScaleIntegrationTests {

    static final int JOBS = 20_000;

    static final int PAUSED = 200;

    static final int DUE = 30;

    static final int UNRESTORABLE = 3;

    private static final String SCHEMA = System.getProperty("apscheduler.test.schema", "apscheduler_jpa_test")
            + "_scale";

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private static ConfigurableApplicationContext application;

    private static InspectingDataSource inspector;

    private static JdbcTemplate jdbc;

    private final SchedulerFixture fixture = new SchedulerFixture();

    private ManualScheduler scheduler;

    @BeforeAll
    static void startApplication() throws SQLException {
        TestDatabase.POSTGRESQL.require();
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        application = StoreApplications.start(TestDatabase.POSTGRESQL,
                Map.of("spring.datasource.url", SERVER + "?currentSchema=" + SCHEMA), Inspection.class);
        inspector = application.getBean(InspectingDataSource.class);
        jdbc = new JdbcTemplate(inspector);
    }

    @AfterAll
    static void stopApplication() throws SQLException {
        if (application != null) {
            application.close();
        }
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Fills the table by JDBC batches: {@value #DUE} jobs due at {@code T0}, {@value #PAUSED} paused, the others due
     * from an hour later on, and {@value #UNRESTORABLE} rows marked as unrestorable by an earlier run; then lets the
     * planner see the table as it is.
     */
    @BeforeEach
    void fillTable() {
        jdbc.update("DELETE FROM apscheduler_jobs");
        JobCodec codec = new JobCodec(ZoneOffset.UTC, this.fixture.clock);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < JOBS - UNRESTORABLE; i++) {
            ZonedDateTime next = (i < DUE) ? T0 : (i < DUE + PAUSED) ? null : T0.plusHours(1).plusSeconds(i);
            Job job = Job.builder().id(String.format(Locale.ROOT, "job-%06d", i)).task(TaskReference.named("tick"))
                .trigger(Triggers.interval().hours(1).startDate(T0).build()).nextRunTime(next).build();
            rows.add(new Object[] { job.id(), JobRows.nextRunTime(job), codec.encode(job), null });
            if (rows.size() == 1_000) {
                insert(rows);
            }
        }
        for (int i = 0; i < UNRESTORABLE; i++) {
            rows.add(new Object[] { "broken-" + i, JobRows.ceilMicros(T0.toInstant()), "{\"version\":1,",
                    "cannot be restored: corrupt JSON" });
        }
        insert(rows);
        jdbc.execute("VACUUM ANALYZE apscheduler_jobs");
    }

    private static void insert(List<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO apscheduler_jobs (id, next_run_time, job_state, version, restore_error) "
                + "VALUES (?, ?, ?, 0, ?)", rows);
        rows.clear();
    }

    @AfterEach
    void stopScheduler() {
        inspector.stop();
        if (this.scheduler != null) {
            this.scheduler.shutdown();
        }
    }

    private List<Issued> recorded(Runnable operation) {
        inspector.record();
        operation.run();
        return inspector.stop();
    }

    private static int rowsRead(List<Issued> statements, Predicate<Issued> which) {
        return statements.stream().filter(which).mapToInt((issued) -> issued.rows().get()).sum();
    }

    @Test
    void startReadsOnlyTheRowsMarkedUnrestorable() {
        List<Issued> statements = recorded(() -> this.scheduler = this.fixture.start(application));
        assertThat(rowsRead(statements, Issued::readsJobStates)).as("%s", statements).isEqualTo(UNRESTORABLE);
        assertThat(rowsRead(statements, (issued) -> true)).as("%s", statements).isLessThan(UNRESTORABLE + 10);
        assertThat(this.fixture.events(EventCodes.JOB_RESTORE_FAILED)).hasSize(UNRESTORABLE);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM apscheduler_jobs WHERE restore_error IS NOT NULL",
                Integer.class)).isEqualTo(UNRESTORABLE);
    }

    @Test
    void acquireStepReadsOnlyTheDueRows() {
        this.scheduler = this.fixture.start(application);
        List<Issued> statements = recorded(() -> this.scheduler.runDue());
        assertThat(this.fixture.runs).hasSize(DUE).containsOnly(T0);
        assertThat(rowsRead(statements, Issued::readsJobStates)).as("%s", statements).isEqualTo(DUE);
        assertThat(this.scheduler.getJob("job-000000").flatMap(Job::nextRunTime).map(ZonedDateTime::toInstant))
            .contains(T0.plusHours(1).toInstant());
    }

    @Test
    void countingForHealthAndMetricsReadsNoJob() {
        this.scheduler = this.fixture.start(application);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ApschedulerMeterBinder(this.scheduler).bindTo(registry);
        ApschedulerHealthIndicator health = new ApschedulerHealthIndicator(this.scheduler);
        List<Double> gauges = new ArrayList<>();
        Health[] checked = new Health[1];
        JobCounts[] counts = new JobCounts[1];
        List<Issued> statements = recorded(() -> {
            counts[0] = this.scheduler.jobStores().get("default").counts().orElseThrow();
            gauges.add(registry.get(ApschedulerMeters.JOBS).tag(ApschedulerMeters.STATE, ApschedulerMeters.SCHEDULED)
                .gauge().value());
            gauges.add(registry.get(ApschedulerMeters.JOBS).tag(ApschedulerMeters.STATE, ApschedulerMeters.PAUSED)
                .gauge().value());
            checked[0] = health.health();
        });
        assertThat(counts[0]).isEqualTo(new JobCounts(JOBS - UNRESTORABLE, PAUSED, UNRESTORABLE));
        assertThat(gauges).containsExactly((double) JOBS - UNRESTORABLE - PAUSED, (double) PAUSED);
        assertThat(checked[0].getDetails()).containsEntry("jobs", JOBS - UNRESTORABLE);
        assertThat(statements).isNotEmpty().noneMatch(Issued::readsJobStates)
            .allMatch((issued) -> issued.rows().get() <= 1);
    }

    @Test
    void endpointCountsEveryJobAndListsOnePage() {
        this.scheduler = this.fixture.start(application);
        ApschedulerEndpoint endpoint = new ApschedulerEndpoint(this.scheduler, new JobExecutionHistory(), List.of(),
                100);
        SchedulerDescriptor[] described = new SchedulerDescriptor[1];
        List<Issued> statements = recorded(() -> described[0] = endpoint.scheduler());
        assertThat(described[0].jobstores().get("default").jobs()).isEqualTo(JOBS - UNRESTORABLE);
        assertThat(described[0].jobstores().get("default").unrestorableJobs()).hasSize(UNRESTORABLE);
        assertThat(described[0].jobs()).hasSize(100).first().satisfies((job) -> assertThat(job.id())
            .isEqualTo("job-000000"));
        assertThat(rowsRead(statements, Issued::readsJobStates)).as("%s", statements).isEqualTo(100);
    }

    @Test
    void aPageOfJobsReadsOnlyThatPage() {
        this.scheduler = this.fixture.start(application);
        JobSlice[] slice = new JobSlice[1];
        List<Issued> statements = recorded(
                () -> slice[0] = this.scheduler.findJobs("default", JobQuery.firstPage().window(50, 50)));
        assertThat(slice[0].total()).isEqualTo(JOBS - UNRESTORABLE);
        assertThat(slice[0].jobs()).hasSize(50).first().satisfies((job) -> assertThat(job.id())
            .isEqualTo(String.format(Locale.ROOT, "job-%06d", DUE + PAUSED + 20)));
        assertThat(rowsRead(statements, Issued::readsJobStates)).as("%s", statements).isEqualTo(50);
    }

    @Test
    void theStoreQueriesUseItsIndexes() {
        List<Issued> statements = new ArrayList<>(recorded(() -> this.scheduler = this.fixture.start(application)));
        statements.addAll(recorded(() -> {
            this.scheduler.runDue();
            this.scheduler.jobStores();
            this.scheduler.findJobs("default", JobQuery.firstPage());
        }));
        List<Issued> queries = statements.stream().filter(Issued::isQuery).toList();
        assertThat(matching(queries, "for update skip locked")).allSatisfy((due) -> assertThat(explain(due))
            .doesNotContain("Seq Scan on apscheduler_jobs").doesNotContain("Sort")
            .contains("ix_apscheduler_jobs_next_run_time"));
        assertThat(matching(queries, "min(")).allSatisfy((nextRunTime) -> assertThat(explain(nextRunTime))
            .doesNotContain("Seq Scan on apscheduler_jobs").contains("ix_apscheduler_jobs_next_run_time"));
        assertThat(matching(queries, "restore_error is not null")).hasSizeGreaterThanOrEqualTo(3)
            .allSatisfy((unrestorable) -> assertThat(explain(unrestorable))
                .doesNotContain("Seq Scan on apscheduler_jobs").contains("ix_apscheduler_jobs_unrestorable"));
        assertThat(matching(queries, "rows fetch first")).allSatisfy((page) -> assertThat(explain(page))
            .doesNotContain("Seq Scan on apscheduler_jobs").doesNotContain("Sort"));
    }

    private static String lower(Issued issued) {
        return issued.sql().toLowerCase(Locale.ROOT);
    }

    private static List<Issued> matching(List<Issued> queries, String text) {
        List<Issued> matching = queries.stream().filter((issued) -> lower(issued).contains(text)).toList();
        assertThat(matching).as("queries containing '%s' among %s", text, queries).isNotEmpty();
        return matching;
    }

    private static String explain(Issued issued) {
        List<String> plan = jdbc.queryForList("EXPLAIN " + issued.sql(), String.class,
                issued.parameters().values().toArray());
        return String.join("\n", plan) + "\n(for " + issued + ")";
    }

    /**
     * Wraps the application's data source so that the test sees what the store asks of the database.
     */
    @Configuration(proxyBeanMethods = false)
    static class Inspection {

        @Bean
        static BeanPostProcessor inspectingDataSource() {
            return new BeanPostProcessor() {

                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return (bean instanceof DataSource dataSource && !(bean instanceof InspectingDataSource))
                            ? new InspectingDataSource(dataSource) : bean;
                }

            };
        }

    }

}
