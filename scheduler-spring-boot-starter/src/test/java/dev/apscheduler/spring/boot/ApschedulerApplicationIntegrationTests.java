package dev.apscheduler.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.annotation.ScheduledJob;
import dev.apscheduler.spring.boot.autoconfigure.SchedulerCustomizer;
import dev.apscheduler.spring.boot.support.RecordedEvents;
import dev.apscheduler.testing.MutableClock;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A Spring Boot application on an embedded H2 database with annotated interval, cron and date jobs, jobs on
 * {@code @Transactional} and aspect-advised beans, a job declared in properties and a job added at run time: all of
 * them really run on the auto-configured background scheduler as the test moves its clock on.
 */
@SpringBootTest(classes = ApschedulerApplicationIntegrationTests.TestApplication.class,
        properties = { "spring.datasource.generate-unique-name=true", "spring.jpa.open-in-view=false",
                "apscheduler.timezone=UTC", "apscheduler.executors.default.max-workers=4",
                "apscheduler.jobs.greeting.task=greet", "apscheduler.jobs.greeting.params.minutes=10",
                "apscheduler.jobs.greeting.args[0]=configuration" })
class ApschedulerApplicationIntegrationTests {

    static final ZonedDateTime T0 = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

    @Autowired
    private Scheduler scheduler;

    @Autowired
    private MutableClock clock;

    @Autowired
    private TimedJobs timedJobs;

    @Autowired
    private TransactionalJobs transactionalJobs;

    @Autowired
    private AuditedJobs auditedJobs;

    @Autowired
    private AuditAspect auditAspect;

    @Autowired
    private RecordedEvents events;

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Test
    void runsEveryKindOfJobAsTimeGoesBy() {
        assertThat(this.scheduler.executors().get("default")).satisfies((executor) -> {
                assertThat(executor.type()).isEqualTo("threadpool");
                assertThat(executor.maxWorkers()).isEqualTo(4);
            });
        assertThat(AopUtils.isAopProxy(this.transactionalJobs)).isTrue();
        assertThat(AopUtils.isAopProxy(this.auditedJobs)).isTrue();
        this.scheduler.addJob(JobSpec.task("greet")
            .id("dynamic")
            .args("run time")
            .trigger("date", Map.of("run_date", "2030-01-01 00:07:00")));
        assertThat(this.scheduler.getJobs()).extracting(Job::id)
            .containsExactlyInAnyOrder("timedJobs.everyMinute", "timedJobs.everyFiveMinutes", "timedJobs.once",
                    "transactionalJobs.record", "auditedJobs.audited", "greeting", "dynamic");
        awaitRuns(0, "timedJobs.everyFiveMinutes");
        for (int minute = 1; minute <= 10; minute++) {
            advanceTo(minute);
        }
        assertThat(this.timedJobs.runs("interval")).containsExactlyElementsOf(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(this.timedJobs.runs("cron")).containsExactlyElementsOf(minutes(0, 5, 10));
        assertThat(this.timedJobs.runs("date")).containsExactlyElementsOf(minutes(2));
        assertThat(returnValues("dynamic")).containsExactly("hello, run time");
        assertThat(returnValues("greeting")).containsExactly("hello, configuration");
        // a proxy's fields are not the target's: read through a method
        assertThat(this.transactionalJobs.inTransaction()).hasSize(10).containsOnly(true);
        assertThat(this.auditAspect.calls).hasValue(10);
        assertThat(this.scheduler.getJob("timedJobs.once")).isEmpty();
        assertThat(this.jdbcTemplate.queryForObject("select count(*) from job_runs", Integer.class)).isEqualTo(10);
    }

    /**
     * Moves the clock to a minute and waits until every run due then has finished, so that no run is found late
     * or still running when the clock moves on.
     */
    private void advanceTo(int minute) {
        this.clock.advance(Duration.ofMinutes(1));
        this.scheduler.wakeup();
        List<String> due = new ArrayList<>(
                List.of("timedJobs.everyMinute", "transactionalJobs.record", "auditedJobs.audited"));
        if (minute % 5 == 0) {
            due.add("timedJobs.everyFiveMinutes");
        }
        if (minute == 2) {
            due.add("timedJobs.once");
        }
        if (minute == 7) {
            due.add("dynamic");
        }
        if (minute == 10) {
            due.add("greeting");
        }
        awaitRuns(minute, due.toArray(String[]::new));
    }

    private void awaitRuns(int minute, String... jobIds) {
        ZonedDateTime fireTime = T0.plusMinutes(minute);
        await().untilAsserted(() -> {
            for (String jobId : jobIds) {
                assertThat(this.events.executions(jobId)).as(jobId + " at " + fireTime)
                    .anySatisfy((event) -> {
                        assertThat(event.code()).isEqualTo(EventCodes.JOB_EXECUTED);
                        assertThat(event.scheduledRunTime()).isEqualTo(fireTime);
                    });
            }
        });
    }

    private List<Object> returnValues(String jobId) {
        return this.events.executions(jobId)
            .stream()
            .filter((event) -> event.code() == EventCodes.JOB_EXECUTED)
            .map(JobExecutionEvent::returnValue)
            .toList();
    }

    private static List<ZonedDateTime> minutes(int... minutes) {
        return Arrays.stream(minutes).mapToObj(T0::plusMinutes).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        MutableClock clock() {
            return MutableClock.at(T0);
        }

        @Bean
        SchedulerCustomizer clockCustomizer(MutableClock clock) {
            return (builder) -> builder.clock(clock);
        }

        @Bean
        TimedJobs timedJobs() {
            return new TimedJobs();
        }

        @Bean
        TransactionalJobs transactionalJobs(JdbcTemplate jdbcTemplate) {
            return new TransactionalJobs(jdbcTemplate);
        }

        @Bean
        AuditedJobs auditedJobs() {
            return new AuditedJobs();
        }

        @Bean
        AuditAspect auditAspect() {
            return new AuditAspect();
        }

        @Bean
        Tasks tasks() {
            return new Tasks();
        }

        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }

    }

    static class TimedJobs {

        private final Map<String, List<ZonedDateTime>> runs = Map.of("interval", new CopyOnWriteArrayList<>(),
                "cron", new CopyOnWriteArrayList<>(), "date", new CopyOnWriteArrayList<>());

        @ScheduledJob(minutes = "1")
        void everyMinute(JobContext context) {
            this.runs.get("interval").add(context.scheduledFireTime());
        }

        @ScheduledJob(cron = "*/5 * * * *")
        void everyFiveMinutes(JobContext context) {
            this.runs.get("cron").add(context.scheduledFireTime());
        }

        @ScheduledJob(runDate = "2030-01-01 00:02:00")
        void once(JobContext context) {
            this.runs.get("date").add(context.scheduledFireTime());
        }

        List<ZonedDateTime> runs(String kind) {
            return this.runs.get(kind);
        }

    }

    static class TransactionalJobs {

        private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

        private final JdbcTemplate jdbcTemplate;

        TransactionalJobs(JdbcTemplate jdbcTemplate) {
            this.jdbcTemplate = jdbcTemplate;
            jdbcTemplate.execute("create table job_runs (fire_time varchar(64) primary key)");
        }

        @Transactional
        @ScheduledJob(minutes = "1")
        public void record(JobContext context) {
            this.jdbcTemplate.update("insert into job_runs (fire_time) values (?)",
                    context.scheduledFireTime().toString());
            this.inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        }

        public List<Boolean> inTransaction() {
            return this.inTransaction;
        }

    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Audited {

    }

    static class AuditedJobs {

        @Audited
        @ScheduledJob(minutes = "1")
        public void audited() {
        }

    }

    @Aspect
    static class AuditAspect {

        final AtomicInteger calls = new AtomicInteger();

        @Around("@annotation(dev.apscheduler.spring.boot.ApschedulerApplicationIntegrationTests.Audited)")
        Object count(ProceedingJoinPoint joinPoint) throws Throwable {
            this.calls.incrementAndGet();
            return joinPoint.proceed();
        }

    }

    static class Tasks {

        @JobTask("greet")
        String greet(String name) {
            return "hello, " + name;
        }

    }

}
