package dev.apscheduler.benchmarks;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.benchmarks.runner.JpaInstances;
import dev.apscheduler.benchmarks.runner.RunnerEnvironment;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.jpa.JpaJobStoreFactory;

/**
 * Measures how soon a job added through one scheduler instance starts on another, both with the {@code jpa} store on
 * one new schema of the machine's PostgreSQL server (each instance with its own Spring context and connection pool,
 * as two application instances would be) and waking each other through {@code LISTEN}/{@code NOTIFY}
 * ({@code listen_notify}, on by default). The adding instance is started paused, so that it stores jobs and runs
 * none; the running one sleeps up to 30 s ({@code max_wait}) unless woken. Each change is one {@code addJob} of a
 * job due now, timed from the moment its transaction committed ({@code addJob} returned) to the moment the job
 * started on the other instance ({@link WakeupLatency}). Prints one JSON line with the percentiles.
 *
 * <pre>
 * java -cp scheduler-benchmarks/target/benchmarks.jar dev.apscheduler.benchmarks.JpaWakeupLatency \
 *     [changes [postgres-url]]
 * </pre>
 */
public final class JpaWakeupLatency {

    private static final String TASK = "wakeup-probe";

    private static final String MAX_WAIT = "30s";

    private JpaWakeupLatency() {
    }

    /**
     * Runs the measurement.
     * @param args the number of changes to time (default 1000), after 100 unmeasured ones; the JDBC URL of the
     * PostgreSQL database (default the machine's, user {@code postgres})
     * @throws Exception if the database cannot be reached or a change is not heard
     */
    public static void main(String[] args) throws Exception {
        int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
        RunnerEnvironment defaults = RunnerEnvironment.defaults();
        RunnerEnvironment environment = new RunnerEnvironment(defaults.workers(),
                (args.length > 1) ? args[1] : defaults.postgresUrl(), defaults.postgresUser(),
                defaults.postgresPassword(), "none");
        WakeupLatency.Measured measured = measure(environment, 100, changes);
        WakeupLatency.print(measured.sorted(), "system", "apscheduler-jpa-postgres", "workload", "wakeup",
                "measured", String.valueOf(measured.settings().get("measured")), "store",
                String.valueOf(measured.settings().get("store")), "listen_notify", "true", "max_wait", MAX_WAIT);
        // Hibernate and the pools may leave non-daemon threads behind; the figures are printed, so end here.
        System.exit(0);
    }

    /**
     * Times changes on two instances sharing a new schema.
     * @param environment where the server is
     * @param warmups the unmeasured changes first
     * @param changes the measured changes
     * @return the latencies and the setup
     * @throws Exception if the database cannot be reached or a change is not heard
     */
    static WakeupLatency.Measured measure(RunnerEnvironment environment, int warmups, int changes) throws Exception {
        WakeupLatency latency = new WakeupLatency();
        try (JpaInstances instances = JpaInstances.postgres(environment, RunnerEnvironment.schema("wakeup"), 2)) {
            BackgroundScheduler adding = scheduler(instances.factory(0));
            BackgroundScheduler running = scheduler(instances.factory(1));
            adding.taskRegistry().registerAction(TASK, (context) -> {
                throw new IllegalStateException("the adding instance is paused and runs nothing");
            });
            running.taskRegistry().registerAction(TASK, (context) -> latency.heard());
            adding.start(true);
            running.start();
            try {
                Thread.sleep(1000);
                long[] latencies = latency.measure(warmups, changes, (i) -> {
                    adding.addJob(JobSpec.task(TASK).id("probe-" + i).misfireGraceTime(null));
                    return System.nanoTime();
                });
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("measured", "addJob committed on one instance to the job starting on the other");
                settings.put("instances", "2 schedulers, a Spring context and HikariCP pool each; the adding one "
                        + "started paused");
                settings.put("wakeup", "LISTEN/NOTIFY (listen_notify=true), max_wait=" + MAX_WAIT);
                settings.put("store", instances.description());
                return new WakeupLatency.Measured(latencies, settings);
            }
            finally {
                adding.shutdown(false);
                running.shutdown(true);
            }
        }
    }

    private static BackgroundScheduler scheduler(JpaJobStoreFactory factory) {
        BackgroundScheduler scheduler = BackgroundScheduler.builder().timezone(ZoneOffset.UTC)
            .jobStoreFactory(factory).historyStore(null).build();
        scheduler.addJobStore("jpa", "default", Map.of("max_wait", MAX_WAIT));
        return scheduler;
    }

}
