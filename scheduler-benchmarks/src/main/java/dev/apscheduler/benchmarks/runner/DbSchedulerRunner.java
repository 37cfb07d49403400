package dev.apscheduler.benchmarks.runner;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * db-scheduler 16 on PostgreSQL with {@link RunnerEnvironment#workers()} threads and the {@code lock-and-fetch}
 * polling strategy ({@code SELECT ... FOR UPDATE SKIP LOCKED}). One-shot jobs are instances of a one-time task;
 * periodic jobs are instances of a custom task that reschedules itself one period after its scheduled time (fixed
 * rate, as the other systems). Jobs are loaded with {@code scheduleBatch} through a {@link SchedulerClient} before
 * the scheduler exists; {@link #release()} builds and starts it.
 */
public final class DbSchedulerRunner implements SchedulerRunner {

    /** db-scheduler polls at most this often when it finds nothing due; the reference setting. */
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

    private static final double LOWER_LIMIT_FRACTION_OF_THREADS = 0.5;

    private static final double UPPER_LIMIT_FRACTION_OF_THREADS = 1.0;

    private static final int LOAD_BATCH = 1000;

    private final RunnerEnvironment environment;

    private final PostgresSchema schema;

    private final OneTimeTask<Void> once;

    private final CustomTask<Void> periodic;

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private volatile JobBody body = (scheduledTime) -> { };

    private volatile Duration period = Duration.ofSeconds(1);

    private @Nullable Scheduler scheduler;

    /**
     * Creates the table in a new schema and the tasks.
     * @param environment the worker count and the server
     */
    public DbSchedulerRunner(RunnerEnvironment environment) {
        this.environment = environment;
        // db-scheduler's advice: a connection per thread and a few for polling and heartbeats.
        this.schema = PostgresSchema.create(environment, RunnerEnvironment.schema("dbscheduler"),
                environment.workers() + 3,
                "dev/apscheduler/benchmarks/runner/db-scheduler-postgresql.sql");
        this.once = Tasks.oneTime("benchmark-once")
            .execute((instance, context) -> this.body.run(context.getExecution().executionTime));
        this.periodic = Tasks.custom("benchmark-periodic", Void.class).execute((instance, context) -> {
            Instant scheduled = context.getExecution().executionTime;
            this.body.run(scheduled);
            return (CompletionHandler<Void>) (complete, operations) -> operations.reschedule(complete,
                    scheduled.plus(this.period));
        });
        this.settings.put("scheduler", "db-scheduler " + Versions.of("db-scheduler"));
        this.settings.put("threads", environment.workers());
        this.settings.put("polling", "lock-and-fetch, lowerLimitFractionOfThreads=" + LOWER_LIMIT_FRACTION_OF_THREADS
                + ", upperLimitFractionOfThreads=" + UPPER_LIMIT_FRACTION_OF_THREADS);
        this.settings.put("polling_interval", POLLING_INTERVAL.toString());
        this.settings.put("store", "PostgreSQL, table scheduled_tasks, HikariCP " + Versions.of("hikaricp")
                + " pool of " + (environment.workers() + 3));
        this.settings.put("periodic", "custom task rescheduling itself at scheduled time + period");
    }

    private List<Task<?>> tasks() {
        return List.of(this.once, this.periodic);
    }

    @Override
    public Map<String, Object> settings() {
        return this.settings;
    }

    @Override
    public void scheduleOnce(int count, Instant at, JobBody body) {
        this.body = body;
        load(count, (i) -> SchedulableInstance.of(this.once.instance("once-" + i), at));
    }

    @Override
    public void schedulePeriodic(List<Instant> firstFireTimes, Duration period, JobBody body) {
        this.body = body;
        this.period = period;
        load(firstFireTimes.size(),
                (i) -> SchedulableInstance.of(this.periodic.instance("periodic-" + i), firstFireTimes.get(i)));
    }

    private void load(int count, IntFunction<SchedulableInstance<?>> instance) {
        SchedulerClient client = SchedulerClient.Builder.create(this.schema.dataSource(), tasks()).build();
        List<SchedulableInstance<?>> batch = new ArrayList<>(LOAD_BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(instance.apply(i));
            if (batch.size() == LOAD_BATCH || i == count - 1) {
                client.scheduleBatch(batch);
                batch.clear();
            }
        }
    }

    /**
     * Adds instances of the one-time task due in an hour (none due during the run) before the scheduler exists,
     * through a {@link SchedulerClient}: in batches with {@code scheduleBatch} or, for a batch size of 1, one by one
     * with {@code schedule}. The instances are built before the clock starts; the stored rows are counted after it
     * stops.
     * @param count how many jobs
     * @param batchSize the instances per {@code scheduleBatch} call, 1 for {@code schedule} one by one
     * @return how long the adds took, in nanoseconds
     */
    public long timeHourlyAdds(int count, int batchSize) {
        SchedulerClient client = SchedulerClient.Builder.create(this.schema.dataSource(), tasks()).build();
        Instant at = Instant.now().plus(Duration.ofHours(1));
        List<SchedulableInstance<?>> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(SchedulableInstance.of(this.once.instance("bulk-" + i), at));
        }
        long begin = System.nanoTime();
        if (batchSize == 1) {
            instances.forEach(client::schedule);
        }
        else {
            for (int from = 0; from < count; from += batchSize) {
                client.scheduleBatch(instances.subList(from, Math.min(count, from + batchSize)));
            }
        }
        long elapsed = System.nanoTime() - begin;
        long stored = this.schema.count("scheduled_tasks");
        if (stored != count) {
            throw new IllegalStateException("expected " + count + " db-scheduler executions stored, found " + stored);
        }
        return elapsed;
    }

    /**
     * Writes executions that stay idle during a run into the table with {@code COPY} (in chunks of 50,000, one
     * transaction each), then runs {@code VACUUM ANALYZE} as autovacuum would: instances {@code idle-0000000} ... of
     * the one-time task, due one every {@code spacingMillis} from {@code first}.
     * @param count how many
     * @param first the execution time of the first
     * @param spacingMillis the time between two executions
     */
    public void preloadIdle(int count, Instant first, long spacingMillis) {
        try (Connection connection = this.schema.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < count; i++) {
                chunk.append(this.once.getName()).append(',').append(String.format(Locale.ROOT, "idle-%07d", i))
                    .append(',').append(first.plusMillis(spacingMillis * i)).append(",false,1\n");
                if ((i + 1) % 50_000 == 0 || i == count - 1) {
                    copy.copyIn("COPY scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                            + "FROM STDIN WITH (FORMAT csv)", new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE scheduled_tasks");
            }
        }
        catch (SQLException | IOException ex) {
            throw new IllegalStateException("Could not write " + count + " executions into " + this.schema.name(), ex);
        }
        long stored = this.schema.count("scheduled_tasks");
        if (stored != count) {
            throw new IllegalStateException("expected " + count + " db-scheduler executions stored, found " + stored);
        }
    }

    /**
     * Creates two db-scheduler instances on a new PostgreSQL schema: the adding one a {@link SchedulerClient} (it
     * stores executions and runs none), the running one a scheduler polling every {@link #POLLING_INTERVAL} with the
     * matrix's settings, which finds a new execution at its next poll (nothing tells it sooner). Both share one pool.
     * @param environment the worker count and the server
     * @param started called on the running instance when a job starts
     * @return the pair
     */
    public static CrossInstancePair pair(RunnerEnvironment environment, Runnable started) {
        PostgresSchema schema = PostgresSchema.create(environment, RunnerEnvironment.schema("dbscheduler_wakeup"),
                environment.workers() + 5, "dev/apscheduler/benchmarks/runner/db-scheduler-postgresql.sql");
        OneTimeTask<Void> probe = Tasks.oneTime("wakeup-probe").execute((instance, context) -> started.run());
        Scheduler running = Scheduler.create(schema.dataSource(), List.of(probe))
            .threads(environment.workers())
            .pollingInterval(POLLING_INTERVAL)
            .pollUsingLockAndFetch(LOWER_LIMIT_FRACTION_OF_THREADS, UPPER_LIMIT_FRACTION_OF_THREADS)
            .shutdownMaxWait(Duration.ofSeconds(5))
            .build();
        SchedulerClient adding = SchedulerClient.Builder.create(schema.dataSource(), List.of(probe)).build();
        running.start();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scheduler", "db-scheduler " + Versions.of("db-scheduler"));
        settings.put("instances", "a SchedulerClient adding, a Scheduler running (" + environment.workers()
                + " threads, lock-and-fetch), one HikariCP pool of " + (environment.workers() + 5));
        settings.put("wakeup", "polling: pollingInterval=" + POLLING_INTERVAL.toMillis() + " ms (the matrix's "
                + "setting; db-scheduler's default is 10 s), immediate execution off (its default)");
        settings.put("job", "a one-time task instance due now");
        return new CrossInstancePair() {

            @Override
            public Map<String, Object> settings() {
                return settings;
            }

            @Override
            public long addDueNow(int i) {
                adding.schedule(probe.instance("probe-" + i), Instant.now());
                return System.nanoTime();
            }

            @Override
            public void close() {
                try {
                    running.stop();
                }
                finally {
                    schema.close();
                }
            }

        };
    }

    @Override
    public void release() {
        Scheduler scheduler = Scheduler.create(this.schema.dataSource(), tasks())
            .threads(this.environment.workers())
            .pollingInterval(POLLING_INTERVAL)
            .pollUsingLockAndFetch(LOWER_LIMIT_FRACTION_OF_THREADS, UPPER_LIMIT_FRACTION_OF_THREADS)
            .shutdownMaxWait(Duration.ofSeconds(5))
            .build();
        this.scheduler = scheduler;
        scheduler.start();
    }

    @Override
    public void close() {
        try {
            if (this.scheduler != null) {
                this.scheduler.stop();
            }
        }
        finally {
            this.schema.close();
        }
    }

}
