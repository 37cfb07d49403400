package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5 with {@link RunnerEnvironment#workers()} threads, on the {@code RAMJobStore} or on the JDBC store
 * ({@code JobStoreTX}, clustered) in a PostgreSQL schema created from Quartz's own {@code tables_postgres.sql}.
 * Jobs are loaded in batches of {@value #LOAD_BATCH} ({@code scheduleJobs}, one transaction each) while the
 * scheduler is in standby; {@link #release()} starts it. One-shot jobs use a simple trigger with
 * {@code MISFIRE_INSTRUCTION_FIRE_NOW} (run however late), periodic ones a repeating simple trigger with the default
 * (smart) misfire policy. Trigger acquisition is batched up to the worker count, Quartz's setting for throughput.
 */
public final class QuartzRunner implements SchedulerRunner {

    private static final int LOAD_BATCH = 1000;

    private static final String GROUP = "benchmark";

    private final Scheduler scheduler;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private final @Nullable PostgresSchema schema;

    private volatile JobBody body = (scheduledTime) -> { };

    private QuartzRunner(Properties properties, @Nullable PostgresSchema schema) {
        this.schema = schema;
        try {
            this.scheduler = new StdSchedulerFactory(properties).getScheduler();
            this.scheduler.setJobFactory((bundle, scheduler) -> new BodyJob(this));
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not create the Quartz scheduler with " + properties, ex);
        }
        this.settings.put("scheduler", "Quartz " + Versions.of("quartz"));
        properties.stringPropertyNames().stream().sorted()
            .filter((name) -> !name.contains("password"))
            .forEach((name) -> this.settings.put(name, properties.getProperty(name)));
    }

    /**
     * Creates Quartz on its memory store.
     * @param environment the worker count
     * @return the runner
     */
    public static QuartzRunner ram(RunnerEnvironment environment) {
        Properties properties = common(environment, "benchmark-ram");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new QuartzRunner(properties, null);
    }

    /**
     * Creates Quartz on its clustered JDBC store in a new PostgreSQL schema.
     * @param environment the worker count and the server
     * @return the runner
     */
    public static QuartzRunner jdbcPostgres(RunnerEnvironment environment) {
        // The pool is Quartz's own (HikariCP); this one only creates the tables and is closed with the schema.
        PostgresSchema schema = PostgresSchema.create(environment, "apsbench_quartz", 1,
                "org/quartz/impl/jdbcjobstore/tables_postgres.sql");
        Properties properties = common(environment, "benchmark-jdbc");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", "benchmark");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "7500");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.dataSource.benchmark.provider", "hikaricp");
        properties.setProperty("org.quartz.dataSource.benchmark.driver", "org.postgresql.Driver");
        properties.setProperty("org.quartz.dataSource.benchmark.URL", schema.jdbcUrl());
        properties.setProperty("org.quartz.dataSource.benchmark.user", environment.postgresUser());
        properties.setProperty("org.quartz.dataSource.benchmark.password", environment.postgresPassword());
        // Quartz's advice: at least the thread count plus three.
        properties.setProperty("org.quartz.dataSource.benchmark.maxConnections",
                Integer.toString(environment.workers() + 3));
        return new QuartzRunner(properties, schema);
    }

    private static Properties common(RunnerEnvironment environment, String name) {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", name);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(environment.workers()));
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
                Integer.toString(environment.workers()));
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return properties;
    }

    @Override
    public Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void scheduleOnce(int count, Instant at, JobBody body) {
        this.body = body;
        Date start = Date.from(at);
        load(count, "once-", (i) -> TriggerBuilder.newTrigger().withIdentity("once-" + i, GROUP).startAt(start)
            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
    }

    @Override
    public void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body) {
        this.body = body;
        load(firstFireTimes.size(), "periodic-", (i) -> TriggerBuilder.newTrigger().withIdentity("periodic-" + i, GROUP)
            .startAt(Date.from(firstFireTimes.get(i))).withSchedule(SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(period.toMillis()).repeatForever())
            .build());
    }

    private void load(int count, String prefix, java.util.function.IntFunction<Trigger> trigger) {
        Map<JobDetail, Set<? extends Trigger>> batch = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                JobDetail job = JobBuilder.newJob(BodyJob.class).withIdentity(prefix + i, GROUP).build();
                batch.put(job, Set.of(trigger.apply(i)));
                if (batch.size() == LOAD_BATCH || i == count - 1) {
                    this.scheduler.scheduleJobs(batch, false);
                    batch.clear();
                }
            }
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not schedule the Quartz jobs", ex);
        }
    }

    @Override
    public void release() {
        try {
            this.scheduler.start();
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not start Quartz", ex);
        }
    }

    @Override
    public void close() {
        try {
            // Waits for running jobs, so that none is left writing to the tables about to be dropped.
            this.scheduler.shutdown(true);
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not shut Quartz down", ex);
        }
        finally {
            if (this.schema != null) {
                this.schema.close();
            }
        }
    }

    /**
     * The Quartz job class; instances come from the runner's job factory and run the runner's body.
     */
    public static final class BodyJob implements Job {

        private final @Nullable QuartzRunner runner;

        /**
         * The constructor Quartz requires of a job class; such an instance is never run.
         */
        public BodyJob() {
            this(null);
        }

        BodyJob(@Nullable QuartzRunner runner) {
            this.runner = runner;
        }

        @Override
        public void execute(JobExecutionContext context) {
            if (this.runner == null) {
                throw new IllegalStateException("Quartz created a job without the benchmark's job factory");
            }
            this.runner.body.run(context.getScheduledFireTime().toInstant());
        }

    }

}
