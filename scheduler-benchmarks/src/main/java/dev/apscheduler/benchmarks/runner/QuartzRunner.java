package dev.apscheduler.benchmarks.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.quartz.impl.SchedulerRepository;
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

    private static final String TABLES = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

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
        PostgresSchema schema = PostgresSchema.create(environment, RunnerEnvironment.schema("quartz"), 1, TABLES);
        return new QuartzRunner(jdbcProperties(environment, schema, "benchmark-jdbc", "benchmark"), schema);
    }

    /**
     * Creates two instances of one Quartz cluster ({@code JobStoreTX}, clustered) on a new PostgreSQL schema, each
     * with its own pool, as two application instances: the adding one stays in standby (it stores jobs and fires
     * none), the running one is started. With no trigger due, a Quartz instance looks for new ones every
     * {@code idleWaitTime} (less up to 20%); a job scheduled on another instance is found there, as nothing tells
     * it.
     * @param environment the worker count and the server
     * @param idleWait Quartz's {@code org.quartz.scheduler.idleWaitTime} (at least 1 s, its default 30 s)
     * @param started called on the running instance when a job starts
     * @return the pair
     */
    public static CrossInstancePair clusteredPair(RunnerEnvironment environment, Duration idleWait,
            Runnable started) {
        PostgresSchema schema = PostgresSchema.create(environment, RunnerEnvironment.schema("quartz_wakeup"), 1,
                TABLES);
        try {
            Scheduler adding = clusterInstance(environment, schema, "adding", idleWait);
            adding.setJobFactory((bundle, scheduler) -> (context) -> {
                throw new IllegalStateException("the adding instance is in standby and runs nothing");
            });
            Scheduler running = clusterInstance(environment, schema, "running", idleWait);
            running.setJobFactory((bundle, scheduler) -> (context) -> started.run());
            running.start();
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("scheduler", "Quartz " + Versions.of("quartz"));
            settings.put("instances", "2 of one cluster (JobStoreTX, isClustered=true, acquireTriggersWithinLock="
                    + "true, a HikariCP pool each); the adding one in standby");
            settings.put("wakeup", "polling: idleWaitTime=" + idleWait.toMillis() + " ms (Quartz's minimum; its "
                    + "default is 30 s)");
            settings.put("job", "a simple trigger starting now, MISFIRE_INSTRUCTION_FIRE_NOW");
            return new QuartzPair(adding, running, schema, settings);
        }
        catch (SchedulerException ex) {
            schema.close();
            throw new IllegalStateException("Could not start the Quartz cluster on " + schema.name(), ex);
        }
    }

    private static Scheduler clusterInstance(RunnerEnvironment environment, PostgresSchema schema, String instance,
            Duration idleWait) throws SchedulerException {
        String name = "benchmark-cluster";
        Properties properties = jdbcProperties(environment, schema, name, "benchmark-" + instance);
        properties.setProperty("org.quartz.scheduler.instanceId", instance);
        properties.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWait.toMillis()));
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        // Quartz keeps one scheduler per name in a JVM, and the instances of a cluster share theirs.
        SchedulerRepository.getInstance().remove(name);
        return scheduler;
    }

    private static Properties jdbcProperties(RunnerEnvironment environment, PostgresSchema schema, String name,
            String dataSource) {
        Properties properties = common(environment, name);
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "7500");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        String prefix = "org.quartz.dataSource." + dataSource + ".";
        properties.setProperty(prefix + "provider", "hikaricp");
        properties.setProperty(prefix + "driver", "org.postgresql.Driver");
        properties.setProperty(prefix + "URL", schema.jdbcUrl());
        properties.setProperty(prefix + "user", environment.postgresUser());
        properties.setProperty(prefix + "password", environment.postgresPassword());
        // Quartz's advice: at least the thread count plus three.
        properties.setProperty(prefix + "maxConnections", Integer.toString(environment.workers() + 3));
        return properties;
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

    /**
     * Adds jobs with an hourly repeating trigger (none due during the run) while the scheduler is in standby: in
     * batches with {@code scheduleJobs(Map, false)} (one transaction each) or, for a batch size of 1, one by one with
     * {@code scheduleJob}. The jobs and triggers are built before the clock starts; the stored triggers are counted
     * after it stops.
     * @param count how many jobs
     * @param batchSize the jobs per {@code scheduleJobs} call, 1 for {@code scheduleJob} one by one
     * @return how long the adds took, in nanoseconds
     */
    public long timeHourlyAdds(int count, int batchSize) {
        if (this.schema == null) {
            throw new IllegalStateException("bulk adds are measured on the JDBC store, not on " + this.settings);
        }
        Date start = Date.from(Instant.now().plus(Duration.ofHours(1)));
        List<Map<JobDetail, Set<? extends Trigger>>> batches = new ArrayList<>();
        Map<JobDetail, Set<? extends Trigger>> batch = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JobDetail job = JobBuilder.newJob(BodyJob.class).withIdentity("bulk-" + i, GROUP).build();
            batch.put(job, Set.of(TriggerBuilder.newTrigger().withIdentity("bulk-" + i, GROUP).startAt(start)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInHours(1).repeatForever())
                .build()));
            if (batch.size() == batchSize || i == count - 1) {
                batches.add(batch);
                batch = new HashMap<>();
            }
        }
        long begin = System.nanoTime();
        try {
            for (Map<JobDetail, Set<? extends Trigger>> jobs : batches) {
                if (batchSize == 1) {
                    Map.Entry<JobDetail, Set<? extends Trigger>> job = jobs.entrySet().iterator().next();
                    this.scheduler.scheduleJob(job.getKey(), job.getValue().iterator().next());
                }
                else {
                    this.scheduler.scheduleJobs(jobs, false);
                }
            }
        }
        catch (SchedulerException ex) {
            throw new IllegalStateException("Could not schedule the Quartz jobs", ex);
        }
        long elapsed = System.nanoTime() - begin;
        long stored = this.schema.count("qrtz_triggers");
        if (stored != count) {
            throw new IllegalStateException("expected " + count + " Quartz triggers stored, found " + stored);
        }
        return elapsed;
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

    /**
     * Two instances of one Quartz cluster, the adding one in standby.
     */
    private static final class QuartzPair implements CrossInstancePair {

        private final Scheduler adding;

        private final Scheduler running;

        private final PostgresSchema schema;

        private final Map<String, Object> settings;

        QuartzPair(Scheduler adding, Scheduler running, PostgresSchema schema, Map<String, Object> settings) {
            this.adding = adding;
            this.running = running;
            this.schema = schema;
            this.settings = settings;
        }

        @Override
        public Map<String, Object> settings() {
            return this.settings;
        }

        @Override
        public long addDueNow(int i) throws SchedulerException {
            JobDetail job = JobBuilder.newJob(BodyJob.class).withIdentity("probe-" + i, GROUP).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("probe-" + i, GROUP).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
            this.adding.scheduleJob(job, trigger);
            return System.nanoTime();
        }

        @Override
        public void close() {
            try {
                this.running.shutdown(true);
                this.adding.shutdown(false);
            }
            catch (SchedulerException ex) {
                throw new IllegalStateException("Could not shut the Quartz cluster down", ex);
            }
            finally {
                this.schema.close();
            }
        }

    }

}
